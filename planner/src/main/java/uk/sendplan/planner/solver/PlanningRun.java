package uk.sendplan.planner.solver;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.PlacementSolution;
import uk.sendplan.planner.domain.Setting;

/** One solve of one problem: preparation, baseline, exact construction, local search, the plan. */
final class PlanningRun {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningRun.class);

    private final PlacementProblem problem;
    private final SolveOptions options;
    private final Consumer<PlanProgress> onBestSolution;
    private volatile boolean cancelRequested;
    private volatile Solver<PlacementSolution> solver;
    private volatile PlanProgress latestProgress;
    /** The construction's start plan and bound; set on the solver thread before any best plan is reported. */
    private volatile Construction construction;
    private long startNanos;
    private int[] baselineAssignment;

    PlanningRun(PlacementProblem problem, SolveOptions options, Consumer<PlanProgress> onBestSolution) {
        this.problem = problem;
        this.options = options;
        this.onBestSolution = onBestSolution;
    }

    Plan run() {
        startNanos = System.nanoTime();
        PlacementNetwork network = new PlacementNetwork(problem);
        SolverFactory<PlacementSolution> factory =
                SolverFactory.create(SolverConfigs.solving(options, new ExactConstructionCommand(network,
                        this::afterConstruction), !network.pairwiseOnly()));
        SolutionManager<PlacementSolution, HardMediumSoftLongScore> scoring = SolutionManager.create(factory);
        int[] baselineAssignment = ReactiveBaseline.assign(network);
        String baselineScore = scoring.update(Solutions.build(network, baselineAssignment)).toString();
        BaselineSummary baseline = PlanAssembler.summarise(network, baselineAssignment, baselineScore);
        this.baselineAssignment = baselineAssignment;

        Solver<PlacementSolution> built = factory.buildSolver();
        built.addEventListener(event -> report(network, event.getNewBestSolution(), baseline));
        solver = built;
        PlacementSolution best = built.solve(Solutions.build(network, null));
        return PlanAssembler.assemble(network, Solutions.assignment(best), best.getScore().toString(), baseline,
                baselineAssignment, construction);
    }

    /** Stops the solve as soon as possible; the best plan found so far is still returned. */
    void cancel() {
        cancelRequested = true;
        Solver<PlacementSolution> current = solver;
        if (current != null) {
            current.terminateEarly();
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    PlanProgress latestProgress() {
        return latestProgress;
    }

    /**
     * A start plan proven optimal ends the solve: local search could only confirm it. OptaPlanner
     * clears an early termination when solving starts, so a cancel that arrived before then is
     * applied again here, after the construction has produced a plan.
     */
    private void afterConstruction(Construction built) {
        construction = built;
        if (cancelRequested || built.proven()) {
            solver.terminateEarly();
        }
    }

    private void report(PlacementNetwork network, PlacementSolution best, BaselineSummary baseline) {
        int[] assignment = Solutions.assignment(best);
        List<PlacementRequest> requests = problem.requests();
        List<Setting> settings = problem.settings();
        int placed = 0;
        long total = 0;
        for (int r = 0; r < assignment.length; r++) {
            if (assignment[r] >= 0) {
                placed++;
                total += network.costModel().annualCost(requests.get(r), settings.get(assignment[r]));
            }
        }
        HardMediumSoftLongScore score = best.getScore();
        String scoreText = score.toString();
        PlanProgress progress = new PlanProgress(scoreText, score.isSolutionInitialized() && score.hardScore() == 0,
                placed, assignment.length - placed, total, Duration.ofNanos(System.nanoTime() - startNanos),
                () -> PlanAssembler.assemble(network, assignment, scoreText, baseline, baselineAssignment,
                        construction));
        latestProgress = progress;
        try {
            onBestSolution.accept(progress);
        } catch (RuntimeException e) {
            // A failing listener must not end the solve: the plan is still wanted.
            LOG.warn("Best-solution listener failed; solving continues", e);
        }
    }
}
