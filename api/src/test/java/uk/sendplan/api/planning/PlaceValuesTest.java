package uk.sendplan.api.planning;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.planning.ScillyWorld.*;
import static uk.sendplan.db.jooq.Tables.PLAN_PLACE_VALUE;

/**
 * Where a new place saves most, through GraphQL on the Scilly world, each value worked by hand from the plan's own
 * placements: the special school's one ASD secondary place is taken, so one more there moves the child the independent
 * school holds; the independent school's two SEMH secondary places are taken by three children, so one more places the
 * third. Every other cell has a place to spare, or nobody who could use it.
 */
class PlaceValuesTest extends GraphQlTestBase {

    private static final String VALUES = """
            query($id: ID!, $first: Int) { plan(id: $id) { status
              assignments(first: 50) { edges { node { annualCost setting { urn } request { primaryNeed } } } }
              placeValues(first: $first) { setting { urn } need phase contractId childrenPlaced annualSaving scoreSaving childrenMoved summary }
              placeValuesByLocalAuthority(first: $first) { localAuthority { code } need phase cells childrenPlaced annualSaving scoreSaving summary } } }""";

    HttpGraphQlTester commissioner;
    ScillyWorld world;

    @BeforeEach
    void world() {
        commissioner = asCommissioner(LA);
        world = new ScillyWorld(graphQl, commissioner, db).reset();
    }

    /** Two ASD secondary and three SEMH secondary children, all from one home, and one HI child nobody can take. */
    private String planForFiveChildren(String prefix, Map<String, Object> extra) throws InterruptedException {
        world.child(prefix + "-A1", "ASD", 12, 3, 90_400, 10_600, "2027-AUTUMN");
        world.child(prefix + "-A2", "ASD", 12, 3, 90_400, 10_600, "2027-AUTUMN");
        for (int i = 1; i <= 3; i++) {
            world.child(prefix + "-S" + i, "SEMH", 12, 3, 90_400, 10_600, "2027-AUTUMN");
        }
        world.child(prefix + "-H1", "HI", 12, 3, 90_400, 10_600, "2027-AUTUMN");
        Map<String, Object> input = new HashMap<>(Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", YEAR, "timeLimitSeconds", 5));
        input.putAll(extra);
        String id = commissioner.documentName("startPlan").variable("input", input).execute()
                .path("startPlan.plan.id").entity(String.class).get();
        for (int i = 0; i < 600; i++) {
            String status = commissioner.document("query($id: ID!) { plan(id: $id) { status } }").variable("id", id).execute()
                    .path("plan.status").entity(String.class).get();
            if (!List.of("QUEUED", "SOLVING").contains(status)) {
                assertThat(status).isEqualTo("COMPLETED");
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan " + id + " still running after 60 s");
    }

    @Test
    void oneMorePlaceAtAFullCellPlacesAChildOrMovesOneToACheaperPlace() throws Exception {
        String id = planForFiveChildren("PV", Map.of());

        GraphQlTester.Response plan = commissioner.document(VALUES).variable("id", id).variable("first", 20).execute();
        List<Map> assignments = plan.path("plan.assignments.edges[*].node").entityList(Map.class).get();
        BigDecimal asdSpecial = cost(assignments, "ASD", SPECIAL);
        BigDecimal asdIndependent = cost(assignments, "ASD", INDEPENDENT);
        BigDecimal semhIndependent = cost(assignments, "SEMH", INDEPENDENT);
        List<Map> values = plan.path("plan.placeValues").entityList(Map.class).get();

        assertThat(values).hasSize(2);
        // best first: the place that places a child, at the cost of the place it takes (fee and transport from that home)
        Map semh = values.get(0);
        assertThat(List.of(((Map) semh.get("setting")).get("urn"), semh.get("need"), semh.get("phase"), semh.get("childrenPlaced"),
                semh.get("childrenMoved"))).containsExactly(INDEPENDENT, "SEMH", "SECONDARY", 1, 0);
        assertThat(new BigDecimal((String) semh.get("annualSaving"))).isEqualByComparingTo(semhIndependent.negate());
        assertThat((String) semh.get("summary")).isEqualTo("One more SEMH secondary place at Scilly Test Independent School (URN "
                + INDEPENDENT + ") would place a child who has none, at " + PlaceValueTexts.pounds(semhIndependent.movePointRight(2).longValue())
                + " a year");
        // then the special school's ASD secondary place: the child at the independent school moves there
        Map asd = values.get(1);
        assertThat(List.of(((Map) asd.get("setting")).get("urn"), asd.get("need"), asd.get("phase"), asd.get("childrenPlaced"),
                asd.get("childrenMoved"))).containsExactly(SPECIAL, "ASD", "SECONDARY", 0, 1);
        BigDecimal saving = asdIndependent.subtract(asdSpecial);
        assertThat(saving).isGreaterThan(new BigDecimal("30000"));
        assertThat(new BigDecimal((String) asd.get("annualSaving"))).isEqualByComparingTo(saving);
        // the objective also loses the independent placement's weighed penalty
        assertThat(new BigDecimal((String) asd.get("scoreSaving"))).isGreaterThan(saving);
        assertThat((String) asd.get("summary")).isEqualTo("One more ASD secondary place at Scilly Test Special School (URN " + SPECIAL
                + ") would save " + PlaceValueTexts.pounds(saving.movePointRight(2).longValue()) + " a year (1 child would move)");

        List<Map> byLa = plan.path("plan.placeValuesByLocalAuthority").entityList(Map.class).get();
        assertThat(byLa).extracting(r -> ((Map) r.get("localAuthority")).get("code") + " " + r.get("need") + " " + r.get("phase") + " "
                + r.get("cells") + " " + r.get("childrenPlaced")).containsExactly(LA + " SEMH SECONDARY 1 1", LA + " ASD SECONDARY 1 0");
        assertThat((String) byLa.get(0).get("summary")).isEqualTo("One more SEMH secondary place in Isles of Scilly would place a child who"
                + " has none (at 1 setting)");

        // first: the best one only; out of range is refused, naming the field
        commissioner.document(VALUES).variable("id", id).variable("first", 1).execute()
                .path("plan.placeValues[*].need").entityList(String.class).containsExactly("SEMH");
        commissioner.document(VALUES).variable("id", id).variable("first", 101).execute()
                .errors().satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST");
                    assertThat(e.getMessage()).contains("first").contains("between 1 and 100");
                }));
        // the region's planner reads them as they read the plan's summary
        asPlanner("E12000009").document(VALUES.replace("assignments(first: 50) { edges { node { annualCost setting { urn } request { primaryNeed } } } }", ""))
                .variable("id", id).variable("first", 20).execute()
                .path("plan.placeValues[*].childrenPlaced").entityList(Integer.class).containsExactly(1, 0);
    }

    /** A limit on independent placements couples children: the plan is not a flow's optimum, and no value is claimed. */
    @Test
    void aPlanWithAnIndependentLimitHasNoPlaceValues() throws Exception {
        String id = planForFiveChildren("PVL", Map.of("maxIndependentPlacements", 1));

        commissioner.document("query($id: ID!) { plan(id: $id) { placeValues { need } placeValuesByLocalAuthority { need } } }")
                .variable("id", id).execute()
                .path("plan.placeValues").valueIsNull()
                .path("plan.placeValuesByLocalAuthority").valueIsNull();
        assertThat(db.fetchCount(PLAN_PLACE_VALUE, PLAN_PLACE_VALUE.PLAN_ID.eq(Long.parseLong(id)))).isZero();
    }

    private static BigDecimal cost(List<Map> assignments, String need, int urn) {
        return assignments.stream().filter(a -> need.equals(((Map) a.get("request")).get("primaryNeed"))
                        && Integer.valueOf(urn).equals(((Map) a.get("setting")).get("urn")))
                .map(a -> new BigDecimal((String) a.get("annualCost"))).findFirst().orElseThrow();
    }
}
