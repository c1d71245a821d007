package uk.sendplan.planner.solver;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A new best plan found during a solve. Cheap to receive: the full {@link Plan} (with
 * explanations) is assembled only when {@link #plan()} is first called, then kept.
 */
public final class PlanProgress {

    private final String score;
    private final boolean feasible;
    private final int placedCount;
    private final int unplacedCount;
    private final long totalAnnualCost;
    private final Duration elapsed;
    private final Supplier<Plan> planSupplier;
    private Plan plan;

    PlanProgress(String score, boolean feasible, int placedCount, int unplacedCount, long totalAnnualCost,
                 Duration elapsed, Supplier<Plan> planSupplier) {
        this.score = score;
        this.feasible = feasible;
        this.placedCount = placedCount;
        this.unplacedCount = unplacedCount;
        this.totalAnnualCost = totalAnnualCost;
        this.elapsed = elapsed;
        this.planSupplier = planSupplier;
    }

    /** {@code "0hard/-3medium/-123456soft"}. */
    public String score() {
        return score;
    }

    /** No hard rule broken. */
    public boolean feasible() {
        return feasible;
    }

    public int placedCount() {
        return placedCount;
    }

    public int unplacedCount() {
        return unplacedCount;
    }

    public long totalAnnualCost() {
        return totalAnnualCost;
    }

    /** Time since the solve was started (problem preparation included). */
    public Duration elapsed() {
        return elapsed;
    }

    /** This best plan in full; assembled on first call (milliseconds for thousands of children). */
    public synchronized Plan plan() {
        if (plan == null) {
            plan = planSupplier.get();
        }
        return plan;
    }

    @Override
    public String toString() {
        return String.format("[%6.1f s] %s placed %d unplaced %d total £%,d", elapsed.toMillis() / 1000.0, score,
                placedCount, unplacedCount, totalAnnualCost);
    }
}
