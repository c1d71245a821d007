package uk.sendplan.planner.solver;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A solve running in the background on its own thread (see
 * {@link PlacementPlanner#start}). Cancel it at any time: it stops early and still yields the
 * best plan found.
 */
public final class PlanJob {

    /** Where a job is. */
    public enum State {
        SOLVING,
        /** Ended by its time limits. */
        COMPLETED,
        /** Ended early by {@link #cancel()}; the plan is the best found until then. */
        CANCELLED,
        /** Ended with an error; {@link #awaitPlan()} throws it. */
        FAILED
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final PlanningRun run;
    private final CompletableFuture<Plan> result = new CompletableFuture<>();
    private volatile State state = State.SOLVING;

    PlanJob(PlanningRun run) {
        this.run = run;
        Thread thread = new Thread(this::solve, "plan-job-" + SEQUENCE.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private void solve() {
        try {
            Plan plan = run.run();
            state = run.cancelRequested() ? State.CANCELLED : State.COMPLETED;
            result.complete(plan);
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            result.completeExceptionally(e);
        }
    }

    /** Asks the solver to stop as soon as it can; {@link #awaitPlan()} then returns the best plan so far. */
    public void cancel() {
        run.cancel();
    }

    public State state() {
        return state;
    }

    /** The last best plan reported, if any yet. */
    public Optional<PlanProgress> latestProgress() {
        return Optional.ofNullable(run.latestProgress());
    }

    /**
     * Waits for the final plan.
     *
     * @throws IllegalStateException if solving failed (the cause is attached)
     */
    public Plan awaitPlan() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Planning failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits at most {@code timeout} for the final plan; empty if it is not ready by then. */
    public Optional<Plan> awaitPlan(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Planning failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
