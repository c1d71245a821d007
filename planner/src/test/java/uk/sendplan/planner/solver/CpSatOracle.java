package uk.sendplan.planner.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.IndependentCap;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * The whole placement problem, limits on independent placements and siblings included, as one
 * CP-SAT model built straight from the problem and the cost model (not from the planner's
 * network): the exact yardstick for the rules that make the problem harder than a flow. Solved
 * lexicographically like the planner's score: most children placed first, then least soft cost.
 */
final class CpSatOracle {

    /**
     * @param status    OPTIMAL, or FEASIBLE when the time ran out first
     * @param placed    children placed (pinned ones included)
     * @param softCost  annual cost plus penalties, siblings apart included (pinned ones included)
     * @param bound     CP-SAT's lower bound on the soft cost at that number placed (equals softCost when OPTIMAL)
     */
    record Result(CpSolverStatus status, int placed, long softCost, long bound) {
    }

    private CpSatOracle() {
    }

    static Result solve(PlacementProblem problem, Duration limit) {
        Loader.loadNativeLibraries();
        CostModel costModel = new CostModel(problem.parameters());
        List<Setting> settings = problem.settings();
        List<PlacementRequest> requests = problem.requests();
        KeptChildren kept = KeptChildren.of(problem, costModel);
        int[] room = kept.room();
        Map<String, Integer> pinnedIndependent = kept.independentByLa();
        long pinnedSoft = kept.softCost();
        int pinned = kept.count();
        long siblingWeight = problem.parameters().weights().siblingsApart();

        CpModel model = new CpModel();
        LinearExprBuilder objective = LinearExpr.newBuilder();
        List<List<BoolVar>> bySetting = new ArrayList<>();
        settings.forEach(s -> bySetting.add(new ArrayList<>()));
        Map<String, List<BoolVar>> independentByLa = new HashMap<>();
        Map<Integer, Map<Integer, BoolVar>> pairs = new HashMap<>();
        Map<Integer, BoolVar> unplaced = new HashMap<>();
        for (int r = 0; r < requests.size(); r++) {
            PlacementRequest request = requests.get(r);
            if (request.keepCurrent()) {
                continue;
            }
            List<BoolVar> choices = new ArrayList<>();
            Map<Integer, BoolVar> row = new HashMap<>();
            for (int s = 0; s < settings.size(); s++) {
                Setting setting = settings.get(s);
                if (!costModel.isFeasible(request, setting)) {
                    continue;
                }
                BoolVar x = model.newBoolVar("x" + r + "_" + s);
                choices.add(x);
                row.put(s, x);
                bySetting.get(s).add(x);
                objective.addTerm(x, costModel.softCost(request, setting));
                if (setting.type().isIndependent()) {
                    independentByLa.computeIfAbsent(request.laCode(), la -> new ArrayList<>()).add(x);
                }
            }
            BoolVar none = model.newBoolVar("u" + r);
            choices.add(none);
            model.addExactlyOne(choices.toArray(new Literal[0]));
            pairs.put(r, row);
            unplaced.put(r, none);
        }
        for (int s = 0; s < settings.size(); s++) {
            if (!bySetting.get(s).isEmpty()) {
                model.addLessOrEqual(LinearExpr.sum(bySetting.get(s).toArray(new LinearArgument[0])), Math.max(0, room[s]));
            }
        }
        for (IndependentCap cap : IndependentCap.resolve(problem)) {
            List<BoolVar> independent = independentByLa.getOrDefault(cap.laCode(), List.of());
            long left = Math.max(0, cap.cap() - pinnedIndependent.getOrDefault(cap.laCode(), 0));
            if (!independent.isEmpty()) {
                model.addLessOrEqual(LinearExpr.sum(independent.toArray(new LinearArgument[0])), left);
            }
        }
        if (siblingWeight > 0) {
            addSiblings(model, objective, requests, pairs, unplaced, siblingWeight);
        }
        // lexicographic, as the planner's medium and soft scores: most children placed, then least cost
        LinearArgument unplacedSum = LinearExpr.sum(unplaced.values().toArray(new LinearArgument[0]));
        model.minimize(unplacedSum);
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(limit.toMillis() / 1000.0).setNumWorkers(2);
        CpSolverStatus status = solver.solve(model);
        if (status != CpSolverStatus.OPTIMAL) {
            // not even the first objective proven in the time: nothing exact to compare with
            return new Result(status, -1, -1, -1);
        }
        long unplacedCount = Math.round(solver.objectiveValue());
        model.addEquality(unplacedSum, unplacedCount);
        model.minimize(objective.build());
        status = solver.solve(model);
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            throw new IllegalStateException("CP-SAT found no plan: " + status);
        }
        return new Result(status, pinned + unplaced.size() - (int) unplacedCount,
                Math.round(solver.objectiveValue()) + pinnedSoft, Math.round(solver.bestObjectiveBound()) + pinnedSoft);
    }

    /** apart(i, j) ≥ 1 − unplaced(i) − unplaced(j) − Σ over common settings s of together(i, j, s). */
    private static void addSiblings(CpModel model, LinearExprBuilder objective, List<PlacementRequest> requests,
                                    Map<Integer, Map<Integer, BoolVar>> pairs, Map<Integer, BoolVar> unplaced,
                                    long weight) {
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int r = 0; r < requests.size(); r++) {
            if (requests.get(r).siblingGroup() != null && pairs.containsKey(r)) {
                groups.computeIfAbsent(requests.get(r).siblingGroup(), g -> new ArrayList<>()).add(r);
            }
        }
        for (List<Integer> members : groups.values()) {
            for (int a = 0; a < members.size(); a++) {
                for (int b = a + 1; b < members.size(); b++) {
                    int i = members.get(a);
                    int j = members.get(b);
                    BoolVar apart = model.newBoolVar("apart" + i + "_" + j);
                    LinearExprBuilder cover = LinearExpr.newBuilder().add(apart).add(unplaced.get(i)).add(unplaced.get(j));
                    for (Map.Entry<Integer, BoolVar> xi : pairs.get(i).entrySet()) {
                        BoolVar xj = pairs.get(j).get(xi.getKey());
                        if (xj != null) {
                            BoolVar together = model.newBoolVar("t" + i + "_" + j + "_" + xi.getKey());
                            model.addLessOrEqual(together, xi.getValue());
                            model.addLessOrEqual(together, xj);
                            cover.add(together);
                        }
                    }
                    model.addGreaterOrEqual(cover.build(), 1);
                    objective.addTerm(apart, weight);
                }
            }
        }
    }
}
