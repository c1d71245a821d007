package uk.sendplan.planner.solver;

import java.util.function.Consumer;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.ProblemValidationException;
import uk.sendplan.planner.domain.ProblemValidator;

/**
 * The planner's front door. Validates the problem, computes the reactive baseline, solves the
 * exact min-cost flow (the proven optimum when every rule is per child; otherwise OptaPlanner's
 * local search starts from it), and returns a {@link Plan}. Stateless and thread-safe: one instance can serve many solves at once (each
 * solve uses one thread plus any move threads asked for).
 */
public final class PlacementPlanner {

    /**
     * Solves on the calling thread.
     *
     * @throws ProblemValidationException listing every error, before anything is solved
     */
    public Plan solve(PlacementProblem problem, SolveOptions options) {
        return solve(problem, options, progress -> { });
    }

    /**
     * Solves on the calling thread, reporting each new best plan to {@code onBestSolution} (called
     * on the solving thread: keep it quick).
     *
     * @throws ProblemValidationException listing every error, before anything is solved
     */
    public Plan solve(PlacementProblem problem, SolveOptions options, Consumer<PlanProgress> onBestSolution) {
        ProblemValidator.requireValid(problem);
        return new PlanningRun(problem, options, onBestSolution).run();
    }

    /**
     * Starts a solve on a new background thread and returns at once.
     *
     * @param onBestSolution called on the job's thread with each new best plan; keep it quick
     * @throws ProblemValidationException listing every error; no job is started
     */
    public PlanJob start(PlacementProblem problem, SolveOptions options, Consumer<PlanProgress> onBestSolution) {
        ProblemValidator.requireValid(problem);
        return new PlanJob(new PlanningRun(problem, options, onBestSolution));
    }
}
