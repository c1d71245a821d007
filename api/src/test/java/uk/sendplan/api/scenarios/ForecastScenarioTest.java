package uk.sendplan.api.scenarios;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.sufficiency.ForecastDemand;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.PLACE;
import static uk.sendplan.db.jooq.Tables.SCENARIO;
import static uk.sendplan.db.jooq.Tables.SETTING;

/**
 * A scenario on Camden's forecast demand for January 2026 (a year after the demo's SEN2 statistics): the children planned
 * are the forecast's, by phase and need, in the kinds of place a plan fills; 30 more places for the need and phase with
 * the most children placed nowhere at a Camden special school place more; nothing is written but the scenario.
 */
class ForecastScenarioTest extends GraphQlTestBase {

    private static final String RUN = """
            mutation($input: RunScenarioInput!) { runScenario(input: $input) { scenario { id planId forecastJanuary scopeType scopeCode
              financialYear changes placesGained summary base { children placed unplaced } scenario { children placed unplaced } } } }""";

    @Autowired
    ForecastDemand forecast;

    @Test
    void theForecastsChildrenArePlannedOnTheWholeRegisterAndTheScenarioIsKept() {
        HttpGraphQlTester camden = asCommissioner("202");
        List<ForecastDemand.Cohort> cohorts = forecast.cohorts(List.of("202"), 2026, "test");
        int children = cohorts.stream().mapToInt(ForecastDemand.Cohort::children).sum();
        assertThat(children).isPositive();
        var special = db.select(PLACE.SETTING_URN, PLACE.NEED_CODE, PLACE.PHASE_CODE).from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN))
                .where(SETTING.LA_CODE.eq("202")).and(SETTING.TYPE_CODE.eq("STATE_SPECIAL"))
                .and(SETTING.REGISTRATION_STATUS.eq(RegistrationStatus.OPEN)).and(PLACE.PHASE_CODE.eq("SECONDARY"))
                .orderBy(PLACE.CAPACITY.desc()).limit(1).fetchOne();
        int places = db.fetchValue(db.select(org.jooq.impl.DSL.sum(PLACE.CAPACITY)).from(PLACE)).intValue();
        int scenarios = db.fetchCount(SCENARIO);

        var response = camden.document(RUN).variable("input", Map.of("forecastJanuary", 2026, "name", "Forecast 2026, more places",
                "changes", Map.of("addPlaces", List.of(Map.of("urn", special.value1(), "need", special.value2(), "phase", "SECONDARY", "places", 30)))))
                .execute();
        response.path("runScenario.scenario.planId").valueIsNull()
                .path("runScenario.scenario.forecastJanuary").entity(Integer.class).isEqualTo(2026)
                .path("runScenario.scenario.scopeType").entity(String.class).isEqualTo("LOCAL_AUTHORITY")
                .path("runScenario.scenario.scopeCode").entity(String.class).isEqualTo("202")
                .path("runScenario.scenario.base.children").entity(Integer.class).isEqualTo(children)
                .path("runScenario.scenario.scenario.children").entity(Integer.class).isEqualTo(children);
        int basePlaced = response.path("runScenario.scenario.base.placed").entity(Integer.class).get();
        int placed = response.path("runScenario.scenario.scenario.placed").entity(Integer.class).get();
        int unplaced = response.path("runScenario.scenario.base.unplaced").entity(Integer.class).get();
        assertThat(basePlaced + unplaced).isEqualTo(children);
        // more places never place fewer; where the base leaves children of that need and phase out, they place more
        assertThat(placed).isGreaterThanOrEqualTo(basePlaced);
        assertThat(response.path("runScenario.scenario.placesGained").entity(Integer.class).get()).isEqualTo(placed - basePlaced);
        // the register and the demand are as they were; only the scenario is new
        assertThat(db.fetchValue(db.select(org.jooq.impl.DSL.sum(PLACE.CAPACITY)).from(PLACE)).intValue()).isEqualTo(places);
        assertThat(db.fetchCount(SCENARIO)).isEqualTo(scenarios + 1);
        assertThat(db.fetchCount(uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST, uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST.REFERENCE.like("FORECAST-%")))
                .isZero();
    }

    @Test
    void badInputAndOtherScopesAreRefused() {
        HttpGraphQlTester camden = asCommissioner("202");
        Map<String, Object> changes = Map.of("closeSettings", List.of(1));
        camden.document(RUN).variable("input", Map.of("forecastJanuary", 2026, "planId", "1", "name", "x", "changes", changes)).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.planId: give either a planId")).verify();
        camden.document(RUN).variable("input", Map.of("forecastJanuary", 2040, "name", "x", "changes", changes)).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("input.forecastJanuary: January 2040 is not "
                        + "forecast for LA 202: its statistics are for January 2025, so January 2026 to 2030")).verify();
        camden.document(RUN).variable("input", Map.of("forecastJanuary", 2026, "laCode", "204", "name", "x", "changes", changes)).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        // a regulator names where; with a name and a scope it may run one anywhere
        as("regulator").document(RUN).variable("input", Map.of("forecastJanuary", 2026, "name", "x", "changes", changes)).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("input.laCode: name the LA (laCode) or region "
                        + "(regionCode) whose forecast to plan")).verify();
        asPlanner("E12000001").document(RUN).variable("input", Map.of("forecastJanuary", 2026, "laCode", "202", "name", "x", "changes", changes))
                .execute().errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
    }
}
