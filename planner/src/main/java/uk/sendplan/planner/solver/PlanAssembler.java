package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.List;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.HardRule;
import uk.sendplan.planner.domain.PlacementCost;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/** Turns an assignment (setting index per request, -1 = unplaced) into a {@link Plan}. */
final class PlanAssembler {

    private PlanAssembler() {
    }

    /**
     * @param reactive the reactive baseline's assignment, shown child by child beside the plan's
     * @param bound    the lower bound the plan is measured against, or {@code null} for none (the reactive plan)
     */
    static Plan assemble(PlacementNetwork network, int[] assignment, String score, BaselineSummary baseline,
                         int[] reactive, Construction bound) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        CostModel costModel = network.costModel();
        int[] occupancy = occupancy(network, assignment);
        UnplacedReasons reasons = new UnplacedReasons(network, occupancy);
        List<Assignment> assignments = new ArrayList<>(requests.size());
        List<UnplacedRequest> unplaced = new ArrayList<>();
        long total = 0;
        for (int r = 0; r < requests.size(); r++) {
            PlacementRequest request = requests.get(r);
            if (assignment[r] < 0) {
                unplaced.add(reasons.explain(r));
                continue;
            }
            Setting setting = settings.get(assignment[r]);
            PlacementCost cost = costModel.cost(request, setting);
            total += cost.annualCost();
            Setting reactiveSetting = reactive[r] < 0 ? null : settings.get(reactive[r]);
            assignments.add(new Assignment(request.id(), setting.id(), cost.annualCost(), cost.fee(),
                    cost.transportCost(), round(cost.distanceKm(), 100), round(cost.travelMinutes(), 10),
                    network.isPinned(r), costModel.penalties(request, setting),
                    costModel.violations(request, setting).stream().map(HardRule::constraintName).toList(),
                    reactiveSetting == null ? null : reactiveSetting.id(),
                    reactiveSetting == null ? null : costModel.annualCost(request, reactiveSetting)));
        }
        boolean proven = false;
        Double gap = null;
        if (bound != null) {
            long objective = Objective.of(network, assignment, bound.unplacedPenalty());
            proven = bound.proven() || objective <= bound.lowerBound();
            long pounds = Math.max(1, objective - countUnplacedFree(network, assignment) * bound.unplacedPenalty());
            gap = proven ? 0.0 : Math.round(Math.max(0, objective - bound.lowerBound()) * 10_000.0 / pounds) / 100.0;
        }
        // the values belong to the flow's optimum: only a plan that is that very assignment carries them
        List<PlaceValue> values = bound != null && bound.placeValues() != null && java.util.Arrays.equals(assignment, bound.assignment())
                ? bound.placeValues() : null;
        return new Plan(network.problem().name(), score, unplaced.size(), total, baseline, assignments, unplaced,
                proven, gap, values);
    }

    private static long countUnplacedFree(PlacementNetwork network, int[] assignment) {
        long count = 0;
        for (int r = 0; r < assignment.length; r++) {
            if (!network.isPinned(r) && assignment[r] < 0) {
                count++;
            }
        }
        return count;
    }

    static BaselineSummary summarise(PlacementNetwork network, int[] assignment, String score) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        int unplaced = 0;
        long total = 0;
        for (int r = 0; r < requests.size(); r++) {
            if (assignment[r] < 0) {
                unplaced++;
            } else {
                total += network.costModel().annualCost(requests.get(r), settings.get(assignment[r]));
            }
        }
        return new BaselineSummary(unplaced, total, score);
    }

    static int[] occupancy(PlacementNetwork network, int[] assignment) {
        int[] occupancy = new int[network.settingCount()];
        for (int s : assignment) {
            if (s >= 0) {
                occupancy[s]++;
            }
        }
        return occupancy;
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
