package uk.sendplan.planner.solver;

import java.util.List;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.ProblemValidator;
import uk.sendplan.planner.domain.Setting;

/**
 * Reactive commissioning, the yardstick: pinned children keep their places, then the requests in
 * problem order each take the nearest setting that fits them and still has room. Nobody is moved
 * to make room for anyone else.
 */
public final class ReactiveBaseline {

    private ReactiveBaseline() {
    }

    /** The reactive plan for a problem, scored by the same constraints as the planner's plans. */
    public static Plan plan(PlacementProblem problem) {
        ProblemValidator.requireValid(problem);
        PlacementNetwork network = new PlacementNetwork(problem);
        int[] assignment = assign(network);
        String score = DirectScore.of(network, assignment).toString();
        return PlanAssembler.assemble(network, assignment, score, PlanAssembler.summarise(network, assignment, score),
                assignment, null);
    }

    static int[] assign(PlacementNetwork network) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        CostModel costModel = network.costModel();
        int[] assignment = new int[requests.size()];
        int[] occupancy = new int[settings.size()];
        for (int r = 0; r < requests.size(); r++) {
            assignment[r] = network.isPinned(r) ? network.pinnedSetting(r) : -1;
            if (network.isPinned(r)) {
                occupancy[network.pinnedSetting(r)]++;
            }
        }
        for (int r = 0; r < requests.size(); r++) {
            if (network.isPinned(r)) {
                continue;
            }
            PlacementRequest request = requests.get(r);
            int nearest = -1;
            double nearestKm = Double.POSITIVE_INFINITY;
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                int s = network.pairSetting(p);
                if (occupancy[s] >= settings.get(s).capacity()) {
                    continue;
                }
                double km = costModel.distanceKm(request, settings.get(s));
                if (km < nearestKm) {
                    nearestKm = km;
                    nearest = s;
                }
            }
            if (nearest >= 0) {
                assignment[r] = nearest;
                occupancy[nearest]++;
            }
        }
        return assignment;
    }
}
