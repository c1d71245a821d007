package uk.sendplan.api.settings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.settings.RegisterFixtures.place;
import static uk.sendplan.api.settings.RegisterFixtures.settingInput;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;

class SettingMutationsTest extends GraphQlTestBase {

    RegisterFixtures fixtures;
    String providerId;

    @BeforeEach
    void provider() {
        fixtures = new RegisterFixtures(graphQl);
        providerId = fixtures.provider("Test Care Group Ltd");
    }

    @Test
    void registersASettingWithPlacesCommissionsAndAnAuditRecord() {
        int urn = RegisterFixtures.nextUrn();
        Map<String, Object> input = settingInput(urn, providerId, "202", 529000, 184000, List.of(
                Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 20, "occupied", 12,
                        "commissions", List.of(Map.of("laCode", "202", "places", 8), Map.of("laCode", "203", "places", 4))),
                place("SEMH", "POST_16", 6, 6)));

        var response = graphQl.documentName("registerSetting").variable("input", input).execute();

        response.path("registerSetting.setting.sector").entity(String.class).isEqualTo("INDEPENDENT")
                .path("registerSetting.setting.postcode").entity(String.class).isEqualTo("NW1 2DB")
                .path("registerSetting.setting.capacity").entity(Integer.class).isEqualTo(26)
                .path("registerSetting.setting.occupied").entity(Integer.class).isEqualTo(18)
                .path("registerSetting.setting.vacancies").entity(Integer.class).isEqualTo(8)
                .path("registerSetting.setting.demo").entity(Boolean.class).isEqualTo(false)
                .path("registerSetting.setting.source").entity(String.class).isEqualTo("MANUAL")
                // places come in DfE need order: SEMH before ASD
                .path("registerSetting.setting.places[0].need").entity(String.class).isEqualTo("SEMH")
                .path("registerSetting.setting.places[0].vacancies").entity(Integer.class).isEqualTo(0)
                .path("registerSetting.setting.places[1].commissions[*].localAuthority.code").entityList(String.class).containsExactly("202", "203");

        graphQl.documentName("auditTrail").variable("entityType", "setting").variable("entityId", String.valueOf(urn)).execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("SETTING_REGISTERED")
                .path("auditTrail.edges[0].node.actor").entity(String.class).isEqualTo("admin")
                .path("auditTrail.edges[0].node.before").valueIsNull()
                .path("auditTrail.edges[0].node.after.places[0].commissions[1].places").entity(Integer.class).isEqualTo(4);
    }

    @Test
    void badInputIsRefusedWithTheFieldAndRuleAndWritesNothing() {
        int existing = fixtures.setting(providerId, "202", 529000, 184000, List.of(place("ASD", "PRIMARY", 5, 1)));
        rejects(input -> input.put("urn", existing), "input.urn: a setting with URN " + existing + " is already registered");
        rejects(input -> input.put("urn", 9_000_001), "input.urn: a DfE URN is a number from 100000 to 8999999");
        rejects(input -> input.put("laCode", "999"), "input.laCode: unknown local authority code \"999\"");
        rejects(input -> input.put("providerId", "987654321"), "input.providerId: no provider with id 987654321");
        rejects(input -> input.put("postcode", "not a postcode"), "input.postcode: not a UK postcode");
        rejects(input -> input.put("ageTo", 30), "input.ageFrom: age range must satisfy 0 <= ageFrom <= ageTo <= 25");
        rejects(input -> input.put("location", Map.of("easting", -5, "northing", 100)), "input.location: British National Grid");
        rejects(input -> input.put("places", List.of(place("ASD", "PRIMARY", 10, 11))),
                "input.places[0].occupied: must not exceed capacity (11 > 10)");
        rejects(input -> input.put("places", List.of(place("ASD", "PRIMARY", 10, 1), place("HI", "PRIMARY", -1, 0))),
                "input.places[1].capacity: must not be negative, got -1");
        rejects(input -> input.put("places", List.of(place("ASD", "EARLY_YEARS", 10, 1))),
                "input.places[0].phase: EARLY_YEARS (ages 0-4) is outside the setting's age range 7-18");
        rejects(input -> input.put("places", List.of(place("ASD", "PRIMARY", 10, 1), place("ASD", "PRIMARY", 3, 1))),
                "input.places[1]: places for ASD in PRIMARY are given twice");
        rejects(input -> input.put("places", List.of(Map.of("need", "ASD", "phase", "PRIMARY", "capacity", 5, "occupied", 0,
                        "commissions", List.of(Map.of("laCode", "202", "places", 6))))),
                "input.places[0].commissions: commissioned places (6) must not exceed capacity (5)");
    }

    private void rejects(Consumer<Map<String, Object>> change, String message) {
        int urn = RegisterFixtures.nextUrn();
        Map<String, Object> input = new HashMap<>(settingInput(urn, providerId, "202", 529000, 184000, List.of(place("ASD", "PRIMARY", 5, 1))));
        change.accept(input);
        int auditBefore = db.fetchCount(AUDIT_EVENT);
        graphQl.documentName("registerSetting").variable("input", input).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(message)).verify()
                .path("registerSetting").pathDoesNotExist();
        if (!input.get("urn").equals(urn)) {
            return;
        }
        graphQl.documentName("setting").variable("urn", urn).execute().path("setting").valueIsNull();
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(auditBefore);
    }

    @Test
    void unknownNeedCodeIsRefusedByTheSchema() {
        Map<String, Object> input = new HashMap<>(settingInput(RegisterFixtures.nextUrn(), providerId, "202", 529000, 184000,
                List.of(place("AUTISM", "PRIMARY", 5, 1))));
        graphQl.documentName("registerSetting").variable("input", input).execute()
                .errors().expect(e -> e.getMessage().contains("AUTISM") && e.getMessage().contains("NeedCode")).verify();
    }

    @Test
    void updatesOnlyTheGivenFieldsAndAuditsBeforeAndAfter() {
        int urn = fixtures.setting(providerId, "202", 529000, 184000, List.of(place("ASD", "SECONDARY", 5, 1)));

        graphQl.documentName("updateSetting").variable("input", Map.of("urn", urn, "name", "Renamed School", "ofstedRating", "GOOD")).execute()
                .path("updateSetting.setting.name").entity(String.class).isEqualTo("Renamed School")
                .path("updateSetting.setting.postcode").entity(String.class).isEqualTo("NW1 2DB")
                .path("updateSetting.setting.ofstedRating").entity(String.class).isEqualTo("GOOD");

        graphQl.documentName("auditTrail").variable("entityType", "setting").variable("entityId", String.valueOf(urn)).execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("SETTING_UPDATED")
                .path("auditTrail.edges[0].node.before.name").entity(String.class).isEqualTo("Test Independent Special School " + urn)
                .path("auditTrail.edges[0].node.after.name").entity(String.class).isEqualTo("Renamed School");
    }

    @Test
    void updateRefusesAnAgeRangeThatStrandsPlacesAndAnUnknownUrn() {
        int urn = fixtures.setting(providerId, "202", 529000, 184000, List.of(place("ASD", "SECONDARY", 5, 1)));
        graphQl.documentName("updateSetting").variable("input", Map.of("urn", urn, "ageFrom", 4, "ageTo", 10)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("input.ageFrom: the setting has SECONDARY places, outside the new age range 4-10; change its places first"))
                .verify();
        graphQl.documentName("updateSetting").variable("input", Map.of("urn", 899_999, "name", "x")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.NOT_FOUND && e.getMessage().equals("input.urn: no setting with URN 899999"))
                .verify();
    }

    @Test
    void setPlacesReplacesThemAndABadListChangesNothing() {
        int urn = fixtures.setting(providerId, "202", 529000, 184000, List.of(place("ASD", "SECONDARY", 5, 1)));

        graphQl.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", List.of(place("SEMH", "SECONDARY", 8, 8), place("SEMH", "POST_16", 4, 0))))
                .execute()
                .path("setPlaces.setting.capacity").entity(Integer.class).isEqualTo(12)
                .path("setPlaces.setting.vacancies").entity(Integer.class).isEqualTo(4)
                .path("setPlaces.setting.places[*].need").entityList(String.class).containsExactly("SEMH", "SEMH");

        graphQl.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", List.of(place("SEMH", "SECONDARY", 8, 9))))
                .execute()
                .errors().expect(e -> e.getMessage().equals("input.places[0].occupied: must not exceed capacity (9 > 8)")).verify();
        graphQl.documentName("setting").variable("urn", urn).execute().path("setting.capacity").entity(Integer.class).isEqualTo(12);
    }

    @Test
    void suspendingNeedsAReasonAndTakesTheSettingOutOfVacancies() {
        Map<String, Object> before = vacancies("893", "PD", "POST_16");
        int urn = fixtures.setting(providerId, "893", 350000, 310000, List.of(place("PD", "SECONDARY", 3, 3), place("PD", "POST_16", 10, 4)));
        Map<String, Object> open = vacancies("893", "PD", "POST_16");
        assertThat((Integer) open.get("capacity")).isEqualTo((Integer) before.get("capacity") + 10);
        assertThat((Integer) open.get("vacancies")).isEqualTo((Integer) before.get("vacancies") + 6);

        graphQl.documentName("setRegistrationStatus").variable("input", Map.of("urn", urn, "status", "SUSPENDED")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("input.reason: a reason is required to make a setting SUSPENDED")).verify();
        graphQl.documentName("setRegistrationStatus")
                .variable("input", Map.of("urn", urn, "status", "SUSPENDED", "reason", "Ofsted: safeguarding concerns")).execute()
                .path("setRegistrationStatus.setting.registrationStatus").entity(String.class).isEqualTo("SUSPENDED");

        assertThat(vacancies("893", "PD", "POST_16")).isEqualTo(before);
        graphQl.documentName("auditTrail").variable("entityType", "setting").variable("entityId", String.valueOf(urn)).execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("REGISTRATION_STATUS_CHANGED")
                .path("auditTrail.edges[0].node.before.registrationStatus").entity(String.class).isEqualTo("OPEN")
                .path("auditTrail.edges[0].node.after.registrationStatus").entity(String.class).isEqualTo("SUSPENDED")
                .path("auditTrail.edges[0].node.reason").entity(String.class).isEqualTo("Ofsted: safeguarding concerns");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> vacancies(String laCode, String need, String phase) {
        Map<String, Object> summary = graphQl.documentName("vacancies").variable("laCode", laCode).variable("need", need).variable("phase", phase)
                .execute().path("vacancies").entity(Map.class).get();
        return Map.of("capacity", summary.get("capacity"), "vacancies", summary.get("vacancies"));
    }

    @Test
    void registersProvidersWithTheirRules() {
        graphQl.documentName("registerProvider").variable("input", Map.of("name", "Camden", "kind", "LOCAL_AUTHORITY", "forProfit", true)).execute()
                .errors().expect(e -> e.getMessage().equals("input.laCode: required for a LOCAL_AUTHORITY provider")).verify();
        graphQl.documentName("registerProvider").variable("input", Map.of("name", "X Ltd", "kind", "INDEPENDENT", "companyNumber", "123")).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.companyNumber: a Companies House number is 8 letters or digits")).verify();
        graphQl.documentName("registerProvider").variable("input", Map.of("name", "Numbered Ltd", "kind", "INDEPENDENT", "companyNumber", "ab123456")).execute()
                .path("registerProvider.provider.companyNumber").entity(String.class).isEqualTo("AB123456")
                .path("registerProvider.provider.forProfit").valueIsNull();
    }

    @Test
    void capacitiesAreBoundedSoNoTotalOverflows() {
        // two places of 2147483647 made the setting's total overflow PostgreSQL's integer: an internal error
        int max = Integer.MAX_VALUE;
        rejects(input -> input.put("places", List.of(place("ASD", "PRIMARY", max, 0), place("ASD", "SECONDARY", max, 0))),
                "input.places[0].capacity: must be at most 10000 places for one need in one phase, got 2147483647");
        rejects(input -> input.put("places", List.of(place("ASD", "PRIMARY", 10_001, 0))),
                "input.places[0].capacity: must be at most 10000 places for one need in one phase, got 10001");
        // two commissions of 2147483647 wrapped round to -2, below any capacity
        rejects(input -> input.put("places", List.of(Map.of("need", "ASD", "phase", "PRIMARY", "capacity", 5, "occupied", 0,
                        "commissions", List.of(Map.of("laCode", "202", "places", max), Map.of("laCode", "203", "places", max))))),
                "input.places[0].commissions: commissioned places (4294967294) must not exceed capacity (5)");
        int urn = fixtures.setting(providerId, "202", 529000, 184000, List.of(place("ASD", "PRIMARY", 5, 1)));
        graphQl.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", List.of(place("ASD", "PRIMARY", max, 0),
                        place("HI", "PRIMARY", max, 0)))).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("input.places[0].capacity: must be at most 10000 places for one need in one phase, got 2147483647"))
                .verify();
        // the most a setting can hold still adds up: every need in every phase it serves at the maximum
        List<Map<String, Object>> full = new java.util.ArrayList<>();
        for (String need : List.of("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH")) {
            for (String phase : List.of("PRIMARY", "SECONDARY", "POST_16")) {
                full.add(place(need, phase, 10_000, 10_000));
            }
        }
        graphQl.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", full)).execute()
                .path("setPlaces.setting.capacity").entity(Integer.class).isEqualTo(360_000)
                .path("setPlaces.setting.vacancies").entity(Integer.class).isEqualTo(0);
        // and back, so Camden's vacancy figures stay what other tests expect
        graphQl.documentName("setPlaces").variable("input", Map.of("urn", urn, "places", List.of(place("ASD", "PRIMARY", 5, 1)))).execute()
                .path("setPlaces.setting.capacity").entity(Integer.class).isEqualTo(5);
    }

    @Test
    void onlyALocalAuthorityProviderHasAnLa() {
        for (String kind : List.of("INDEPENDENT", "NON_MAINTAINED", "ACADEMY_TRUST", "FURTHER_EDUCATION")) {
            String name = "Provider With An LA " + kind;
            graphQl.documentName("registerProvider").variable("input", Map.of("name", name, "kind", kind, "laCode", "202")).execute()
                    .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("input.laCode: only a LOCAL_AUTHORITY "
                            + "provider has an LA (it is the LA's own provider record); leave it out for a " + kind + " provider")).verify();
            graphQl.documentName("providers").variable("nameContains", name).execute()
                    .path("providers.totalCount").entity(Integer.class).isEqualTo(0);
        }
    }

    @Test
    void updateSettingCannotTakeASettingsFeesOutOfRegulation() {
        int urn = fixtures.setting(providerId, "202", 529000, 184000, List.of(place("ASD", "SECONDARY", 5, 1)));
        int auditBefore = db.fetchCount(AUDIT_EVENT);
        for (String sector : List.of("STATE", "NON_MAINTAINED")) {
            graphQl.documentName("updateSetting").variable("input", Map.of("urn", urn, "sector", sector, "name", "Relabelled")).execute()
                    .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("input.sector: the setting's fees "
                            + "are regulated by the rates framework, so its sector (INDEPENDENT) is not changed here: it comes from DfE's record (importSettings)"))
                    .verify();
        }
        // a provider can't do it either, for its own setting
        asProvider(Long.parseLong(providerId)).documentName("updateSetting").variable("input", Map.of("urn", urn, "sector", "STATE")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.sector: ")).verify();
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(auditBefore);
        graphQl.document("query($urn: Int!) { setting(urn: $urn) { name sector } }").variable("urn", urn).execute()
                .path("setting.sector").entity(String.class).isEqualTo("INDEPENDENT")
                .path("setting.name").entity(String.class).isEqualTo("Test Independent Special School " + urn);

        // an independent school recorded in the state sector is regulated by its type: the type stays too
        int stateSector = RegisterFixtures.nextUrn();
        Map<String, Object> input = new HashMap<>(settingInput(stateSector, providerId, "202", 529000, 184000, List.of()));
        input.put("sector", "STATE");
        graphQl.documentName("registerSetting").variable("input", input).execute().path("registerSetting.setting.sector").entity(String.class).isEqualTo("STATE");
        graphQl.documentName("updateSetting").variable("input", Map.of("urn", stateSector, "type", "STATE_SPECIAL")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("input.type: the setting's fees are "
                        + "regulated by the rates framework; a STATE_SPECIAL setting in the STATE sector would not be, so this change comes from "
                        + "DfE's record (importSettings)"))
                .verify();

        // into regulation is allowed, and audited with the sector before and after
        int state = RegisterFixtures.nextUrn();
        Map<String, Object> special = new HashMap<>(settingInput(state, providerId, "202", 529000, 184000, List.of()));
        special.put("type", "STATE_SPECIAL");
        graphQl.documentName("registerSetting").variable("input", special).execute().path("registerSetting.setting.sector").entity(String.class).isEqualTo("STATE");
        graphQl.document("mutation($input: UpdateSettingInput!) { updateSetting(input: $input) { setting { sector } } }")
                .variable("input", Map.of("urn", state, "sector", "INDEPENDENT")).execute()
                .path("updateSetting.setting.sector").entity(String.class).isEqualTo("INDEPENDENT");
        graphQl.documentName("auditTrail").variable("entityType", "setting").variable("entityId", String.valueOf(state)).execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("SETTING_UPDATED")
                .path("auditTrail.edges[0].node.before.sector").entity(String.class).isEqualTo("STATE")
                .path("auditTrail.edges[0].node.after.sector").entity(String.class).isEqualTo("INDEPENDENT");
    }
}
