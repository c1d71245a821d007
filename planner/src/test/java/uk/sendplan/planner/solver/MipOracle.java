package uk.sendplan.planner.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.IndependentCap;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * The whole placement problem, limits on independent placements and siblings included, as one mixed-integer
 * programme solved by SCIP (bundled with OR-Tools), built straight from the problem and the cost model, not from the
 * planner's network: the exact yardstick for the rules that make the problem harder than a flow. An assignment with a
 * few side constraints has a nearly integral linear relaxation, which is why SCIP proves sizes CP-SAT cannot. Solved
 * lexicographically like the planner's score: most children placed first, then least soft cost, with no optimality
 * tolerance on either.
 */
final class MipOracle {

    /**
     * @param optimal   both objectives proven optimal within the time
     * @param placed    children placed (pinned ones included)
     * @param softCost  annual cost plus penalties, siblings apart included (pinned ones included)
     */
    record Result(boolean optimal, int placed, long softCost) {
    }

    private MipOracle() {
    }

    /** @return the result, or null when not even the most children placed was proven within the time */
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
        MPSolver solver = MPSolver.createSolver("SCIP");
        MPObjective objective = solver.objective();
        List<MPConstraint> capacity = new ArrayList<>();
        for (int s = 0; s < settings.size(); s++) {
            capacity.add(solver.makeConstraint(0, Math.max(0, room[s])));
        }
        Map<String, MPConstraint> independentLimit = new HashMap<>();
        for (IndependentCap cap : IndependentCap.resolve(problem)) {
            independentLimit.put(cap.laCode(), solver.makeConstraint(0,
                    Math.max(0, cap.cap() - pinnedIndependent.getOrDefault(cap.laCode(), 0))));
        }
        List<Map<Integer, MPVariable>> pairs = new ArrayList<>();
        List<MPVariable> unplaced = new ArrayList<>();
        Map<Integer, MPVariable> unplacedOf = new HashMap<>();
        for (int r = 0; r < requests.size(); r++) {
            PlacementRequest request = requests.get(r);
            Map<Integer, MPVariable> row = new HashMap<>();
            pairs.add(row);
            if (request.keepCurrent()) {
                continue;
            }
            MPConstraint exactlyOne = solver.makeConstraint(1, 1);
            MPConstraint laLimit = independentLimit.get(request.laCode());
            for (int s = 0; s < settings.size(); s++) {
                Setting setting = settings.get(s);
                if (!costModel.isFeasible(request, setting)) {
                    continue;
                }
                MPVariable x = solver.makeBoolVar("");
                row.put(s, x);
                exactlyOne.setCoefficient(x, 1);
                capacity.get(s).setCoefficient(x, 1);
                objective.setCoefficient(x, costModel.softCost(request, setting));
                if (laLimit != null && setting.type().isIndependent()) {
                    laLimit.setCoefficient(x, 1);
                }
            }
            MPVariable none = solver.makeBoolVar("");
            exactlyOne.setCoefficient(none, 1);
            unplaced.add(none);
            unplacedOf.put(r, none);
        }
        long siblingWeight = problem.parameters().weights().siblingsApart();
        if (siblingWeight > 0) {
            addSiblings(solver, objective, requests, pairs, unplacedOf, siblingWeight);
        }
        MPSolverParameters exact = new MPSolverParameters();
        exact.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        solver.setTimeLimit(limit.toMillis());

        // first the most children placed: the cost terms are set aside and restored below
        Map<MPVariable, Double> cost = new HashMap<>();
        for (MPVariable v : solver.variables()) {
            double c = objective.getCoefficient(v);
            if (c != 0) {
                cost.put(v, c);
                objective.setCoefficient(v, 0);
            }
        }
        unplaced.forEach(u -> objective.setCoefficient(u, 1));
        objective.setMinimization();
        if (solver.solve(exact) != MPSolver.ResultStatus.OPTIMAL) {
            return null;
        }
        long unplacedCount = Math.round(objective.value());
        MPConstraint most = solver.makeConstraint(0, unplacedCount);
        unplaced.forEach(u -> {
            most.setCoefficient(u, 1);
            objective.setCoefficient(u, 0);
        });
        cost.forEach(objective::setCoefficient);
        MPSolver.ResultStatus status = solver.solve(exact);
        if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
            return null;
        }
        return new Result(status == MPSolver.ResultStatus.OPTIMAL, pinned + unplaced.size() - (int) unplacedCount,
                Math.round(objective.value()) + pinnedSoft);
    }

    /**
     * apart(i, j) ≥ x(i, s) − x(j, s) − unplaced(j) for every setting s open to i: when both are placed, apart
     * settings force it to 1; when j is unplaced, or i is, nothing does. One direction suffices.
     */
    private static void addSiblings(MPSolver solver, MPObjective objective, List<PlacementRequest> requests,
                                    List<Map<Integer, MPVariable>> pairs, Map<Integer, MPVariable> unplaced, long weight) {
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int r = 0; r < requests.size(); r++) {
            if (requests.get(r).siblingGroup() != null && unplaced.containsKey(r)) {
                groups.computeIfAbsent(requests.get(r).siblingGroup(), g -> new ArrayList<>()).add(r);
            }
        }
        for (List<Integer> members : groups.values()) {
            for (int a = 0; a < members.size(); a++) {
                for (int b = a + 1; b < members.size(); b++) {
                    int i = members.get(a);
                    int j = members.get(b);
                    MPVariable apart = solver.makeBoolVar("");
                    objective.setCoefficient(apart, weight);
                    for (Map.Entry<Integer, MPVariable> xi : pairs.get(i).entrySet()) {
                        // apart − x(i, s) + x(j, s) + unplaced(j) ≥ 0
                        MPConstraint c = solver.makeConstraint(0, Double.POSITIVE_INFINITY);
                        c.setCoefficient(apart, 1);
                        c.setCoefficient(xi.getValue(), -1);
                        MPVariable xj = pairs.get(j).get(xi.getKey());
                        if (xj != null) {
                            c.setCoefficient(xj, 1);
                        }
                        c.setCoefficient(unplaced.get(j), 1);
                    }
                }
            }
        }
    }
}
