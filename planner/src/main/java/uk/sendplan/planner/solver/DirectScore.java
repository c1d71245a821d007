package uk.sendplan.planner.solver;

import java.util.List;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.IndependentCap;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * The score {@link PlacementConstraintProvider} gives an assignment, added up straight from the cost model. A plan
 * that needs no local search (every rule per child) and the reactive baseline are scored here: building an
 * OptaPlanner score director for one full calculation costs more than the calculation (and, in a fresh JVM, seconds
 * of class loading). Each term below is one constraint's, in the provider's order; DirectScoreTest checks the two
 * agree on generated problems that break every rule.
 */
final class DirectScore {

    private DirectScore() {
    }

    /** @param assignment setting index per request (pinned ones in their kept setting), -1 = unplaced */
    static HardMediumSoftLongScore of(PlacementNetwork network, int[] assignment) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        CostModel costModel = network.costModel();
        long hard = 0;
        long unplaced = 0;
        long soft = 0;
        int[] occupancy = new int[settings.size()];
        for (int r = 0; r < assignment.length; r++) {
            PlacementRequest request = requests.get(r);
            int s = assignment[r];
            if (s < 0) {
                unplaced++;
                if (request.keepCurrent()) {
                    hard++;
                }
                continue;
            }
            Setting setting = settings.get(s);
            occupancy[s]++;
            // the nine pairwise hard rules, one constraint each
            hard += costModel.violations(request, setting).size();
            if (request.keepCurrent() && !setting.id().equals(request.currentSettingId())) {
                hard++;
            }
            soft += costModel.softCost(request, setting);
        }
        for (int s = 0; s < occupancy.length; s++) {
            hard += Math.max(0, occupancy[s] - settings.get(s).capacity());
        }
        List<IndependentCap> caps = network.independentCaps();
        long[] independent = new long[caps.size()];
        for (int r = 0; r < assignment.length; r++) {
            int cap = network.capOf(r);
            if (cap >= 0 && assignment[r] >= 0 && settings.get(assignment[r]).type().isIndependent()) {
                independent[cap]++;
            }
        }
        for (int c = 0; c < caps.size(); c++) {
            hard += Math.max(0, independent[c] - caps.get(c).cap());
        }
        soft += Objective.siblingsApart(network, assignment);
        return HardMediumSoftLongScore.of(-hard, -unplaced, -soft);
    }
}
