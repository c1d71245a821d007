package uk.sendplan.api.planning;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.planning.ScillyWorld.INDEPENDENT;
import static uk.sendplan.api.planning.ScillyWorld.LA;
import static uk.sendplan.api.planning.ScillyWorld.SPECIAL;
import static uk.sendplan.api.planning.ScillyWorld.YEAR;
import static uk.sendplan.db.jooq.Tables.PLACE;

/**
 * Where to invest, worked by hand on the Isles of Scilly (the numbers of {@link ScenarioTest}). Three ASD secondary
 * children (band 3) live at the special school's door; it has 1 ASD secondary place at £25,000, the independent school 3
 * at £60,000 plus £1,635 a year of transport. Today's best plan: one child at the special school, two at the independent,
 * £148,270 a year. Two new places: both at the special school (the only state special, resourced or SEN unit cell in
 * Scilly an ASD secondary child can use), all three there, £75,000. One new place between the independent school (up to
 * 5) and the special school (up to 1): the special school, £50,000 + £61,635 = £111,635.
 */
class WhereToInvestTest extends GraphQlTestBase {

    private static final String QUERY = """
            query($planId: ID!, $places: Int, $candidates: [InvestmentCandidateInput!]) {
              whereToInvest(planId: $planId, places: $places, candidates: $candidates) {
                plan { id } places candidates placesAdded cells { setting { urn } need phase placesAdded }
                children childrenPlacedBefore childrenPlacedAfter annualCostBefore annualCostAfter annualSaving summary
              }
            }""";

    @Test
    void theNewPlacesGoWhereTheyPlaceMostAndSaveMostAndNothingIsWritten() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(LA);
        ScillyWorld world = new ScillyWorld(graphQl, commissioner, db).reset();
        for (String child : List.of("INV-1", "INV-2", "INV-3")) {
            world.child(child, "ASD", 12, 3, 90_300, 10_500, "2027-AUTUMN");
        }
        String planId = startPlan(commissioner, Map.of());

        ask(commissioner, planId, 2, null).execute()
                .path("whereToInvest.places").entity(Integer.class).isEqualTo(2)
                // the special school's ASD primary and secondary cells and the resourced base's ASD primary cell
                .path("whereToInvest.candidates").entity(Integer.class).isEqualTo(3)
                .path("whereToInvest.placesAdded").entity(Integer.class).isEqualTo(2)
                .path("whereToInvest.cells[*].setting.urn").entityList(Integer.class).containsExactly(SPECIAL)
                .path("whereToInvest.cells[0].need").entity(String.class).isEqualTo("ASD")
                .path("whereToInvest.cells[0].phase").entity(String.class).isEqualTo("SECONDARY")
                .path("whereToInvest.cells[0].placesAdded").entity(Integer.class).isEqualTo(2)
                .path("whereToInvest.children").entity(Integer.class).isEqualTo(3)
                .path("whereToInvest.childrenPlacedBefore").entity(Integer.class).isEqualTo(3)
                .path("whereToInvest.childrenPlacedAfter").entity(Integer.class).isEqualTo(3)
                .path("whereToInvest.annualCostBefore").entity(String.class).isEqualTo("148270.00")
                .path("whereToInvest.annualCostAfter").entity(String.class).isEqualTo("75000.00")
                .path("whereToInvest.annualSaving").entity(String.class).isEqualTo("73270.00")
                .path("whereToInvest.summary").entity(String.class).isEqualTo("Adding 2 of the 2 new places (2 ASD secondary at "
                        + "Scilly Test Special School (URN " + SPECIAL + ")) places the same 3 of 3 children and saves £73,300 a year: "
                        + "£148,300 to £75,000");

        ask(commissioner, planId, 1, List.of(candidate(INDEPENDENT, 5), candidate(SPECIAL, 1))).execute()
                .path("whereToInvest.candidates").entity(Integer.class).isEqualTo(2)
                .path("whereToInvest.cells[*].setting.urn").entityList(Integer.class).containsExactly(SPECIAL)
                .path("whereToInvest.annualCostAfter").entity(String.class).isEqualTo("111635.00")
                .path("whereToInvest.annualSaving").entity(String.class).isEqualTo("36635.00");

        // places at the independent school alone save nothing: none used
        ask(commissioner, planId, 3, List.of(candidate(INDEPENDENT, 5))).execute()
                .path("whereToInvest.placesAdded").entity(Integer.class).isEqualTo(0)
                .path("whereToInvest.cells").entityList(Object.class).hasSize(0)
                .path("whereToInvest.summary").entity(String.class).isEqualTo("None of the 3 new places would place another child or "
                        + "save money at any of the 1 candidate cells: the plan places 3 of its 3 waiting children at £148,300 a year either way");

        // the register is as it was
        assertThat(db.fetchValue(PLACE.CAPACITY, PLACE.SETTING_URN.eq(SPECIAL).and(PLACE.NEED_CODE.eq("ASD")).and(PLACE.PHASE_CODE.eq("SECONDARY"))))
                .isEqualTo(1);
    }

    private static final String BUDGET = """
            query($planId: ID!, $budget: Money!, $costs: [CapitalCostInput!]) {
              whereToInvest(planId: $planId, capitalBudget: $budget, capitalCostPerPlace: $costs) {
                placesAdded cells { setting { urn } placesAdded } annualCostAfter capitalBudget capitalUsed provenOptimal
                childrenPlacedUpperBound annualCostGapAtMost summary
              }
            }""";

    private static final List<Map<String, Object>> COSTS = List.of(Map.of("settingType", "STATE_SPECIAL", "costPerPlace", "100000"),
            Map.of("settingType", "RESOURCED_PROVISION", "costPerPlace", "40000"));

    /**
     * A capital budget, state special places at £100,000 each: £200,000 buys the two places at the special school, proven
     * the best (the priced flow fits the budget at once). £150,000 buys one (£111,635 a year); the pricing can't prove it:
     * its relaxation could buy one and a half places, so it allows up to the saving of half a place more a year.
     */
    @Test
    void aCapitalBudgetBuysThePlacesThatFitIt() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(LA);
        ScillyWorld world = new ScillyWorld(graphQl, commissioner, db).reset();
        for (String child : List.of("CAP-1", "CAP-2", "CAP-3")) {
            world.child(child, "ASD", 12, 3, 90_300, 10_500, "2027-AUTUMN");
        }
        String planId = startPlan(commissioner, Map.of());

        commissioner.document(BUDGET).variable("planId", planId).variable("budget", "200000").variable("costs", COSTS).execute()
                .path("whereToInvest.cells[*].setting.urn").entityList(Integer.class).containsExactly(SPECIAL)
                .path("whereToInvest.cells[0].placesAdded").entity(Integer.class).isEqualTo(2)
                .path("whereToInvest.annualCostAfter").entity(String.class).isEqualTo("75000.00")
                .path("whereToInvest.capitalBudget").entity(String.class).isEqualTo("200000.00")
                .path("whereToInvest.capitalUsed").entity(String.class).isEqualTo("200000.00")
                .path("whereToInvest.provenOptimal").entity(Boolean.class).isEqualTo(true)
                .path("whereToInvest.childrenPlacedUpperBound").entity(Integer.class).isEqualTo(3)
                .path("whereToInvest.annualCostGapAtMost").entity(String.class).isEqualTo("0.00")
                .path("whereToInvest.summary").entity(String.class).isEqualTo("Adding 2 new places (2 ASD secondary at Scilly Test Special School "
                        + "(URN " + SPECIAL + ")) places the same 3 of 3 children and saves £73,300 a year: £148,300 to £75,000; "
                        + "£200,000 of the £200,000 capital budget spent, proven the best use of it");

        var one = commissioner.document(BUDGET).variable("planId", planId).variable("budget", "150000").variable("costs", COSTS).execute();
        one.path("whereToInvest.cells[0].placesAdded").entity(Integer.class).isEqualTo(1)
                .path("whereToInvest.annualCostAfter").entity(String.class).isEqualTo("111635.00")
                .path("whereToInvest.capitalUsed").entity(String.class).isEqualTo("100000.00")
                .path("whereToInvest.provenOptimal").entity(Boolean.class).isEqualTo(false)
                .path("whereToInvest.childrenPlacedUpperBound").entity(Integer.class).isEqualTo(3);
        String gap = one.path("whereToInvest.annualCostGapAtMost").entity(String.class).get();
        assertThat(new java.math.BigDecimal(gap)).isPositive().isLessThan(new java.math.BigDecimal("36635"));
    }

    @Test
    void badInputIsNamedAndAPlanOfCoupledRulesIsRefused() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(LA);
        ScillyWorld world = new ScillyWorld(graphQl, commissioner, db).reset();
        world.child("INV-9", "ASD", 12, 3, 90_300, 10_500, "2027-AUTUMN");
        String planId = startPlan(commissioner, Map.of());

        expectBadRequest(ask(commissioner, planId, 0, null), "places: new places to invest are 1 to 1,000");
        expectBadRequest(ask(commissioner, planId, 2, List.of(candidate(100_001, 5))), "candidates[0].urn: setting 100001 has no ASD "
                + "SECONDARY places this plan can use (not within reach of its children, not open, or without a fee for the year)");
        expectBadRequest(ask(commissioner, planId, 2, List.of(candidate(SPECIAL, 0))),
                "candidates[0].maxPlaces: the most places to add to a cell are 1 to 1,000");
        expectBadRequest(ask(commissioner, planId, 2, List.of(candidate(SPECIAL, 1), candidate(SPECIAL, 2))),
                "candidates[1]: the ASD SECONDARY cell of setting " + SPECIAL + " is named twice");

        var budget = commissioner.document(BUDGET).variable("planId", planId);
        budget.variable("budget", "100000").variable("costs", null).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("capitalCostPerPlace: a capital budget needs the "
                        + "capital cost of a place for each kind of setting among the candidates")).verify();
        budget.variable("budget", "100000.50").variable("costs", COSTS).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("capitalBudget: a capital budget is whole pounds from £0 to £10,000,000,000")).verify();
        budget.variable("budget", "100000").variable("costs", List.of(COSTS.get(0))).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("capitalCostPerPlace: no capital cost per place "
                        + "for RESOURCED_PROVISION settings, the kind of candidate ")).verify();

        String limited = startPlan(commissioner, Map.of("maxIndependentPlacements", 1));
        expectBadRequest(ask(commissioner, limited, 2, null), "planId: where to invest is exact only for plans of per-child rules: "
                + "this problem limits independent placements; where to invest needs a plan without a limit on independent placements "
                + "and without a weight on keeping siblings together");
    }

    private static HttpGraphQlTester.Request<?> ask(HttpGraphQlTester tester, String planId, int places, List<Map<String, Object>> candidates) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("planId", planId);
        variables.put("places", places);
        variables.put("candidates", candidates);
        HttpGraphQlTester.Request<?> request = tester.document(QUERY);
        variables.forEach(request::variable);
        return request;
    }

    private static void expectBadRequest(HttpGraphQlTester.Request<?> request, String message) {
        request.execute().errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals(message)).verify();
    }

    private static Map<String, Object> candidate(int urn, int maxPlaces) {
        return Map.of("urn", urn, "need", "ASD", "phase", "SECONDARY", "maxPlaces", maxPlaces);
    }

    private static String startPlan(HttpGraphQlTester commissioner, Map<String, Object> rules) throws InterruptedException {
        Map<String, Object> input = new HashMap<>(Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", YEAR, "timeLimitSeconds", 1));
        input.putAll(rules);
        String planId = commissioner.documentName("startPlan").variable("input", input).execute()
                .path("startPlan.plan.id").entity(String.class).get();
        awaitFinished(commissioner, planId);
        return planId;
    }
}
