package uk.sendplan.api.planning;

import org.jooq.DSLContext;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.sendplan.db.types.RequestStatus;

import static uk.sendplan.db.jooq.Tables.PLACEMENT;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST;
import static uk.sendplan.db.jooq.Tables.SETTING;

/**
 * A small planning world on the Isles of Scilly (LA 420), far enough from the mainland that no demo day setting is
 * within any child's travel limit: three test settings with fees for 2026-27 and a suspended fourth. Each test
 * removes earlier tests' placements, resets places and withdraws earlier tests' children, then makes its own.
 */
final class ScillyWorld {

    static final String LA = "420";
    static final String YEAR = "2026-27";
    static final int SPECIAL = 710_001;      // state special, ages 4-16: ASD primary 2, ASD secondary 1
    static final int INDEPENDENT = 710_002;  // independent special, ages 7-18: ASD secondary 3, SEMH secondary 2
    static final int RESOURCED = 710_003;    // resourced provision, ages 4-11: ASD primary 1
    static final int SUSPENDED = 710_004;    // independent special, suspended: never planned

    private static boolean created;

    private final GraphQlTester admin;
    private final GraphQlTester commissioner;
    private final DSLContext db;

    ScillyWorld(GraphQlTester admin, GraphQlTester commissioner, DSLContext db) {
        this.admin = admin;
        this.commissioner = commissioner;
        this.db = db;
    }

    /** Creates the settings and fees once, then puts places back as they started and clears earlier children. */
    synchronized ScillyWorld reset() {
        if (!created) {
            String provider = admin.documentName("registerProvider")
                    .variable("input", Map.of("name", "Scilly Test Trust", "kind", "INDEPENDENT", "forProfit", true))
                    .execute().path("registerProvider.provider.id").entity(String.class).get();
            setting(SPECIAL, "Scilly Test Special School", "STATE_SPECIAL", provider, 90_300, 10_500, 4, 16);
            setting(INDEPENDENT, "Scilly Test Independent School", "INDEPENDENT_SPECIAL", provider, 91_800, 11_200, 7, 18);
            setting(RESOURCED, "Scilly Test Primary ASD Base", "RESOURCED_PROVISION", provider, 89_700, 10_900, 4, 11);
            setting(SUSPENDED, "Scilly Test Suspended School", "INDEPENDENT_SPECIAL", provider, 90_900, 11_000, 7, 18);
            fees(SPECIAL, 20_000, 22_000, 25_000, 28_000, 32_000);
            fees(INDEPENDENT, 55_000, 57_000, 60_000, 64_000, 70_000);
            fees(RESOURCED, 12_000, 14_000, 16_000, 18_000, 20_000);
            fees(SUSPENDED, 55_000, 57_000, 60_000, 64_000, 70_000);
            admin.documentName("setRegistrationStatus")
                    .variable("input", Map.of("urn", SUSPENDED, "status", "SUSPENDED", "reason", "test: safeguarding review")).execute()
                    .path("setRegistrationStatus.setting.registrationStatus").entity(String.class).isEqualTo("SUSPENDED");
            created = true;
        }
        // earlier tests' approved placements hold places that setPlaces can't take away: clear them first
        db.deleteFrom(PLACEMENT).where(PLACEMENT.SETTING_URN.in(SPECIAL, INDEPENDENT, RESOURCED, SUSPENDED)).execute();
        places(SPECIAL, List.of(place("ASD", "PRIMARY", 2), place("ASD", "SECONDARY", 1)));
        places(INDEPENDENT, List.of(place("ASD", "SECONDARY", 3), place("SEMH", "SECONDARY", 2)));
        places(RESOURCED, List.of(place("ASD", "PRIMARY", 1)));
        places(SUSPENDED, List.of(place("ASD", "SECONDARY", 5)));
        db.update(PLACEMENT_REQUEST).set(PLACEMENT_REQUEST.STATUS, RequestStatus.WITHDRAWN).set(PLACEMENT_REQUEST.STATUS_REASON, "test reset")
                .where(PLACEMENT_REQUEST.LA_CODE.eq(LA)).and(PLACEMENT_REQUEST.STATUS.in(RequestStatus.OPEN, RequestStatus.PROPOSED)).execute();
        return this;
    }

    private void setting(int urn, String name, String type, String provider, int easting, int northing, int ageFrom, int ageTo) {
        if (db.fetchExists(SETTING, SETTING.URN.eq(urn))) {
            return;
        }
        admin.documentName("registerSetting").variable("input", Map.of("urn", urn, "name", name, "type", type, "providerId", provider,
                        "laCode", LA, "location", Map.of("easting", easting, "northing", northing), "ageFrom", ageFrom, "ageTo", ageTo))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
    }

    private void fees(int urn, int... byBand) {
        List<Map<String, Object>> fees = new ArrayList<>();
        for (int band = 1; band <= byBand.length; band++) {
            fees.add(Map.of("band", band, "kind", "DAY", "annualFee", byBand[band - 1] + ".00", "justification", "test fee"));
        }
        admin.document("mutation($input: SubmitFeesInput!) { submitFees(input: $input) { fees { id } } }")
                .variable("input", Map.of("urn", urn, "financialYear", YEAR, "fees", fees)).execute()
                .path("submitFees.fees").entityList(Object.class).hasSize(byBand.length);
    }

    private static Map<String, Object> place(String need, String phase, int capacity) {
        return Map.of("need", need, "phase", phase, "capacity", capacity, "occupied", 0);
    }

    private void places(int urn, List<Map<String, Object>> places) {
        admin.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", places)).execute()
                .path("setPlaces.setting.urn").entity(Integer.class).isEqualTo(urn);
    }

    /** A child of the LA; returns the request id. */
    String child(String reference, String need, int age, int band, int easting, int northing, String startTerm) {
        return commissioner.documentName("createPlacementRequest").variable("input", Map.of("laCode", LA, "reference", reference,
                        "primaryNeed", need, "band", band, "age", age, "home", Map.of("easting", easting, "northing", northing),
                        "gender", "MALE", "startTerm", startTerm))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
    }
}
