package uk.sendplan.planner.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem fact: at most {@code cap} children of local authority {@code laCode} in independent
 * settings in this plan (the {@link IndependentLimit} resolved against the authority's number of
 * requests). Internal to the planner.
 */
public record IndependentCap(String laCode, int cap) {

    /** The problem's limits as counts, in LA-code order; an authority with no child in the problem gets none. */
    public static List<IndependentCap> resolve(PlacementProblem problem) {
        Map<String, Integer> children = new HashMap<>();
        for (PlacementRequest request : problem.requests()) {
            children.merge(request.laCode(), 1, Integer::sum);
        }
        List<IndependentCap> caps = new ArrayList<>();
        problem.parameters().independentLimits().forEach((laCode, limit) -> {
            Integer count = children.get(laCode);
            if (count != null) {
                caps.add(new IndependentCap(laCode, limit.cap(count)));
            }
        });
        return List.copyOf(caps);
    }
}
