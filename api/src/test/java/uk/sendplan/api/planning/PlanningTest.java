package uk.sendplan.api.planning;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.planning.ScillyWorld.*;
import static uk.sendplan.db.jooq.Tables.*;

/** Plans through GraphQL on the Scilly test world: solve, watch, explain, list, approve, export; and what may go wrong. */
class PlanningTest extends GraphQlTestBase {

    @Autowired
    PlanJobs jobs;

    HttpGraphQlTester commissioner;
    ScillyWorld world;
    Map<String, String> ids = new HashMap<>();

    @BeforeEach
    void world() {
        commissioner = asCommissioner(LA);
        world = new ScillyWorld(graphQl, commissioner, db).reset();
    }

    /** Seven children: six can be placed, one (HI) nowhere meets the need. */
    private void sevenChildren(String prefix) {
        ids.put("R1", world.child(prefix + "-1", "ASD", 8, 2, 89_800, 11_000, "2027-AUTUMN"));
        ids.put("R2", world.child(prefix + "-2", "ASD", 9, 2, 89_900, 11_100, "2027-AUTUMN"));
        ids.put("R3", world.child(prefix + "-3", "ASD", 12, 3, 90_400, 10_600, "2027-AUTUMN"));
        ids.put("R4", world.child(prefix + "-4", "ASD", 13, 3, 90_500, 10_700, "2027-AUTUMN"));
        ids.put("R5", world.child(prefix + "-5", "SEMH", 12, 3, 91_000, 11_000, "2027-AUTUMN"));
        ids.put("R6", world.child(prefix + "-6", "HI", 10, 2, 90_000, 10_000, "2027-AUTUMN"));
        ids.put("R7", world.child(prefix + "-7", "ASD", 14, 3, 90_600, 10_800, "2027-AUTUMN"));
    }

    private String start(int seconds, Map<String, Object> extra) {
        Map<String, Object> input = new HashMap<>(Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", YEAR, "timeLimitSeconds", seconds));
        input.putAll(extra);
        return commissioner.documentName("startPlan").variable("input", input).execute()
                .path("startPlan.plan.id").entity(String.class).get();
    }

    private String awaitFinished(String planId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String status = commissioner.documentName("planStatus").variable("id", planId).execute()
                    .path("plan.status").entity(String.class).get();
            if (!List.of("QUEUED", "SOLVING").contains(status)) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan " + planId + " still running after 60 s");
    }

    private WebSocketGraphQlTester webSocket(String subject) {
        return WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql-ws"), new StandardWebSocketClient())
                .headers(h -> h.set("Authorization", authorization(subject))).build();
    }

    @Test
    void aPlanSolvesInTheBackgroundStreamsProgressAndExplainsEveryChild() throws Exception {
        sevenChildren("FULL");
        String planId = start(3, Map.of());

        // progress over the subscription ends with a final COMPLETED report
        List<Map> reports = webSocket("test-commissioner-" + LA).documentName("planProgress").variable("planId", planId)
                .executeSubscription().toFlux("planProgress", Map.class).collectList().block(Duration.ofSeconds(60))
                .stream().map(r -> (Map) r).toList();
        assertThat(reports).isNotEmpty();
        Map last = reports.getLast();
        assertThat(last.get("done")).isEqualTo(true);
        assertThat(last.get("status")).isEqualTo("COMPLETED");
        assertThat(last.get("placed")).isEqualTo(6);
        assertThat(last.get("unplaced")).isEqualTo(1);
        assertThat(awaitFinished(planId)).isEqualTo("COMPLETED");

        var plan = commissioner.documentName("planResult").variable("id", planId).execute();
        plan.path("plan.requests").entity(Integer.class).isEqualTo(7)
                .path("plan.placed").entity(Integer.class).isEqualTo(6)
                .path("plan.score").entity(String.class).satisfies(score -> assertThat(score).startsWith("0hard/-1medium/"))
                // per-child rules only: the exact construction is the optimum, and the plan says so
                .path("plan.provenOptimal").entity(Boolean.class).isEqualTo(true)
                .path("plan.gapPercent").entity(Double.class).isEqualTo(0.0)
                .path("plan.excludedSettings[?(@.urn == " + SUSPENDED + ")].reason").entityList(String.class)
                .containsExactly("suspended: test: safeguarding review");
        // the cheapest fit for each child: the resourced base (1 place), then the special school, then independent
        Map<String, Integer> placedIn = new HashMap<>();
        List<Map> assignments = plan.path("plan.assignments.edges[*].node").entityList(Map.class).get();
        for (Map a : assignments) {
            placedIn.put((String) ((Map) a.get("request")).get("id"), (Integer) ((Map) a.get("setting")).get("urn"));
            assertThat(new java.math.BigDecimal((String) a.get("annualCost")))
                    .isEqualByComparingTo(new java.math.BigDecimal((String) a.get("fee")).add(new java.math.BigDecimal((String) a.get("transportCost"))));
            assertThat(((Map) a.get("request")).get("status")).isEqualTo("PROPOSED");
        }
        assertThat(placedIn.get(ids.get("R1")) + placedIn.get(ids.get("R2"))).isEqualTo(RESOURCED + SPECIAL);
        assertThat(List.of(placedIn.get(ids.get("R3")), placedIn.get(ids.get("R4")), placedIn.get(ids.get("R7"))))
                .containsExactlyInAnyOrder(SPECIAL, INDEPENDENT, INDEPENDENT);
        assertThat(placedIn.get(ids.get("R5"))).isEqualTo(INDEPENDENT);
        plan.path("plan.assignments.edges[?(@.node.setting.urn == " + INDEPENDENT + ")].node.penalties[*].constraint").entityList(String.class)
                .satisfies(constraints -> assertThat(constraints).containsOnly("independentPlacement"));
        plan.path("plan.assignments.edges[?(@.node.setting.urn == " + INDEPENDENT + ")].node.penalties[*].amount").entityList(String.class)
                .satisfies(amounts -> assertThat(amounts).containsOnly("5000.00"));
        plan.path("plan.assignments.edges[?(@.node.setting.urn == " + INDEPENDENT + ")].node.penalties[*].rule").entityList(String.class)
                .satisfies(rules -> assertThat(rules).containsOnly("independent setting"));
        // child by child, where the reactive approach would have placed them: the SEMH child's only fit is the same
        Map r5 = assignments.stream().filter(a -> ((Map) a.get("request")).get("id").equals(ids.get("R5"))).findFirst().orElseThrow();
        assertThat(((Map) r5.get("reactiveSetting")).get("urn")).isEqualTo(INDEPENDENT);
        assertThat(r5.get("reactiveAnnualCost")).isEqualTo(r5.get("annualCost"));
        // distances to 0.1 km, journeys in whole minutes
        for (Map a : assignments) {
            double km = ((Number) a.get("distanceKm")).doubleValue();
            assertThat(Math.abs(km * 10 - Math.rint(km * 10))).isLessThan(1e-9);
            assertThat(((Number) a.get("travelMinutes")).doubleValue() % 1).isZero();
        }
        plan.path("plan.unplacedRequests[0].request.id").entity(String.class).isEqualTo(ids.get("R6"))
                .path("plan.unplacedRequests[0].reason").entity(String.class).satisfies(reason -> assertThat(reason).startsWith("no setting meets need HI"))
                .path("plan.summary.shortfall").entityList(Map.class).containsExactly(Map.of("need", "HI", "phase", "PRIMARY", "unplaced", 1))
                // shares in percent to one decimal: 1, 2 and 3 of the 6 placements
                .path("plan.summary.mainstreamShare").entity(Double.class).isEqualTo(16.7)
                .path("plan.summary.stateSpecialShare").entity(Double.class).isEqualTo(33.3)
                .path("plan.summary.independentShare").entity(Double.class).isEqualTo(50.0)
                .path("plan.summary.alternativeProvisionShare").entity(Double.class).isEqualTo(0.0)
                .path("plan.summary.outOfAreaShare").entity(Double.class).isEqualTo(0.0)
                .path("plan.baseline.placed").entity(Integer.class).satisfies(placed -> assertThat(placed).isLessThanOrEqualTo(6));
    }

    @Test
    void aChildIsKeptInTheirCurrentPlaceOnlyWhileEveryRuleHolds() throws Exception {
        String kept = world.child("KEEP-1", "ASD", 9, 2, 89_900, 11_000, "2027-AUTUMN");
        String moved = world.child("KEEP-2", "ASD", 9, 2, 89_900, 11_000, "2027-AUTUMN");
        String b = world.child("KEEP-3", "ASD", 8, 2, 89_700, 10_900, "2027-AUTUMN");
        String c = world.child("KEEP-4", "ASD", 8, 2, 89_700, 10_900, "2027-AUTUMN");
        commissioner.documentName("updatePlacementRequest").variable("input", Map.of("id", kept, "currentSettingUrn", SPECIAL, "keepCurrent", true))
                .execute().path("updatePlacementRequest.request.id").hasValue();
        // this family has moved to the mainland, far beyond the 45-minute primary limit from the islands
        commissioner.documentName("updatePlacementRequest").variable("input", Map.of("id", moved, "currentSettingUrn", RESOURCED, "keepCurrent", true,
                        "home", Map.of("easting", 170_000, "northing", 40_000)))
                .execute().path("updatePlacementRequest.request.id").hasValue();
        String planId = start(2, Map.of());
        assertThat(awaitFinished(planId)).isEqualTo("COMPLETED");
        var plan = commissioner.documentName("planResult").variable("id", planId).execute();
        plan.path("plan.assignments.edges[?(@.node.request.id == '" + kept + "')].node.pinned").entityList(Boolean.class).containsExactly(true)
                .path("plan.assignments.edges[?(@.node.request.id == '" + kept + "')].node.setting.urn").entityList(Integer.class).containsExactly(SPECIAL)
                .path("plan.notes").entityList(String.class).contains("request KEEP-2: can't be kept in current setting " + RESOURCED
                        + " (222 minutes away, over the 45-minute travel limit), so the plan looks for a place that fits")
                .path("plan.unplacedRequests[*].request.id").entityList(String.class).containsExactly(moved)
                // the child who isn't kept frees no extra place: the base's single place goes to one of the other two
                .path("plan.assignments.edges[?(@.node.setting.urn == " + RESOURCED + ")].node.request.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).hasSize(1).isSubsetOf(b, c));
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId)).execute()
                .path("approvePlan.approved").entity(Integer.class).isEqualTo(3);
    }

    @Test
    void cancellingKeepsTheBestPlanFoundSoFar() throws Exception {
        sevenChildren("CANCEL");
        // a plan of per-child rules stops at its proof at once; siblings who can never share a setting (an ASD primary
        // child and an SEMH secondary one) keep local search going, so there is a solve to cancel
        for (String sibling : List.of(ids.get("R1"), ids.get("R5"))) {
            commissioner.documentName("updatePlacementRequest").variable("input", Map.of("id", sibling, "siblingGroup", "F-1")).execute()
                    .path("updatePlacementRequest.request.siblingGroup").entity(String.class).isEqualTo("F-1");
        }
        String planId = start(120, Map.of());
        // wait until the solver has a result, then stop it
        webSocket("test-commissioner-" + LA).documentName("planProgress").variable("planId", planId).executeSubscription()
                .toFlux("planProgress", Map.class).filter(r -> r.get("placed") != null).next().block(Duration.ofSeconds(60));
        commissioner.documentName("cancelPlan").variable("id", planId).execute().path("cancelPlan.plan.id").entity(String.class).isEqualTo(planId);
        assertThat(awaitFinished(planId)).isEqualTo("CANCELLED");
        commissioner.documentName("planStatus").variable("id", planId).execute()
                .path("plan.placed").entity(Integer.class).isEqualTo(6);
        commissioner.documentName("cancelPlan").variable("id", planId).execute()
                .errors().expect(e -> e.getMessage().equals("id: plan " + planId + " is already CANCELLED")).verify();
        commissioner.documentName("auditTrail").variable("entityType", "plan").variable("entityId", planId).execute()
                .path("auditTrail.edges[*].node.action").entityList(String.class).containsExactly("PLAN_CANCELLED", "PLAN_STARTED")
                .path("auditTrail.edges[*].node.actor").entityList(String.class).containsExactly("test-commissioner-" + LA, "test-commissioner-" + LA);
    }

    @Test
    void whileASearchRunsItsBestPlanIsSavedOnceItHasStoodForTheSaveInterval() throws Exception {
        sevenChildren("INTERIM");
        // siblings who can never share a setting keep local search going (see above): it ends 5 s after its last
        // improvement, so a best plan that stood for the save interval (2 s) is saved before the solve ends
        for (String sibling : List.of(ids.get("R1"), ids.get("R5"))) {
            commissioner.documentName("updatePlacementRequest").variable("input", Map.of("id", sibling, "siblingGroup", "F-2")).execute()
                    .path("updatePlacementRequest.request.siblingGroup").entity(String.class).isEqualTo("F-2");
        }
        long planId = Long.parseLong(start(120, Map.of()));
        org.jooq.Record2<PlanStatus, Integer> seen = null;
        for (int i = 0; i < 300 && (seen == null || seen.value2() == null); i++) {
            Thread.sleep(50);
            seen = db.select(PLAN.STATUS, PLAN.PLACED).from(PLAN).where(PLAN.ID.eq(planId)).fetchOne();
        }
        assertThat(seen.value2()).as("an interim result was saved").isEqualTo(6);
        assertThat(seen.value1()).as("while the plan was still solving").isEqualTo(PlanStatus.SOLVING);
        assertThat(db.fetchCount(PLAN_ASSIGNMENT, PLAN_ASSIGNMENT.PLAN_ID.eq(planId))).isEqualTo(6);
        assertThat(awaitFinished(String.valueOf(planId))).isEqualTo("COMPLETED");
    }

    @Autowired
    PlanRepository plans;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @Test
    void aSavedResultReadsBackExactlyWhateverItsTextAndReplacesTheLastOne() {
        long placed = Long.parseLong(world.child("SAVE-1", "ASD", 8, 2, 89_800, 11_000, "2027-AUTUMN"));
        long unplaced = Long.parseLong(world.child("SAVE-2", "HI", 10, 2, 90_000, 10_000, "2027-AUTUMN"));
        long id = db.insertInto(PLAN).set(PLAN.NAME, "saved").set(PLAN.SCOPE_TYPE, PlanScope.LOCAL_AUTHORITY).set(PLAN.SCOPE_CODE, LA)
                .set(PLAN.FINANCIAL_YEAR, YEAR).set(PLAN.STATUS, PlanStatus.SOLVING).set(PLAN.TIME_LIMIT_SECONDS, 30)
                .set(PLAN.WEIGHTS, org.jooq.JSONB.valueOf("{}")).set(PLAN.CREATED_BY, "test-commissioner-" + LA)
                .returning(PLAN.ID).fetchOne(PLAN.ID);
        // text a CSV stream must quote: quotes, commas, a line break, a backslash; and an empty penalty list, nulls
        String reason = "no place at \"Scilly, Upper\" \\ Lower\nsecond line";
        var first = new PlanTranslator.Result("0hard/-1medium/-5soft",
                List.of(new PlanTranslator.AssignmentRow(placed, LA, SPECIAL, "ASD", "PRIMARY", 2, uk.sendplan.db.types.ProvisionKind.DAY,
                        2_000_000, 12_345, 2_012_345, 3.456, 12.34, false, true, false,
                        List.of(new PenaltyCost("outOfArea", 100_000)), RESOURCED, 1_500_000L, null)),
                List.of(new PlanTranslator.UnplacedRow(unplaced, LA, "HI", "PRIMARY", reason, List.of(SPECIAL, RESOURCED))),
                2_012_345, 1, 1, 1_500_000, 10, true, 0.0, List.of(), null);
        transaction.executeWithoutResult(status -> plans.saveResult(id, first));

        assertThat(plans.assignments(id, null, null, 10)).singleElement().satisfies(a -> {
            assertThat(a.requestId()).isEqualTo(placed);
            assertThat(a.urn()).isEqualTo(SPECIAL);
            assertThat(a.feeKind()).isEqualTo(uk.sendplan.db.types.ProvisionKind.DAY);
            assertThat(a.annualCostPence()).isEqualTo(2_012_345);
            assertThat(a.distanceKm()).isEqualTo(3.46);
            assertThat(a.travelMinutes()).isEqualTo(12.3);
            assertThat(a.boarding()).isTrue();
            assertThat(a.penalties()).containsExactly(new PenaltyCost("outOfArea", 100_000));
            assertThat(a.reactiveUrn()).isEqualTo(RESOURCED);
            assertThat(a.reactiveCostPence()).isEqualTo(1_500_000L);
        });
        assertThat(plans.unplaced(id, null)).singleElement().satisfies(u -> {
            assertThat(u.reason()).isEqualTo(reason);
            assertThat(u.blockingUrns()).containsExactly(SPECIAL, RESOURCED);
        });

        // a better result replaces the whole of the last one: no penalties, no reactive placement, nobody unplaced
        var second = new PlanTranslator.Result("0hard/0medium/-5soft",
                List.of(new PlanTranslator.AssignmentRow(unplaced, LA, RESOURCED, "HI", "PRIMARY", 2, uk.sendplan.db.types.ProvisionKind.DAY,
                        1_000_000, 0, 1_000_000, 0, 0, true, false, false, List.of(), null, null, null)),
                List.of(), 1_000_000, 1, 1, 1_500_000, 20, true, 0.0, List.of(), null);
        transaction.executeWithoutResult(status -> plans.saveResult(id, second));
        assertThat(plans.assignments(id, null, null, 10)).singleElement().satisfies(a -> {
            assertThat(a.requestId()).isEqualTo(unplaced);
            assertThat(a.pinned()).isTrue();
            assertThat(a.penalties()).isEmpty();
            assertThat(a.reactiveUrn()).isNull();
            assertThat(a.reactiveCostPence()).isNull();
        });
        assertThat(plans.unplaced(id, null)).isEmpty();
        assertThat(db.fetchValue(PLAN.PLACED, PLAN.ID.eq(id))).isEqualTo(1);
    }

    @Test
    void aRestartMarksUnfinishedPlansInterruptedAndKeepsTheirBestResult() {
        long id = db.insertInto(PLAN).set(PLAN.NAME, "left running").set(PLAN.SCOPE_TYPE, PlanScope.LOCAL_AUTHORITY).set(PLAN.SCOPE_CODE, LA)
                .set(PLAN.FINANCIAL_YEAR, YEAR).set(PLAN.STATUS, PlanStatus.SOLVING).set(PLAN.TIME_LIMIT_SECONDS, 30)
                .set(PLAN.WEIGHTS, org.jooq.JSONB.valueOf("{\"preferenceMiss\":2000,\"independentPlacement\":5000,\"outOfArea\":1000,\"moveFromCurrent\":3000}"))
                .set(PLAN.CREATED_BY, "test-commissioner-" + LA).set(PLAN.STARTED_AT, java.time.Instant.now())
                .set(PLAN.PLACED, 4).set(PLAN.UNPLACED, 1).set(PLAN.SCORE, "0hard/-1medium/-100000soft").set(PLAN.TOTAL_COST_PENCE, 10_000_000L)
                .returning(PLAN.ID).fetchOne(PLAN.ID);

        assertThat(jobs.interruptUnfinished()).isGreaterThanOrEqualTo(1);

        commissioner.documentName("planStatus").variable("id", String.valueOf(id)).execute()
                .path("plan.status").entity(String.class).isEqualTo("INTERRUPTED")
                .path("plan.placed").entity(Integer.class).isEqualTo(4)
                .path("plan.score").entity(String.class).isEqualTo("0hard/-1medium/-100000soft")
                .path("plan.failure").entity(String.class).satisfies(f -> assertThat(f).contains("best result so far is kept"));
    }

    @Test
    void approvalWritesPlacementsAndOccupancyOnceAndIsAudited() throws Exception {
        sevenChildren("APPROVE");
        String planId = start(2, Map.of());
        assertThat(awaitFinished(planId)).isEqualTo("COMPLETED");

        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId, "requestIds", List.of(ids.get("R1"), ids.get("R2"))))
                .execute()
                .path("approvePlan.approved").entity(Integer.class).isEqualTo(2)
                .path("approvePlan.plan.status").entity(String.class).isEqualTo("PARTLY_APPROVED")
                .path("approvePlan.placements[*].request.status").entityList(String.class).containsExactly("PLACED", "PLACED");
        assertThat(db.fetchValue(PLACE.OCCUPIED, PLACE.SETTING_URN.eq(RESOURCED))).isEqualTo(1);
        assertThat(db.fetchValue(PLACE.OCCUPIED, PLACE.SETTING_URN.eq(SPECIAL).and(PLACE.PHASE_CODE.eq("PRIMARY")))).isEqualTo(1);
        commissioner.documentName("settingPlacements").variable("urn", RESOURCED).execute()
                .path("setting.placements[*].request.reference").entityList(String.class).containsExactly("APPROVE-1");
        commissioner.documentName("auditTrail").variable("entityType", "placement").execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("PLACEMENT_APPROVED")
                .path("auditTrail.edges[0].node.actor").entity(String.class).isEqualTo("test-commissioner-" + LA);

        // the rest, then nothing is left
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId)).execute()
                .path("approvePlan.approved").entity(Integer.class).isEqualTo(4)
                .path("approvePlan.plan.status").entity(String.class).isEqualTo("APPROVED");
        commissioner.documentName("auditTrail").variable("entityType", "plan").variable("entityId", planId).execute()
                .path("auditTrail.edges[*].node.action").entityList(String.class).containsExactly("PLAN_APPROVED", "PLAN_APPROVED", "PLAN_STARTED");
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId)).execute()
                .errors().expect(e -> e.getMessage().equals("input.planId: plan " + planId + " has no proposed placements for your LA left to approve"))
                .verify();
        // a provider never sees children, even through a setting
        as("provider-demo").documentName("settingPlacements").variable("urn", RESOURCED).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
    }

    @Test
    void approvalRefusesWhenAPlaceHasGoneOrAFeeChangedAndWritesNothing() throws Exception {
        sevenChildren("STALE");
        String planId = start(2, Map.of());
        assertThat(awaitFinished(planId)).isEqualTo("COMPLETED");
        // the resourced base's only place is taken by someone else meanwhile
        graphQl.documentName("setPlaces").variable("input", Map.of("urn", RESOURCED, "places",
                List.of(Map.of("need", "ASD", "phase", "PRIMARY", "capacity", 1, "occupied", 1)))).execute()
                .path("setPlaces.setting.vacancies").entity(Integer.class).isEqualTo(0);
        int placements = db.fetchCount(PLACEMENT);

        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("approvePlan: 1 of the 6 placements no longer hold, so none was approved; first: setting "
                        + RESOURCED + " has 0 ASD PRIMARY vacancies left, 1 needed. Next: re-plan so the plan uses the register as it is now "
                        + "(setting Scilly Test Primary ASD Base (URN " + RESOURCED + ") has changed (places, status or fees)), or approve "
                        + "only the placements that still hold by naming them in requestIds")
                        && e.getExtensions().get("next") != null).verify();
        commissioner.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).isEqualTo("COMPLETED");
        assertThat(db.fetchCount(PLACEMENT)).isEqualTo(placements);
        assertThat(db.fetchValue(PLACE.OCCUPIED, PLACE.SETTING_URN.eq(SPECIAL).and(PLACE.PHASE_CODE.eq("PRIMARY")))).isZero();
    }

    @Test
    void twoApprovalsRacingForTheLastPlaceCannotBothHaveIt() throws Exception {
        // two plans, each for one child, each proposing the resourced base's single place
        world.child("RACE-1", "ASD", 8, 2, 89_800, 11_000, "2027-AUTUMN");
        world.child("RACE-2", "ASD", 8, 2, 89_800, 11_000, "2028-AUTUMN");
        String planA = start(2, Map.of("startTerm", "2027-AUTUMN"));
        String planB = start(2, Map.of("startTerm", "2028-AUTUMN"));
        assertThat(awaitFinished(planA)).isEqualTo("COMPLETED");
        assertThat(awaitFinished(planB)).isEqualTo("COMPLETED");
        for (String plan : List.of(planA, planB)) {
            commissioner.documentName("planResult").variable("id", plan).execute()
                    .path("plan.assignments.edges[0].node.setting.urn").entity(Integer.class).isEqualTo(RESOURCED);
        }

        ExecutorService threads = Executors.newFixedThreadPool(2);
        Callable<Boolean> approveA = () -> approves(planA);
        Callable<Boolean> approveB = () -> approves(planB);
        List<Future<Boolean>> results = threads.invokeAll(List.of(approveA, approveB));
        threads.shutdown();
        assertThat(results.stream().filter(f -> {
            try {
                return f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count()).isEqualTo(1);
        assertThat(db.fetchValue(PLACE.OCCUPIED, PLACE.SETTING_URN.eq(RESOURCED))).isEqualTo(1);
        assertThat(db.fetchValue(PLACE.CAPACITY, PLACE.SETTING_URN.eq(RESOURCED))).isEqualTo(1);
    }

    private boolean approves(String planId) {
        var response = asCommissioner(LA).documentName("approvePlan").variable("input", Map.of("planId", planId)).execute();
        try {
            response.errors().verify();
            return true;
        } catch (AssertionError refused) {
            response.errors().expect(e -> e.getMessage().contains("ASD PRIMARY vacancies left")).verify();
            return false;
        }
    }

    @Test
    void theTailoredListRanksWhatFitsAndSaysWhyTheRestDoNot() {
        String child = world.child("LIST-1", "ASD", 8, 2, 89_800, 11_000, "2027-AUTUMN");
        var list = commissioner.documentName("suitableSettings").variable("requestId", child).variable("financialYear", YEAR).execute();
        list.path("suitableSettings.suitable[*].setting.urn").entityList(Integer.class).containsExactly(RESOURCED, SPECIAL)
                .path("suitableSettings.suitable[0].fee").entity(String.class).isEqualTo("14000.00")
                .path("suitableSettings.suitable[0].vacancies").entity(Integer.class).isEqualTo(1)
                .path("suitableSettings.suitable[0].feeVerdict").entity(String.class).isEqualTo("NOT_REGULATED")
                .path("suitableSettings.excluded[?(@.setting.urn == " + INDEPENDENT + ")].reasons[0]").entityList(String.class)
                .containsExactly("does not take primary pupils aged 8")
                .path("suitableSettings.excluded[?(@.setting.urn == " + SUSPENDED + ")].reasons[0]").entityList(String.class)
                .containsExactly("left out of planning: suspended: test: safeguarding review");

        asCommissioner("202").documentName("suitableSettings").variable("requestId", child).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("suitableSettings: not found in your scope")).verify();
        commissioner.documentName("suitableSettingsFor").variable("profile", Map.of("laCode", LA, "need", "SEMH", "band", 3, "age", 13,
                        "home", Map.of("easting", 91_000, "northing", 11_000), "gender", "MALE")).variable("financialYear", YEAR).execute()
                .path("suitableSettingsFor.suitable[*].setting.urn").entityList(Integer.class).containsExactly(INDEPENDENT)
                .path("suitableSettingsFor.suitable[0].fee").entity(String.class).isEqualTo("60000.00");
    }

    @Test
    void thePlanExportsAsCsvOneRowPerChild() throws Exception {
        sevenChildren("CSV");
        String planId = start(2, Map.of());
        assertThat(awaitFinished(planId)).isEqualTo("COMPLETED");
        String csv = commissioner.documentName("planCsv").variable("id", planId).execute().path("planCsv").entity(String.class).get();

        List<Csv.Row> rows = Csv.parse(csv);
        assertThat(rows.getFirst().fields()).isEqualTo(PlanExport.HEADER);
        assertThat(rows).hasSize(8);
        Map<String, List<String>> byReference = new HashMap<>();
        rows.subList(1, rows.size()).forEach(r -> byReference.put(r.fields().get(1), r.fields()));
        List<String> unplaced = byReference.get("CSV-6");
        assertThat(unplaced.get(7)).isEqualTo("UNPLACED");
        assertThat(unplaced.get(22)).startsWith("no setting meets need HI");
        List<Map> assignments = commissioner.documentName("planResult").variable("id", planId).execute()
                .path("plan.assignments.edges[*].node").entityList(Map.class).get();
        for (Map a : assignments) {
            String reference = (String) ((Map) a.get("request")).get("reference");
            List<String> row = byReference.get(reference);
            assertThat(row.get(7)).isEqualTo("PLACED");
            assertThat(Integer.parseInt(row.get(8))).isEqualTo(((Map) a.get("setting")).get("urn"));
            assertThat(row.get(12)).isEqualTo(a.get("fee"));
            assertThat(row.get(13)).isEqualTo(a.get("transportCost"));
            assertThat(row.get(14)).isEqualTo(a.get("annualCost"));
        }
    }

    @Test
    void badPlanRequestsAreRefusedNamingTheFieldAndTheRule() {
        rejects(Map.of("timeLimitSeconds", 0), "input.timeLimitSeconds: must be between 1 and 600, got 0");
        rejects(Map.of("financialYear", "2026-28"), "input.financialYear: a financial year is written like 2026-27, got \"2026-28\"");
        rejects(Map.of("financialYear", "2040-41"), "input.financialYear: no setting within reach of Isles of Scilly has fees for 2040-41");
        rejects(Map.of("weights", Map.of("outOfArea", -1)), "input.weights.outOfArea: a weight is whole pounds from 0 to 10000000, got -1");
        rejects(Map.of("startTerm", "next year"), "input.startTerm: a start term is a year and a term");
        rejects(Map.of("weights", Map.of("distanceFromHome", -1)), "input.weights.distanceFromHome: a weight is whole pounds from 0 to 10000000, got -1");
        rejects(Map.of("weights", Map.of("siblingsApart", 10_000_001)), "input.weights.siblingsApart: a weight is whole pounds from 0 to 10000000");
        rejects(Map.of("maxBoardingKm", 0), "input.maxBoardingKm: the boarding reach is whole km from 1 to 1000, got 0");
        rejects(Map.of("maxBoardingKm", 1001), "input.maxBoardingKm: the boarding reach is whole km from 1 to 1000, got 1001");
        rejects(Map.of("localRadiusKm", -1), "input.localRadiusKm: the local radius is whole km from 0 to 100, got -1");
        rejects(Map.of("localRadiusKm", 101), "input.localRadiusKm: the local radius is whole km from 0 to 100, got 101");
        rejects(Map.of("maxIndependentShare", 12.34), "input.maxIndependentShare: a share is a percentage from 0 to 100 with at most one decimal, got 12.34");
        rejects(Map.of("maxIndependentShare", 100.5), "input.maxIndependentShare: a share is a percentage from 0 to 100 with at most one decimal");
        rejects(Map.of("maxIndependentShare", -0.1), "input.maxIndependentShare: a share is a percentage from 0 to 100 with at most one decimal");
        rejects(Map.of("maxIndependentPlacements", -1), "input.maxIndependentPlacements: a number of children is 0 or more, got -1");
        commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", "202")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        commissioner.documentName("startPlan").variable("input", Map.of("scope", "REGION", "code", "E12000009")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN
                        && e.getMessage().equals("startPlan: a regional plan is started by that region's planner")).verify();
        asCommissioner("202").documentName("planStatus").variable("id", "999999").execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("plan: not found in your scope")).verify();
    }

    @Test
    void aPlanKeepsItsLimitOnIndependentPlacesAndSaysWhatItWasStartedWith() throws Exception {
        sevenChildren("LIMIT");
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", YEAR,
                        "timeLimitSeconds", 5, "maxIndependentPlacements", 1, "maxBoardingKm", 150, "localRadiusKm", 10,
                        "weights", Map.of("distanceFromHome", 250, "siblingsApart", 6000))).execute()
                .path("startPlan.plan.maxIndependentPlacements").entity(Integer.class).isEqualTo(1)
                .path("startPlan.plan.maxIndependentShare").valueIsNull()
                .path("startPlan.plan.maxBoardingKm").entity(Integer.class).isEqualTo(150)
                .path("startPlan.plan.localRadiusKm").entity(Integer.class).isEqualTo(10)
                .path("startPlan.plan.weights.distanceFromHome").entity(Long.class).isEqualTo(250L)
                .path("startPlan.plan.weights.siblingsApart").entity(Long.class).isEqualTo(6000L)
                .path("startPlan.plan.id").entity(String.class).get();
        assertThat(awaitFinished(planId)).isEqualTo("COMPLETED");
        // without the limit three children go to the independent school (see above); with it, one, and the two it can't
        // place anywhere else wait: the limit is the LA's policy, not a preference
        commissioner.documentName("planResult").variable("id", planId).execute()
                .path("plan.assignments.edges[?(@.node.setting.urn == " + INDEPENDENT + ")].node.request.id").entityList(String.class).hasSize(1)
                .path("plan.placed").entity(Integer.class).isEqualTo(4);
        // a share: 20% of the seven children is one child
        String sharePlan = start(5, Map.of("maxIndependentShare", 20.0));
        assertThat(awaitFinished(sharePlan)).isEqualTo("COMPLETED");
        commissioner.documentName("planResult").variable("id", sharePlan).execute()
                .path("plan.assignments.edges[?(@.node.setting.urn == " + INDEPENDENT + ")].node.request.id").entityList(String.class).hasSize(1);
        String defaults = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", YEAR,
                        "timeLimitSeconds", 1)).execute()
                .path("startPlan.plan.maxBoardingKm").entity(Integer.class).isEqualTo(200)
                .path("startPlan.plan.localRadiusKm").entity(Integer.class).isEqualTo(15)
                .path("startPlan.plan.weights.distanceFromHome").entity(Long.class).isEqualTo(300L)
                .path("startPlan.plan.id").entity(String.class).get();
        assertThat(awaitFinished(defaults)).isEqualTo("COMPLETED");
    }

    @Test
    void aRegionalLimitAppliesToEachLaOfTheRegion() {
        var parameters = PlanService.parameters(uk.sendplan.planner.domain.Weights.DEFAULT,
                new PlanSnapshot.Rules(200, 15, 12.5, null), List.of("420", "800", "801"));
        assertThat(parameters.independentLimits()).containsOnlyKeys("420", "800", "801")
                .allSatisfy((la, limit) -> assertThat(limit).isEqualTo(new uk.sendplan.planner.domain.IndependentLimit(null, 0.125)));
        assertThat(PlanService.parameters(uk.sendplan.planner.domain.Weights.DEFAULT, new PlanSnapshot.Rules(200, 15, null, null),
                List.of("420")).independentLimits()).isEmpty();
    }

    @Test
    void theTailoredListPutsWhatAFamilyWeighsFirstAndKeepsTheCostOrderForTheLa() {
        // at the special school's door: the resourced base is cheaper, the special school nearer
        String child = world.child("ORDER-1", "ASD", 8, 2, 90_300, 10_500, "2027-AUTUMN");
        commissioner.documentName("suitableSettings").variable("requestId", child).variable("financialYear", YEAR).execute()
                .path("suitableSettings.suitable[*].setting.urn").entityList(Integer.class).containsExactly(SPECIAL, RESOURCED)
                .path("suitableSettings.suitable[*].annualCost").entityList(String.class).hasSize(2);
        commissioner.documentName("suitableSettings").variable("requestId", child).variable("financialYear", YEAR).variable("order", "COST").execute()
                .path("suitableSettings.suitable[*].setting.urn").entityList(Integer.class).containsExactly(RESOURCED, SPECIAL);
        // the family's own preference comes first, however far
        String preferring = world.child("ORDER-2", "ASD", 8, 2, 89_700, 10_900, "2027-AUTUMN");
        commissioner.documentName("updatePlacementRequest").variable("input", Map.of("id", preferring, "preferences", List.of(SPECIAL))).execute()
                .path("updatePlacementRequest.request.id").hasValue();
        commissioner.documentName("suitableSettings").variable("requestId", preferring).variable("financialYear", YEAR).execute()
                .path("suitableSettings.suitable[*].setting.urn").entityList(Integer.class).containsExactly(SPECIAL, RESOURCED);
        commissioner.documentName("suitableSettingsFor").variable("profile", Map.of("laCode", LA, "need", "ASD", "band", 2, "age", 8,
                        "home", Map.of("easting", 90_300, "northing", 10_500), "gender", "MALE")).variable("financialYear", YEAR)
                .variable("order", "COST").execute()
                .path("suitableSettingsFor.suitable[*].setting.urn").entityList(Integer.class).containsExactly(RESOURCED, SPECIAL);
    }

    private void rejects(Map<String, Object> change, String message) {
        Map<String, Object> input = new HashMap<>(Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", YEAR));
        input.putAll(change);
        int plans = db.fetchCount(PLAN);
        commissioner.documentName("startPlan").variable("input", input).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(message)).verify();
        assertThat(db.fetchCount(PLAN)).isEqualTo(plans);
    }

    @Test
    void aRegionalPlannerSeesThePlanInAggregateButNotTheChildren() throws Exception {
        sevenChildren("REGION");
        String planId = asPlanner("E12000009").documentName("startPlan")
                .variable("input", Map.of("scope", "REGION", "code", "E12000009", "financialYear", YEAR, "timeLimitSeconds", 5))
                .execute().path("startPlan.plan.id").entity(String.class).get();
        GraphQlTester planner = asPlanner("E12000009");
        for (int i = 0; i < 1200; i++) {
            String status = planner.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).get();
            if (!List.of("QUEUED", "SOLVING").contains(status)) {
                break;
            }
            Thread.sleep(100);
        }
        planner.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).isEqualTo("COMPLETED");
        planner.document("query($id: ID!) { plan(id: $id) { assignments { totalCount } } }").variable("id", planId).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().startsWith("Plan.assignments: child-level records")).verify();
        // the Scilly commissioner sees their own children in the regional plan, and no one else's
        commissioner.document("query($id: ID!) { plan(id: $id) { assignments(first: 100) { edges { node { request { reference } } } } } }")
                .variable("id", planId).execute()
                .path("plan.assignments.edges[*].node.request.reference").entityList(String.class)
                .satisfies(refs -> assertThat(refs).isNotEmpty().allMatch(r -> r.startsWith("REGION-")));
    }
}
