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

    static Plan assemble(PlacementNetwork network, int[] assignment, String score, BaselineSummary baseline) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        CostModel costModel = network.costModel();
        int[] occupancy = occupancy(network, assignment);
        List<Assignment> assignments = new ArrayList<>(requests.size());
        List<UnplacedRequest> unplaced = new ArrayList<>();
        long total = 0;
        for (int r = 0; r < requests.size(); r++) {
            PlacementRequest request = requests.get(r);
            if (assignment[r] < 0) {
                unplaced.add(UnplacedReasons.explain(network, r, occupancy));
                continue;
            }
            Setting setting = settings.get(assignment[r]);
            PlacementCost cost = costModel.cost(request, setting);
            total += cost.annualCost();
            assignments.add(new Assignment(request.id(), setting.id(), cost.annualCost(), cost.fee(),
                    cost.transportCost(), round(cost.distanceKm(), 100), round(cost.travelMinutes(), 10),
                    network.isPinned(r), costModel.penalties(request, setting),
                    costModel.violations(request, setting).stream().map(HardRule::constraintName).toList()));
        }
        return new Plan(network.problem().name(), score, unplaced.size(), total, baseline, assignments, unplaced);
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
