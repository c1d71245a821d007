package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.sendplan.planner.TestProblems.request;
import static uk.sendplan.planner.TestProblems.setting;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.TestProblems;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PolicyPenalty;
import uk.sendplan.planner.domain.ProblemValidationException;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;
import uk.sendplan.planner.io.ProblemJson;

class PlacementPlannerTest {

    private static final SolveOptions QUICK = new SolveOptions(Duration.ofSeconds(10), Duration.ofMillis(500), 0, 1L);

    private final PlacementPlanner planner = new PlacementPlanner();

    @Test
    void solvesTheDocumentedExample() {
        Plan plan = planner.solve(ProblemJson.read(TestProblems.exampleJson()), QUICK);

        assertThat(plan.assignments()).extracting(Assignment::requestId, Assignment::settingId, Assignment::pinned)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("R1", "S1", false),
                        org.assertj.core.groups.Tuple.tuple("R2", "S2", true),
                        org.assertj.core.groups.Tuple.tuple("R3", "S3", false),
                        org.assertj.core.groups.Tuple.tuple("R5", "S4", false),
                        org.assertj.core.groups.Tuple.tuple("6", "S1", false));
        assertThat(plan.unplaced()).singleElement().satisfies(u -> {
            assertThat(u.requestId()).isEqualTo("R4");
            assertThat(u.reason()).isEqualTo("no setting meets need HI");
            assertThat(u.blockingSettingIds()).isEmpty();
        });
        assertThat(plan.unplacedCount()).isEqualTo(1);
        assertThat(plan.totalAnnualCost()).isEqualTo(plan.assignments().stream().mapToLong(Assignment::annualCost).sum());
        assertThat(plan.score()).startsWith("0hard/-1medium/");
        Assignment boarder = plan.assignments().get(2);
        // 62.0 road km from home, 47.0 beyond the 15 km local radius at £300 a km
        assertThat(boarder.penalties()).containsExactly(new PolicyPenalty("independentPlacement", 5_000),
                new PolicyPenalty("outOfArea", 500), new PolicyPenalty("distanceFromHome", 14_106));
        assertThat(boarder.fee()).isEqualTo(65_000);
        assertThat(boarder.annualCost()).isEqualTo(boarder.fee() + boarder.transportCost());
    }

    @Test
    void namesTheFullSettingsThatBlockAChild() {
        PlacementProblem problem = new PlacementProblem("full", Parameters.DEFAULTS,
                List.of(setting("NEAR").capacity(1).build(), setting("FAR").capacity(0).at(510_000, 200_000).build()),
                List.of(request("A").build(), request("B").build()));

        Plan plan = planner.solve(problem, QUICK);

        assertThat(plan.unplaced()).singleElement().satisfies(u -> {
            assertThat(u.reason()).isEqualTo("settings that meet need ASD, age 11, a fee for band 3 and the "
                    + "75-minute travel limit (SECONDARY) are all full: NEAR, FAR");
            assertThat(u.blockingSettingIds()).containsExactly("NEAR", "FAR");
        });
    }

    @Test
    void saysWhichRuleLeavesNoSettingAndTheNearestThatMeetsTheRest() {
        PlacementProblem problem = new PlacementProblem("travel", Parameters.DEFAULTS,
                List.of(setting("FAR").at(560_000, 200_000).build()),
                List.of(request("A").at(500_000, 200_000).build()));

        Plan plan = planner.solve(problem, QUICK);

        assertThat(plan.unplaced()).singleElement().extracting(UnplacedRequest::reason).isEqualTo(
                "no setting meets need ASD, age 11, a fee for band 3 and the 75-minute travel limit (SECONDARY); "
                        + "the nearest that meets the rest is FAR at 156 minutes");
    }

    @Test
    void placesTheMostChildrenFirstThenTheCheapest() {
        // Two settings one place each, equally near. The older child could use either, the younger only
        // CHEAP. First come first served gives the older child CHEAP (a tie goes to the first setting)
        // and leaves the younger one out; the optimum places both.
        PlacementProblem problem = new PlacementProblem("lexicographic", Parameters.DEFAULTS.withWeights(Weights.NONE),
                List.of(setting("CHEAP").capacity(1).fees(java.util.Map.of(3, 10_000L)).build(),
                        setting("DEAR").capacity(1).needs(Need.ASD).ages(11, 11).fees(java.util.Map.of(3, 90_000L))
                                .build()),
                List.of(request("OLD").age(11).build(), request("YOUNG").age(10).build()));

        Plan plan = planner.solve(problem, QUICK);

        assertThat(plan.unplacedCount()).isZero();
        assertThat(plan.assignments()).extracting(Assignment::settingId).containsExactly("DEAR", "CHEAP");
        assertThat(plan.baseline().unplacedCount()).isEqualTo(1);
    }

    @Test
    void refusesAnInvalidProblemBeforeSolving() {
        PlacementProblem invalid = new PlacementProblem("bad", Parameters.DEFAULTS, List.of(setting("S").build()),
                List.of(request("R").band(9).build()));

        assertThatThrownBy(() -> planner.solve(invalid, QUICK)).isInstanceOf(ProblemValidationException.class)
                .hasMessageContaining("requests[0] (id \"R\").band: must be 1–5, was 9");
        assertThatThrownBy(() -> planner.start(invalid, QUICK, p -> { }))
                .isInstanceOf(ProblemValidationException.class);
    }

    @Test
    void reportsProgressWithTheCurrentPlan() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(1, 400, 3));
        List<PlanProgress> progress = new CopyOnWriteArrayList<>();

        Plan plan = planner.solve(problem, QUICK, progress::add);

        assertThat(progress).isNotEmpty();
        PlanProgress last = progress.get(progress.size() - 1);
        assertThat(last.feasible()).isTrue();
        assertThat(last.score()).isEqualTo(plan.score());
        assertThat(last.placedCount() + last.unplacedCount()).isEqualTo(400);
        assertThat(last.plan().assignments()).isEqualTo(plan.assignments());
        assertThat(last.totalAnnualCost()).isEqualTo(plan.totalAnnualCost());
    }

    @Test
    void aCancelledJobStopsEarlyAndKeepsTheBestPlan() throws InterruptedException {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(1, 1_000, 4));
        CountDownLatch firstPlan = new CountDownLatch(1);
        SolveOptions long_ = new SolveOptions(Duration.ofMinutes(5), Duration.ofMinutes(5), 0, null);

        PlanJob job = planner.start(problem, long_, progress -> firstPlan.countDown());
        assertThat(firstPlan.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(job.state()).isEqualTo(PlanJob.State.SOLVING);
        job.cancel();
        Plan plan = job.awaitPlan(Duration.ofSeconds(30)).orElseThrow();

        assertThat(job.state()).isEqualTo(PlanJob.State.CANCELLED);
        ExactOptimum.Result optimum = ExactOptimum.solve(problem);
        assertThat(plan.unplacedCount()).isEqualTo(optimum.unplacedCount());
        assertThat(job.latestProgress()).get().extracting(PlanProgress::score).isEqualTo(plan.score());
    }

    @Test
    void aJobCancelledBeforeSolvingStartsStillReturnsTheExactPlan() throws InterruptedException {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(1, 300, 6));
        SolveOptions long_ = new SolveOptions(Duration.ofMinutes(5), Duration.ofMinutes(5), 0, null);

        PlanJob job = planner.start(problem, long_, progress -> { });
        job.cancel();
        Plan plan = job.awaitPlan(Duration.ofSeconds(60)).orElseThrow();

        assertThat(job.state()).isEqualTo(PlanJob.State.CANCELLED);
        assertThat(plan.unplacedCount()).isEqualTo(ExactOptimum.solve(problem).unplacedCount());
    }

    @Test
    void solvesWithAMoveThread() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(1, 300, 8));

        Plan plan = planner.solve(problem, QUICK.withMoveThreadCount(1));

        assertThat(plan.unplacedCount()).isEqualTo(ExactOptimum.solve(problem).unplacedCount());
    }
}
