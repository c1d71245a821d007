package uk.sendplan.planner.solver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.PlacementSolution;
import uk.sendplan.planner.domain.Setting;

/** One solve of one problem: preparation, baseline, exact construction, local search when a rule needs it, the plan. */
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
        int[] baselineAssignment = ReactiveBaseline.assign(network);
        BaselineSummary baseline = PlanAssembler.summarise(network, baselineAssignment,
                DirectScore.of(network, baselineAssignment).toString());
        this.baselineAssignment = baselineAssignment;
        return network.pairwiseOnly() ? construct(network, baseline) : search(network, baseline);
    }

    /**
     * Every rule is per child, so the exact construction is the optimum and nothing could improve on it: the plan is
     * the flow's, scored directly. OptaPlanner would only wrap the same construction in a solver, a score director
     * and a cloned solution (a third of a 2,000-child solve, and seconds of class loading in a fresh service). A
     * cancel cannot cut the construction short on either path, so the plan is the same.
     */
    private Plan construct(PlacementNetwork network, BaselineSummary baseline) {
        ExactPlacementFlow flow = ExactPlacementFlow.solve(network);
        // the place values (a shortest-path search over every pair) on the other core while this one explains the plan
        CompletableFuture<List<PlaceValue>> values = ExactConstructionCommand.placeValuesExact(network, flow)
                ? CompletableFuture.supplyAsync(() -> CapacityValues.of(network, flow))
                : CompletableFuture.completedFuture(null);
        Construction bound = ExactConstructionCommand.of(network, flow);
        construction = bound;
        HardMediumSoftLongScore score = DirectScore.of(network, bound.assignment());
        // the best plan is known: reported now, as the solver's event was, while its explanations are still to come (a
        // progress's plan asked for before the place values are in carries none)
        report(network, bound.assignment(), score, baseline);
        Plan plan = PlanAssembler.assemble(network, bound.assignment(), score.toString(), baseline, baselineAssignment, bound);
        Construction built = bound.withPlaceValues(join(values));
        construction = built;
        return plan.withPlaceValues(built.placeValues());
    }

    /** The task's own exception, as if it had run on this thread. */
    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A rule couples children (an independent limit, weighed siblings): local search starts from the construction. */
    private Plan search(PlacementNetwork network, BaselineSummary baseline) {
        SolverFactory<PlacementSolution> factory = SolverFactory.create(SolverConfigs.solving(options,
                new ExactConstructionCommand(network, this::afterConstruction)));
        Solver<PlacementSolution> built = factory.buildSolver();
        built.addEventListener(event -> report(network, Solutions.assignment(event.getNewBestSolution()),
                event.getNewBestSolution().getScore(), baseline));
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

    private void report(PlacementNetwork network, int[] assignment, HardMediumSoftLongScore score, BaselineSummary baseline) {
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
