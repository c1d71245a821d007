package uk.sendplan.planner.solver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * A plan's medium and soft scores folded into one number in pounds, the way the flow weighs them:
 * each unplaced free child at the flow's unplaced penalty, plus the soft cost of every free child's
 * placement and the siblings-apart penalties. Pinned children are fixed and left out, as in the flow.
 */
final class Objective {

    private Objective() {
    }

    static long of(PlacementNetwork network, int[] assignment, long unplacedPenalty) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        long total = 0;
        for (int r = 0; r < assignment.length; r++) {
            if (network.isPinned(r)) {
                continue;
            }
            total += assignment[r] < 0 ? unplacedPenalty
                    : network.costModel().softCost(requests.get(r), settings.get(assignment[r]));
        }
        return total + siblingsApart(network, assignment);
    }

    /** The siblings-apart penalty: each pair of placed siblings in different settings. */
    static long siblingsApart(PlacementNetwork network, int[] assignment) {
        long weight = network.problem().parameters().weights().siblingsApart();
        if (weight == 0) {
            return 0;
        }
        List<PlacementRequest> requests = network.problem().requests();
        Map<String, Map<Integer, Integer>> settingsByGroup = new HashMap<>();
        Map<String, Integer> placedByGroup = new HashMap<>();
        for (int r = 0; r < assignment.length; r++) {
            String group = requests.get(r).siblingGroup();
            if (group != null && assignment[r] >= 0) {
                settingsByGroup.computeIfAbsent(group, g -> new HashMap<>()).merge(assignment[r], 1, Integer::sum);
                placedByGroup.merge(group, 1, Integer::sum);
            }
        }
        long pairsApart = 0;
        for (Map.Entry<String, Map<Integer, Integer>> group : settingsByGroup.entrySet()) {
            long placed = placedByGroup.get(group.getKey());
            long pairsTogether = 0;
            for (int together : group.getValue().values()) {
                pairsTogether += (long) together * (together - 1) / 2;
            }
            pairsApart += placed * (placed - 1) / 2 - pairsTogether;
        }
        return pairsApart * weight;
    }
}
