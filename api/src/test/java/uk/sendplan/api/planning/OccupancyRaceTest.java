package uk.sendplan.api.planning;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.planning.ScillyWorld.*;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * A provider's setPlaces racing a commissioner's approval (issue 9): whichever commits first, approved placements are
 * never lost from occupancy, and a capacity below them is refused with the numbers.
 */
class OccupancyRaceTest extends GraphQlTestBase {

    private static final int ROUNDS = 50;

    @Test
    void fiftyRoundsOfSetPlacesRacingApprovalKeepEveryApprovedPlacementInOccupancy() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(LA);
        ScillyWorld world = new ScillyWorld(graphQl, commissioner, db).reset();
        HttpGraphQlTester provider = asProvider(db.fetchValue(SETTING.PROVIDER_ID, SETTING.URN.eq(SPECIAL)));
        int rounds = 0;
        int approvalsSucceeded = 0;
        int setPlacesSucceeded = 0;
        int plans = 0;
        try (ExecutorService racers = Executors.newFixedThreadPool(2)) {
            while (rounds < ROUNDS) {
                world.reset();
                plans++;
                for (int i = 0; i < 7; i++) {
                    // ages 8-9 (primary) and 12-13 (secondary) near the three open settings
                    world.child("RACE-" + plans + "-" + i, i == 6 ? "SEMH" : "ASD", i % 2 == 0 ? 8 + i / 4 : 12 + i / 4, 2,
                            90_000 + 50 * i, 10_800 + 30 * i, "2027-AUTUMN");
                }
                String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA,
                        "financialYear", YEAR, "timeLimitSeconds", 1)).execute().path("startPlan.plan.id").entity(String.class).get();
                awaitFinished(commissioner, planId);
                List<Map<String, Object>> assignments = db.select(PLAN_ASSIGNMENT.REQUEST_ID, PLAN_ASSIGNMENT.SETTING_URN,
                                PLAN_ASSIGNMENT.NEED_CODE, PLAN_ASSIGNMENT.PHASE_CODE)
                        .from(PLAN_ASSIGNMENT).where(PLAN_ASSIGNMENT.PLAN_ID.eq(Long.parseLong(planId))).fetchMaps();
                assertThat(assignments).as("plan %s places children", planId).isNotEmpty();
                for (Map<String, Object> a : assignments) {
                    if (rounds == ROUNDS) {
                        break;
                    }
                    rounds++;
                    int urn = (Integer) a.get("setting_urn");
                    int otherPupils = rounds % 3;  // 0, 1 or 2 of the provider's own pupils in the child's cell
                    List<Map<String, Object>> places = placesWith(urn, (String) a.get("need_code"), (String) a.get("phase_code"), otherPupils);
                    CountDownLatch start = new CountDownLatch(1);
                    Future<Boolean> approval = racers.submit(() -> {
                        start.await();
                        return commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId,
                                "requestIds", List.of(String.valueOf(a.get("request_id"))))).execute().returnResponse().getErrors().isEmpty();
                    });
                    Future<Boolean> setPlaces = racers.submit(() -> {
                        start.await();
                        return provider.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", places)).execute()
                                .returnResponse().getErrors().isEmpty();
                    });
                    start.countDown();
                    approvalsSucceeded += approval.get() ? 1 : 0;
                    setPlacesSucceeded += setPlaces.get() ? 1 : 0;
                    assertEveryCellCountsItsApprovedPlacements();
                }
            }
        }
        System.out.printf("%d rounds of setPlaces racing approvePlan over %d plans: %d approvals and %d setPlaces went through,"
                + " every cell's occupancy equal to its approved placements plus the provider's pupils after each%n",
                rounds, plans, approvalsSucceeded, setPlacesSucceeded);
        assertThat(rounds).isEqualTo(ROUNDS);
        // both writers got through in many rounds (a full cell refuses one of them, by its rule): the race really ran
        assertThat(approvalsSucceeded).isGreaterThan(ROUNDS / 4);
        assertThat(setPlacesSucceeded).isGreaterThan(ROUNDS / 4);
    }

    /** The setting's cells as they are, with the given cell's own pupils set (capacity unchanged). */
    private List<Map<String, Object>> placesWith(int urn, String need, String phase, int pupils) {
        List<Map<String, Object>> places = new ArrayList<>();
        db.selectFrom(PLACE).where(PLACE.SETTING_URN.eq(urn)).orderBy(PLACE.NEED_CODE, PLACE.PHASE_CODE).fetch().forEach(p -> {
            Map<String, Object> place = new HashMap<>(Map.of("need", p.getNeedCode(), "phase", p.getPhaseCode(), "capacity", p.getCapacity(),
                    "occupied", p.getPupils()));
            if (p.getNeedCode().equals(need) && p.getPhaseCode().equals(phase)) {
                place.put("occupied", pupils);
            }
            places.add(place);
        });
        return places;
    }

    private void assertEveryCellCountsItsApprovedPlacements() {
        for (var cell : db.selectFrom(PLACE).where(PLACE.SETTING_URN.in(SPECIAL, INDEPENDENT, RESOURCED)).fetch()) {
            int placements = db.fetchCount(PLACEMENT, PLACEMENT.SETTING_URN.eq(cell.getSettingUrn()).and(PLACEMENT.NEED_CODE.eq(cell.getNeedCode()))
                    .and(PLACEMENT.PHASE_CODE.eq(cell.getPhaseCode())).and(PLACEMENT.TAKES_PLACE));
            assertThat(cell.getOccupied()).as("occupancy of %s %s %s", cell.getSettingUrn(), cell.getNeedCode(), cell.getPhaseCode())
                    .isEqualTo(placements + cell.getPupils());
            assertThat(cell.getOccupied()).isLessThanOrEqualTo(cell.getCapacity());
        }
    }

    @Test
    void aCapacityBelowTheApprovedPlacementsIsRefusedWithTheNumbers() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(LA);
        ScillyWorld world = new ScillyWorld(graphQl, commissioner, db).reset();
        world.child("FLOOR-1", "ASD", 8, 2, 89_800, 11_000, "2027-AUTUMN");
        world.child("FLOOR-2", "ASD", 9, 2, 89_900, 11_100, "2027-AUTUMN");
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA,
                "financialYear", YEAR, "timeLimitSeconds", 1)).execute().path("startPlan.plan.id").entity(String.class).get();
        awaitFinished(commissioner, planId);
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId)).execute()
                .path("approvePlan.approved").entity(Integer.class).isEqualTo(2);
        int urn = db.fetchValue(PLACEMENT.SETTING_URN, PLACEMENT.SETTING_URN.eq(SPECIAL).and(PLACEMENT.NEED_CODE.eq("ASD")).and(PLACEMENT.PHASE_CODE.eq("PRIMARY")))
                == null ? RESOURCED : SPECIAL;
        int approvedHere = db.fetchCount(PLACEMENT, PLACEMENT.SETTING_URN.eq(urn));
        graphQl.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", List.of(
                        Map.of("need", "ASD", "phase", "PRIMARY", "capacity", 0, "occupied", 0)))).execute()
                .errors().expect(e -> e.getMessage().equals("input.places[0].capacity: capacity 0 for ASD PRIMARY is below the "
                        + approvedHere + " approved placement" + (approvedHere == 1 ? "" : "s") + " plus the 0 other pupils given (" + approvedHere + ")")).verify();
        graphQl.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", List.of())).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.places: ASD PRIMARY places hold " + approvedHere + " approved placement")).verify();
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(urn).and(PLACE.NEED_CODE.eq("ASD")).and(PLACE.PHASE_CODE.eq("PRIMARY"))))
                .isEqualTo(approvedHere);
    }
}
