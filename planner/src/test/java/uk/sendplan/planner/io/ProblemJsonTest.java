package uk.sendplan.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.TestProblems;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Phase;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.ProblemValidationException;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.ValidationError;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

class ProblemJsonTest {

    @Test
    void readsTheDocumentedExampleWithDefaultsForWhatItLeavesOut() {
        PlacementProblem problem = ProblemJson.read(TestProblems.exampleJson());

        assertThat(problem.settings()).hasSize(4);
        assertThat(problem.requests()).hasSize(6);
        Parameters p = problem.parameters();
        assertThat(p.costPerKm()).isEqualByComparingTo(new BigDecimal("2.00"));
        assertThat(p.schoolDays()).isEqualTo(190);
        assertThat(p.roadFactor()).isEqualTo(1.3);
        assertThat(p.maxTravelMinutes()).containsEntry(Phase.POST_19, 90).containsEntry(Phase.SECONDARY, 75);
        assertThat(p.weights().outOfArea()).isEqualTo(500);
        assertThat(p.weights().preferenceMiss()).isEqualTo(2_000);
        assertThat(problem.settings().get(0).gender()).isEqualTo(SettingGender.MIXED);
        assertThat(problem.settings().get(2).feeForBand(5)).isEqualTo(75_000L);
        // numeric ids and LA codes are read as strings
        assertThat(problem.requests().get(5).id()).isEqualTo("6");
        assertThat(problem.requests().get(5).laCode()).isEqualTo("873");
        assertThat(problem.requests().get(1).keepCurrent()).isTrue();
    }

    @Test
    void writesAndReadsBackTheSameProblem() {
        PlacementProblem example = ProblemJson.read(TestProblems.exampleJson());
        PlacementProblem generated = ProblemGenerator.generate(GeneratorOptions.of(2, 300, 5));

        assertThat(ProblemJson.read(ProblemJson.write(example))).isEqualTo(example);
        assertThat(ProblemJson.read(ProblemJson.write(generated))).isEqualTo(generated);
    }

    @Test
    void refusesAnUnknownNeedCodeNamingItemFieldAndTheCodesExpected() {
        String json = TestProblems.exampleJson().replace("\"need\": \"HI\"", "\"need\": \"ASDX\"");

        assertThat(errors(json)).containsExactly("requests[3] (id \"R4\").need: unknown need code \"ASDX\"; "
                + "expected one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH");
    }

    @Test
    void refusesNegativeCapacity() {
        String json = TestProblems.exampleJson().replace("\"capacity\": 3", "\"capacity\": -3");

        assertThat(errors(json)).containsExactly("settings[2] (id \"S3\").capacity: must be between 0 and 1000000, was -3");
    }

    @Test
    void refusesABandOutsideOneToFiveInRequestsAndFees() {
        String json = TestProblems.exampleJson().replace("\"band\": 4", "\"band\": 7")
                .replace("\"5\": 75000", "\"6\": 75000");

        assertThat(errors(json)).containsExactly(
                "settings[2] (id \"S3\").annualFees.6: band \"6\" is not 1–5",
                "requests[2] (id \"R3\").band: must be 1–5, was 7");
    }

    @Test
    void readsResidentialFeesOfBoardingSettingsAndRefusesThemElsewhere() {
        String boarding = "\"boarding\": true";
        String json = TestProblems.exampleJson().replaceFirst(boarding, boarding + ", \"annualBoardingFees\": {\"4\": 95000}");
        Setting school = ProblemJson.read(json).settings().stream().filter(Setting::boarding).findFirst().orElseThrow();
        assertThat(school.annualBoardingFees()).containsExactly(java.util.Map.entry(4, 95_000L));
        assertThat(school.boardingFeeForBand(4)).isEqualTo(95_000L);

        String onDaySetting = TestProblems.exampleJson().replace("\"capacity\": 5", "\"capacity\": 5, \"annualBoardingFees\": {\"2\": 1}");
        assertThat(errors(onDaySetting)).containsExactly("settings[3] (id \"S4\").annualBoardingFees: only a boarding setting can have boarding fees");
    }

    @Test
    void refusesDuplicateIds() {
        String json = TestProblems.exampleJson().replace("\"id\": \"S4\"", "\"id\": \"S1\"")
                .replace("\"id\": 6", "\"id\": \"R1\"").replace("\"preferences\": [\"S4\"]", "\"preferences\": []");

        assertThat(errors(json)).containsExactly(
                "settings[3] (id \"S1\").id: duplicate id \"S1\" (also settings[0])",
                "requests[5] (id \"R1\").id: duplicate id \"R1\" (also requests[0])");
    }

    @Test
    void refusesAPreferenceOrCurrentSettingNamingNoSetting() {
        String json = TestProblems.exampleJson().replace("\"preferences\": [\"S1\"]", "\"preferences\": [\"S9\"]")
                .replace("\"currentSettingId\": \"S2\"", "\"currentSettingId\": \"S8\"");

        assertThat(errors(json)).containsExactly(
                "requests[0] (id \"R1\").preferences[0]: names no setting: \"S9\"",
                "requests[1] (id \"R2\").currentSettingId: names no setting: \"S8\"");
    }

    @Test
    void refusesWrongTypesAndMissingFieldsAllAtOnce() {
        String json = TestProblems.exampleJson().replace("\"age\": 5,", "\"age\": \"five\",")
                .replace("\"gender\": \"FEMALE\" },", "\"gender\": \"F\" },")
                .replace("\"easting\": 546000, \"northing\": 257000,", "")
                .replace("\"costPerKm\": 2.00", "\"costPerKm\": \"cheap\"");

        assertThat(errors(json)).containsExactly(
                "parameters.costPerKm: expected a number, was \"cheap\"",
                "settings[3] (id \"S4\").easting: missing; expected a number",
                "settings[3] (id \"S4\").northing: missing; expected a number",
                "requests[0] (id \"R1\").age: expected a whole number, was \"five\"",
                "requests[3] (id \"R4\").gender: unknown gender \"F\"; expected one of MALE, FEMALE");
    }

    @Test
    void refusesMalformedJsonAndNonObjects() {
        assertThat(errors("{\"name\": ")).singleElement().asString().startsWith("(document): not valid JSON");
        assertThat(errors("[1, 2]")).containsExactly(
                "(document): expected a JSON object with name, parameters, settings and requests");
        assertThat(errors("{\"name\": \"x\"}")).containsExactly("settings: missing; expected an array",
                "requests: missing; expected an array");
    }

    @Test
    void refusesKeepCurrentWithoutACurrentSetting() {
        String json = TestProblems.exampleJson().replace("\"currentSettingId\": \"S2\", ", "");

        assertThat(errors(json)).containsExactly(
                "requests[1] (id \"R2\").keepCurrent: is true but currentSettingId is missing");
    }

    @Test
    void ignoresUnknownFields() {
        String json = TestProblems.exampleJson().replace("\"name\": \"Example",
                "\"futureField\": {\"x\": [1]}, \"name\": \"Example");

        assertThat(ProblemJson.read(json).requests().get(0).need()).isEqualTo(Need.ASD);
    }

    private static List<String> errors(String json) {
        try {
            ProblemJson.read(json);
        } catch (ProblemValidationException e) {
            return e.errors().stream().map(ValidationError::toString).toList();
        }
        throw new AssertionError("the problem was accepted");
    }

    @Test
    void errorsHelperFailsWhenTheProblemIsAccepted() {
        assertThatThrownBy(() -> errors(TestProblems.exampleJson())).isInstanceOf(AssertionError.class);
    }
}
