package uk.sendplan.planner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.sendplan.planner.TestProblems.request;
import static uk.sendplan.planner.TestProblems.setting;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Problems built in code (as the service does) are checked by the same rules as JSON. */
class ProblemValidatorTest {

    @Test
    void acceptsAValidProblem() {
        PlacementProblem problem = new PlacementProblem("ok", Parameters.DEFAULTS, List.of(setting("S").build()),
                List.of(request("R").preferences("S").current("S", true).build()));

        assertThat(ProblemValidator.validate(problem)).isEmpty();
    }

    @Test
    void reportsEveryErrorNamingItemAndField() {
        PlacementProblem problem = new PlacementProblem(" ", Parameters.DEFAULTS.withMaxTravelMinutes(Phase.PRIMARY, 0),
                List.of(setting("S").capacity(-1).ages(12, 11).build(), setting("S").build()),
                List.of(request("R1").band(6).preferences("NOPE").build(), request("R2").current(null, true).build()));

        assertThat(ProblemValidator.validate(problem)).extracting(ValidationError::toString).containsExactly(
                "name: missing or blank",
                "parameters.maxTravelMinutes.PRIMARY: must be between 1 and 600 minutes, was 0",
                "settings[0] (id \"S\").ageTo: must not be below ageFrom (12), was 11",
                "settings[0] (id \"S\").capacity: must be between 0 and 1000000, was -1",
                "settings[1] (id \"S\").id: duplicate id \"S\" (also settings[0])",
                "requests[0] (id \"R1\").band: must be 1–5, was 6",
                "requests[0] (id \"R1\").preferences[0]: names no setting: \"NOPE\"",
                "requests[1] (id \"R2\").keepCurrent: is true but currentSettingId is missing");
    }

    @Test
    void requireValidThrowsWithAllErrors() {
        PlacementProblem problem = new PlacementProblem("p", Parameters.DEFAULTS, List.of(),
                List.of(request("R").current("GONE", false).build()));

        assertThatThrownBy(() -> ProblemValidator.requireValid(problem))
                .isInstanceOfSatisfying(ProblemValidationException.class, e -> assertThat(e.errors()).hasSize(1))
                .hasMessageContaining("requests[0] (id \"R\").currentSettingId: names no setting: \"GONE\"");
    }
}
