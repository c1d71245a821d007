package uk.sendplan.planner.solver;

import java.util.List;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.ProblemValidator;
import uk.sendplan.planner.domain.Setting;

/**
 * The proven optimum of a problem's placement part, by the exact min-cost flow alone (no
 * OptaPlanner): the yardstick for the benchmarks and a quick answer to "how many children can be
 * placed at best, and at what cost?".
 */
public final class ExactOptimum {

    /**
     * @param placedCount     most children that can be placed
     * @param unplacedCount   the rest
     * @param totalAnnualCost annual cost of the optimal plan
     * @param softCost        annual cost plus policy penalties: minus the optimal soft score
     * @param certified       the flow passed the LP optimality certificate (reduced-cost check)
     */
    public record Result(int placedCount, int unplacedCount, long totalAnnualCost, long softCost,
                         boolean certified) {
    }

    private ExactOptimum() {
    }

    public static Result solve(PlacementProblem problem) {
        ProblemValidator.requireValid(problem);
        PlacementNetwork network = new PlacementNetwork(problem);
        ExactPlacementFlow flow = ExactPlacementFlow.solve(network);
        List<PlacementRequest> requests = problem.requests();
        List<Setting> settings = problem.settings();
        long total = 0;
        for (int r = 0; r < requests.size(); r++) {
            if (flow.settingOf(r) >= 0) {
                total += network.costModel().annualCost(requests.get(r), settings.get(flow.settingOf(r)));
            }
        }
        return new Result(requests.size() - flow.unplacedCount(), flow.unplacedCount(), total, flow.softCost(),
                flow.certified());
    }
}
