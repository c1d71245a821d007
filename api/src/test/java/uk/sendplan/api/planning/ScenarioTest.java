package uk.sendplan.api.planning;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.planning.ScillyWorld.INDEPENDENT;
import static uk.sendplan.api.planning.ScillyWorld.LA;
import static uk.sendplan.api.planning.ScillyWorld.SPECIAL;
import static uk.sendplan.api.planning.ScillyWorld.YEAR;
import static uk.sendplan.db.jooq.Tables.PLACE;
import static uk.sendplan.db.jooq.Tables.SCENARIO;

/**
 * Scenarios on a plan, worked by hand on the Isles of Scilly. Three ASD secondary children (band 3) live at the special
 * school's door; it has 1 ASD secondary place at £25,000, the independent school 3 at £60,000, 1.655 km away (2.152 road
 * km: 2 × 2.152 × £2 × 190 days = £1,635 a year of transport). The base places one child at the special school and two
 * at the independent: £25,000 + 2 × £61,635 = £148,270 a year. Two more special places put all three there: £75,000,
 * a saving of £73,270. Closing the special school sends all three to the independent: 3 × £61,635 = £184,905.
 */
class ScenarioTest extends GraphQlTestBase {

    @Test
    void aScenarioReplansThePlansChildrenOnAChangedRegisterAndNeverWritesTheRegister() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(LA);
        ScillyWorld world = new ScillyWorld(graphQl, commissioner, db).reset();
        for (String child : List.of("SCN-1", "SCN-2", "SCN-3")) {
            world.child(child, "ASD", 12, 3, 90_300, 10_500, "2027-AUTUMN");
        }
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA,
                "financialYear", YEAR, "timeLimitSeconds", 1)).execute().path("startPlan.plan.id").entity(String.class).get();
        awaitFinished(commissioner, planId);

        commissioner.documentName("runScenario").variable("input", Map.of("planId", planId, "name", "Two more special places",
                        "changes", Map.of("addPlaces", List.of(Map.of("urn", SPECIAL, "need", "ASD", "phase", "SECONDARY", "places", 2)))))
                .execute()
                .path("runScenario.scenario.base.placed").entity(Integer.class).isEqualTo(3)
                .path("runScenario.scenario.base.totalAnnualCost").entity(String.class).isEqualTo("148270.00")
                .path("runScenario.scenario.base.independentShare").entity(Double.class).isEqualTo(66.7)
                .path("runScenario.scenario.scenario.totalAnnualCost").entity(String.class).isEqualTo("75000.00")
                .path("runScenario.scenario.scenario.independentShare").entity(Double.class).isEqualTo(0.0)
                .path("runScenario.scenario.annualSaving").entity(String.class).isEqualTo("73270.00")
                .path("runScenario.scenario.placesGained").entity(Integer.class).isEqualTo(0)
                .path("runScenario.scenario.changes").entityList(String.class)
                .containsExactly("added 2 ASD SECONDARY places at Scilly Test Special School (URN " + SPECIAL + ")")
                .path("runScenario.scenario.summary").entity(String.class).isEqualTo("added 2 ASD SECONDARY places at Scilly Test Special School (URN "
                        + SPECIAL + "): places as many children as the base and saves £73,000 a year (to the nearest £1,000)");
        commissioner.documentName("runScenario").variable("input", Map.of("planId", planId, "name", "Special school closes",
                        "changes", Map.of("closeSettings", List.of(SPECIAL)))).execute()
                .path("runScenario.scenario.scenario.totalAnnualCost").entity(String.class).isEqualTo("184905.00")
                .path("runScenario.scenario.annualSaving").entity(String.class).isEqualTo("-36635.00");
        // the register is as it was
        assertThat(db.fetchValue(PLACE.CAPACITY, PLACE.SETTING_URN.eq(SPECIAL).and(PLACE.NEED_CODE.eq("ASD")).and(PLACE.PHASE_CODE.eq("SECONDARY"))))
                .isEqualTo(1);

        // bad input: a setting out of reach, nothing saved
        int saved = db.fetchCount(SCENARIO);
        commissioner.documentName("runScenario").variable("input", Map.of("planId", planId, "name", "Far away",
                        "changes", Map.of("addPlaces", List.of(Map.of("urn", 100_001, "need", "ASD", "phase", "SECONDARY", "places", 2)))))
                .execute().errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("input.changes.addPlaces[0].urn: setting 100001 is not within reach of the plan's children, "
                        + "so changing it changes nothing")).verify();
        assertThat(db.fetchCount(SCENARIO)).isEqualTo(saved);

        // compared side by side
        List<String> ids = commissioner.document("query($id: ID) { scenarios(planId: $id) { id } }").variable("id", planId).execute()
                .path("scenarios[*].id").entityList(String.class).hasSize(2).get();
        String csv = commissioner.document("query($ids: [ID!]!) { scenariosCsv(ids: $ids) }").variable("ids", ids).execute()
                .path("scenariosCsv").entity(String.class).get();
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv.lines().toList().get(1)).contains("Special school closes").contains("148270.00").contains("184905.00").contains("-36635.00");
    }
}
