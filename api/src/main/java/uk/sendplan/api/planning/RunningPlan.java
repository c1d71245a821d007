package uk.sendplan.api.planning;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.PlanStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A running plan as its pages show it (the plan page and where-to-invest): what the planner is doing, its best plan so
 * far in words, and how much of the plan's time limit it has used, for a progress bar that needs no script. The bar
 * measures time, not quality: the planner stops at the time limit, or sooner once a few seconds pass without a better
 * plan, so the words say "at most". Time is counted from when the plan started solving, not from the planner's last
 * report: it reports only better plans, and the bar should move on every refresh while the best plan stays the same.
 */
record RunningPlan(String state, String best, String score, long elapsedSeconds, int limitSeconds) {

    /** How long a page waits for a plan's first report: one is sent as soon as the plan is queued. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The plan's progress now, from its live reports. */
    static RunningPlan read(PlanService plans, PlanView plan) {
        PlanJobs.Progress progress = plans.progress(String.valueOf(plan.id())).blockFirst(WAIT);
        return of(plan, progress, Instant.now());
    }

    static RunningPlan of(PlanView plan, PlanJobs.Progress progress, Instant now) {
        int limit = plan.timeLimitSeconds();
        boolean solving = progress != null ? progress.status() == PlanStatus.SOLVING
                : plan.status() == PlanStatus.SOLVING;
        double reported = progress == null ? 0 : progress.elapsedSeconds();
        double since = solving && plan.startedAt() != null ? Duration.between(plan.startedAt(), now).toMillis() / 1000.0 : 0;
        long elapsed = solving ? Math.min(limit, Math.round(Math.max(reported, since))) : 0;
        String state;
        if (progress == null) {
            state = "Waiting for the planner to start.";
        } else if (progress.status() == PlanStatus.QUEUED) {
            state = "Waiting for a free planner.";
        } else if (solving) {
            state = String.format(Locale.UK, "Solving for %d %s of at most %d.", elapsed, elapsed == 1 ? "second" : "seconds", limit);
        } else {
            state = "Finishing.";
        }
        String best = progress == null || progress.placed() == null ? "No plan found yet."
                : "Best plan so far: " + progress.placed() + (progress.placed() == 1 ? " child" : " children") + " placed, " + progress.unplaced()
                + " without a place, " + Money.formatRounded(progress.totalCostPence()) + " a year.";
        return new RunningPlan(state, best, progress == null ? null : PlanWords.scoreInWords(progress.score()), elapsed, limit);
    }

    /** The share of the time limit used, as a whole percentage for people who read the bar as a number. */
    public int percent() {
        return limitSeconds <= 0 ? 0 : (int) Math.min(100, elapsedSeconds * 100 / limitSeconds);
    }
}
