package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.planner.TestProblems.request;
import static uk.sendplan.planner.TestProblems.setting;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.PlacementProblem;

class ReactiveBaselineTest {

    @Test
    void servesRequestsInOrderEachToTheNearestSettingWithRoom() {
        PlacementProblem problem = new PlacementProblem("reactive", Parameters.DEFAULTS,
                List.of(setting("FAR").at(520_000, 200_000).capacity(5).build(),
                        setting("NEAR").at(501_000, 200_000).capacity(1).build()),
                List.of(request("FIRST").at(500_000, 200_000).build(),
                        request("SECOND").at(500_000, 200_000).build()));

        Plan plan = ReactiveBaseline.plan(problem);

        assertThat(plan.assignments()).extracting(Assignment::settingId).containsExactly("NEAR", "FAR");
        assertThat(plan.baseline().unplacedCount()).isZero();
        assertThat(plan.baseline().totalAnnualCost()).isEqualTo(plan.totalAnnualCost());
    }

    @Test
    void pinnedChildrenHoldTheirPlacesFirstAndTheFirstComerTakesTheLastPlace() {
        PlacementProblem problem = new PlacementProblem("reactive", Parameters.DEFAULTS,
                List.of(setting("ONLY").capacity(2).build()),
                List.of(request("EARLY").build(), request("LATE").build(),
                        request("KEPT").current("ONLY", true).build()));

        Plan plan = ReactiveBaseline.plan(problem);

        assertThat(plan.assignments()).extracting(Assignment::requestId).containsExactly("EARLY", "KEPT");
        assertThat(plan.unplaced()).extracting(UnplacedRequest::requestId).containsExactly("LATE");
        assertThat(plan.score()).startsWith("0hard/-1medium/");
    }
}
