package uk.sendplan.api.planning;

import org.junit.jupiter.api.Test;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running plan's progress as its pages show it: the bar counts the time since the plan started solving, so it moves
 * between two views while the planner's last report stays the same, and stops at the time limit; waiting plans show
 * an empty bar; the best plan so far is in words, its cost rounded.
 */
class RunningPlanTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void theBarMovesWithTheClockWhileTheBestPlanStaysTheSame() {
        PlanView plan = plan(PlanStatus.SOLVING, STARTED, 30);
        PlanJobs.Progress report = new PlanJobs.Progress(7, PlanStatus.SOLVING, "0hard/-3medium/-5400000soft", 180, 3, 540_012_345L, 2.2, false);

        RunningPlan first = RunningPlan.of(plan, report, STARTED.plusSeconds(4));
        RunningPlan second = RunningPlan.of(plan, report, STARTED.plusSeconds(6));

        assertThat(first.elapsedSeconds()).isEqualTo(4);
        assertThat(second.elapsedSeconds()).isEqualTo(6);
        assertThat(first.limitSeconds()).isEqualTo(30);
        assertThat(second.percent()).isEqualTo(20);
        assertThat(second.state()).isEqualTo("Solving for 6 seconds of at most 30.");
        assertThat(second.best()).isEqualTo("Best plan so far: 180 children placed, 3 without a place, £5,400,123 a year.");
        assertThat(second.score()).isEqualTo("No rule broken, 3 children without a place, and £5,400,000 a year in costs and weighed penalties");
    }

    @Test
    void theBarStopsAtTheTimeLimitAndIsEmptyWhileThePlanWaits() {
        PlanView solving = plan(PlanStatus.SOLVING, STARTED, 30);
        RunningPlan late = RunningPlan.of(solving, new PlanJobs.Progress(7, PlanStatus.SOLVING, null, null, null, null, 29.0, false),
                STARTED.plusSeconds(45));
        assertThat(late.elapsedSeconds()).isEqualTo(30);
        assertThat(late.percent()).isEqualTo(100);
        assertThat(late.best()).isEqualTo("No plan found yet.");

        PlanView queued = plan(PlanStatus.QUEUED, null, 30);
        RunningPlan waiting = RunningPlan.of(queued, new PlanJobs.Progress(7, PlanStatus.QUEUED, null, null, null, null, 0, false), STARTED);
        assertThat(waiting.state()).isEqualTo("Waiting for a free planner.");
        assertThat(waiting.elapsedSeconds()).isZero();
        assertThat(RunningPlan.of(queued, null, STARTED).state()).isEqualTo("Waiting for the planner to start.");
    }

    @Test
    void theLastReportCountsWhenThePlanViewWasReadBeforeSolvingStarted() {
        // the page read the plan while queued, then the planner's report says it is solving: its time is all there is
        RunningPlan r = RunningPlan.of(plan(PlanStatus.QUEUED, null, 10), new PlanJobs.Progress(7, PlanStatus.SOLVING, null, null, null, null, 1.6,
                false), STARTED);
        assertThat(r.elapsedSeconds()).isEqualTo(2);
        assertThat(r.state()).isEqualTo("Solving for 2 seconds of at most 10.");
    }

    private static PlanView plan(PlanStatus status, Instant startedAt, int limit) {
        return new PlanView(7, "Camden placements 2026-27", PlanScope.LOCAL_AUTHORITY, "202", "2026-27", null, status, limit, Map.of(), "commissioner-camden",
                STARTED.minusSeconds(1), startedAt, null, null, null, null, null, null, null, null, null, null, List.of(), List.of(), null, null, false,
                null);
    }
}
