package uk.sendplan.api.consultations;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.settings.GiasRows;
import uk.sendplan.db.jooq.tables.records.HostConsultationRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.HOST_CONSULTATION;
import static uk.sendplan.db.jooq.Tables.HOST_CONSULTATION_CELL;
import static uk.sendplan.db.jooq.Tables.SETTING;
import static uk.sendplan.db.jooq.Tables.SETTING_TYPE;

/**
 * The host LA's say on new independent provision, on the real schema: asked on every path that registers independent
 * or non-maintained provision or grows its places (registerSetting, setPlaces, importSettings), never for a state
 * setting or fewer places; answered by the host LA's commissioner alone, an objection only with a reason, nothing
 * written on bad input, each answer audited with the one before; read in scope by each role.
 */
class HostConsultationTest extends GraphQlTestBase {

    private static final AtomicInteger NEXT_URN = new AtomicInteger(860_000);
    private static final String CAMDEN = "202";
    private static final String HACKNEY = "204";

    private long provider() {
        return Long.parseLong(graphQl.document("mutation { registerProvider(input: {name: \"Host Say Ltd\", kind: INDEPENDENT, forProfit: true}) "
                + "{ provider { id } } }").execute().path("registerProvider.provider.id").entity(String.class).get());
    }

    private int register(long provider, String type, String laCode, List<Map<String, Object>> places) {
        int urn = NEXT_URN.incrementAndGet();
        graphQl.document("mutation($input: RegisterSettingInput!) { registerSetting(input: $input) { setting { urn } } }")
                .variable("input", Map.of("urn", urn, "name", "Host Say School " + urn, "type", type, "providerId", String.valueOf(provider),
                        "laCode", laCode, "ageFrom", 7, "ageTo", 16, "places", places))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        return urn;
    }

    private static Map<String, Object> place(String need, String phase, int capacity) {
        return Map.of("need", need, "phase", phase, "capacity", capacity, "occupied", 0);
    }

    private List<HostConsultationRecord> consultationsOf(int urn) {
        return db.selectFrom(HOST_CONSULTATION).where(HOST_CONSULTATION.SETTING_URN.eq(urn)).orderBy(HOST_CONSULTATION.ID).fetch();
    }

    /** Each cell as "NEED PHASE before->after". */
    private List<String> cells(long consultation) {
        return db.selectFrom(HOST_CONSULTATION_CELL).where(HOST_CONSULTATION_CELL.CONSULTATION_ID.eq(consultation))
                .orderBy(HOST_CONSULTATION_CELL.NEED_CODE, HOST_CONSULTATION_CELL.PHASE_CODE)
                .fetch(c -> c.getNeedCode() + " " + c.getPhaseCode() + " " + c.getPlacesBefore() + "->" + c.getPlacesAfter());
    }

    private int audits(String action, long consultation) {
        return db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action).and(AUDIT_EVENT.ENTITY_TYPE.eq("host_consultation"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(consultation))));
    }

    @Test
    void registeringOrGrowingIndependentProvisionAsksItsHostLaAndStateSettingsOrFewerPlacesDoNot() {
        long provider = provider();
        int independent = register(provider, "INDEPENDENT_SPECIAL", CAMDEN, List.of(place("ASD", "SECONDARY", 10)));
        List<HostConsultationRecord> asked = consultationsOf(independent);
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().getLaCode()).isEqualTo(CAMDEN);
        assertThat(asked.getFirst().getProviderId()).isEqualTo(provider);
        assertThat(asked.getFirst().getChange().name()).isEqualTo("NEW_REGISTRATION");
        assertThat(asked.getFirst().getStatus().name()).isEqualTo("OPEN");
        assertThat(cells(asked.getFirst().getId())).containsExactly("ASD SECONDARY 0->10");
        assertThat(audits("CONSULTATION_OPENED", asked.getFirst().getId())).isEqualTo(1);

        int state = register(provider, "STATE_SPECIAL", CAMDEN, List.of(place("ASD", "SECONDARY", 10)));
        assertThat(consultationsOf(state)).isEmpty();

        // more places in one cell and a new cell: asked about both; the cell that stays the same is not listed
        graphQl.document("mutation($input: SetPlacesInput!) { setPlaces(input: $input) { setting { capacity } } }")
                .variable("input", Map.of("urn", independent, "places", List.of(place("ASD", "SECONDARY", 16), place("SEMH", "PRIMARY", 5))))
                .execute().path("setPlaces.setting.capacity").entity(Integer.class).isEqualTo(21);
        asked = consultationsOf(independent);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1).getChange().name()).isEqualTo("MORE_PLACES");
        assertThat(cells(asked.get(1).getId())).containsExactly("ASD SECONDARY 10->16", "SEMH PRIMARY 0->5");
        String summary = as("regulator").document("query($id: ID!) { hostConsultation(id: $id) { summary placesAdded } }")
                .variable("id", String.valueOf(asked.get(1).getId())).execute().path("hostConsultation.summary").entity(String.class).get();
        assertThat(summary).isEqualTo("More places: +5 SEMH primary, +6 ASD secondary (10 to 16)");

        // fewer places, or the same: nothing new to ask
        graphQl.document("mutation($input: SetPlacesInput!) { setPlaces(input: $input) { setting { capacity } } }")
                .variable("input", Map.of("urn", independent, "places", List.of(place("ASD", "SECONDARY", 12), place("SEMH", "PRIMARY", 5))))
                .execute().path("setPlaces.setting.capacity").entity(Integer.class).isEqualTo(17);
        graphQl.document("mutation($input: SetPlacesInput!) { setPlaces(input: $input) { setting { capacity } } }")
                .variable("input", Map.of("urn", state, "places", List.of(place("ASD", "SECONDARY", 30))))
                .execute().path("setPlaces.setting.capacity").entity(Integer.class).isEqualTo(30);
        assertThat(consultationsOf(independent)).hasSize(2);
        assertThat(consultationsOf(state)).isEmpty();
    }

    @Test
    void aGiasImportAsksAboutIndependentSettingsNewToTheRegisterAndTheirNewPlacesButNotADryRunOrAStateSchool() {
        int urn = NEXT_URN.incrementAndGet();
        int community = NEXT_URN.incrementAndGet();
        String file = new GiasRows().independentSpecial(urn, Map.of("EstablishmentName", "Host Say Meadow School"))
                .independentSpecial(community, Map.of("TypeOfEstablishment (name)", "Community special school",
                        "EstablishmentTypeGroup (name)", "Local authority maintained schools", "EstablishmentName", "Host Say Community School"))
                .csv();
        graphQl.document("mutation($csv: String) { importSettings(csv: $csv, dryRun: true) { created } }").variable("csv", file).execute()
                .path("importSettings.created").entity(Integer.class).isEqualTo(2);
        assertThat(consultationsOf(urn)).isEmpty();
        graphQl.document("mutation($csv: String) { importSettings(csv: $csv, dryRun: false) { created } }").variable("csv", file).execute()
                .path("importSettings.created").entity(Integer.class).isEqualTo(2);
        List<HostConsultationRecord> asked = consultationsOf(urn);
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().getLaCode()).isEqualTo("919");
        assertThat(asked.getFirst().getChange().name()).isEqualTo("NEW_REGISTRATION");
        assertThat(cells(asked.getFirst().getId())).isNotEmpty().allSatisfy(c -> assertThat(c).contains(" 0->"));
        assertThat(consultationsOf(community)).isEmpty();

        // the same school with room for twice as many: its host LA is asked about the new places
        String bigger = new GiasRows().independentSpecial(urn, Map.of("EstablishmentName", "Host Say Meadow School", "SchoolCapacity", "120")).csv();
        graphQl.document("mutation($csv: String) { importSettings(csv: $csv, dryRun: false) { updated } }").variable("csv", bigger).execute()
                .path("importSettings.updated").entity(Integer.class).isEqualTo(1);
        asked = consultationsOf(urn);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1).getChange().name()).isEqualTo("MORE_PLACES");
        assertThat(cells(asked.get(1).getId())).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContain(" 0->"));
    }

    @Test
    void theHostLasCommissionerAnswersOnceAtATimeAnObjectionNeedsAReasonAndEachAnswerIsAudited() {
        long provider = provider();
        int urn = register(provider, "INDEPENDENT_SPECIAL", CAMDEN, List.of(place("SEMH", "SECONDARY", 12)));
        String id = String.valueOf(consultationsOf(urn).getFirst().getId());
        HttpGraphQlTester camden = as("commissioner-camden");
        String answer = "mutation($input: AnswerHostConsultationInput!) { answerHostConsultation(input: $input) "
                + "{ consultation { status answer reason answeredAt } } }";

        // bad input: refused, nothing written
        camden.document(answer).variable("input", Map.of("id", id, "answer", "OBJECTS")).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.reason: required when the LA objects")).verify();
        camden.document(answer).variable("input", Map.of("id", id, "answer", "OBJECTS", "reason", "   ")).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.reason: required when the LA objects")).verify();
        camden.document(answer).variable("input", Map.of("id", id, "answer", "OBJECTS", "reason", "x".repeat(2001))).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.reason")).verify();
        // another LA's commissioner, and roles that do not answer: refused as if there were nothing
        as("commissioner-hackney").document(answer).variable("input", Map.of("id", id, "answer", "SUPPORTS")).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        for (HttpGraphQlTester other : List.of(as("regulator"), as("admin"), asProvider(provider), asPlanner("E12000007"))) {
            other.document(answer).variable("input", Map.of("id", id, "answer", "SUPPORTS")).execute().errors()
                    .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        }
        HostConsultationRecord untouched = db.selectFrom(HOST_CONSULTATION).where(HOST_CONSULTATION.ID.eq(Long.parseLong(id))).fetchOne();
        assertThat(untouched.getStatus().name()).isEqualTo("OPEN");
        assertThat(untouched.getAnswer()).isNull();
        assertThat(audits("CONSULTATION_ANSWERED", Long.parseLong(id))).isZero();

        // answered: supports, no reason needed
        var supported = camden.document(answer).variable("input", Map.of("id", id, "answer", "SUPPORTS")).execute();
        supported.path("answerHostConsultation.consultation.status").entity(String.class).isEqualTo("ANSWERED");
        supported.path("answerHostConsultation.consultation.answer").entity(String.class).isEqualTo("SUPPORTS");
        supported.path("answerHostConsultation.consultation.answeredAt").hasValue();
        assertThat(audits("CONSULTATION_ANSWERED", Long.parseLong(id))).isEqualTo(1);
        // the same answer again changes nothing and is refused
        camden.document(answer).variable("input", Map.of("id", id, "answer", "SUPPORTS")).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.answer: the LA has already answered SUPPORTS")).verify();

        // changed to an objection: the trail keeps the answer before and after
        String why = "Camden has 14 SEMH secondary places to spare in its own special schools";
        camden.document(answer).variable("input", Map.of("id", id, "answer", "OBJECTS", "reason", "  " + why + " ")).execute()
                .path("answerHostConsultation.consultation.reason").entity(String.class).isEqualTo(why);
        var changed = db.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("CONSULTATION_ANSWER_CHANGED"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(id)).fetchOne();
        assertThat(changed.getBefore().data()).contains("\"answer\": \"SUPPORTS\"");
        assertThat(changed.getAfter().data()).contains("\"answer\": \"OBJECTS\"").contains(why);
        assertThat(changed.getActor()).isEqualTo("commissioner-camden");
        assertThat(changed.getLaCode()).isEqualTo(CAMDEN);
        assertThat(changed.getProviderId()).isEqualTo(provider);
    }

    @Test
    void eachRoleReadsTheConsultationsInItsScopeAndTheRegulatorReadsTheAnswerWithTheRegistration() {
        long provider = provider();
        long otherProvider = provider();
        int urn = register(provider, "INDEPENDENT_SPECIAL", CAMDEN, List.of(place("ASD", "PRIMARY", 8)));
        int inHackney = register(otherProvider, "NON_MAINTAINED_SPECIAL", HACKNEY, List.of(place("HI", "PRIMARY", 6)));
        String id = String.valueOf(consultationsOf(urn).getFirst().getId());
        String hackneyId = String.valueOf(consultationsOf(inHackney).getFirst().getId());
        as("commissioner-camden").document("mutation($id: ID!) { answerHostConsultation(input: {id: $id, answer: OBJECTS, reason: \"Enough ASD places\"}) "
                + "{ consultation { id } } }").variable("id", id).execute().path("answerHostConsultation.consultation.id").entity(String.class).isEqualTo(id);

        String onSetting = "query($urn: Int!) { setting(urn: $urn) { hostConsultations { id answer reason localAuthority { code } } } }";
        var regulator = as("regulator").document(onSetting).variable("urn", urn).execute();
        regulator.path("setting.hostConsultations[0].answer").entity(String.class).isEqualTo("OBJECTS");
        regulator.path("setting.hostConsultations[0].reason").entity(String.class).isEqualTo("Enough ASD places");
        regulator.path("setting.hostConsultations[0].localAuthority.code").entity(String.class).isEqualTo(CAMDEN);
        asProvider(provider).document(onSetting).variable("urn", urn).execute()
                .path("setting.hostConsultations[0].answer").entity(String.class).isEqualTo("OBJECTS");
        // filtered out: another LA's commissioner, another provider
        as("commissioner-hackney").document(onSetting).variable("urn", urn).execute().path("setting.hostConsultations").entityList(Object.class).hasSize(0);
        asProvider(otherProvider).document(onSetting).variable("urn", urn).execute().path("setting.hostConsultations").entityList(Object.class).hasSize(0);
        asPlanner("E12000007").document(onSetting).variable("urn", urn).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();

        String list = "{ hostConsultations(first: 200) { id localAuthority { code } } }";
        assertThat(as("commissioner-camden").document(list).execute().path("hostConsultations[*].id").entityList(String.class).get())
                .contains(id).doesNotContain(hackneyId);
        assertThat(as("commissioner-hackney").document(list).execute().path("hostConsultations[*].id").entityList(String.class).get())
                .contains(hackneyId).doesNotContain(id);
        assertThat(asProvider(otherProvider).document(list).execute().path("hostConsultations[*].id").entityList(String.class).get())
                .containsExactly(hackneyId);
        assertThat(as("regulator").document(list).execute().path("hostConsultations[*].id").entityList(String.class).get()).contains(id, hackneyId);
        as("commissioner-hackney").document("query($id: ID!) { hostConsultation(id: $id) { id } }").variable("id", id).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        as("regulator").document("{ hostConsultations(first: 201) { id } }").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("first: must be 1 to 200")).verify();
    }

    @Test
    void aFreshDemoHasAskedEachHostLaAboutEveryDemoIndependentSettingCamdenAmongThem() {
        var independentDemo = SETTING.DEMO.isTrue().and(SETTING.SECTOR.ne(uk.sendplan.db.types.Sector.STATE).or(SETTING_TYPE.INDEPENDENT.isTrue()));
        int settings = db.fetchCount(db.select(SETTING.URN).from(SETTING).join(SETTING_TYPE).on(SETTING_TYPE.CODE.eq(SETTING.TYPE_CODE)).where(independentDemo));
        int asked = db.fetchCount(db.select(HOST_CONSULTATION.ID).from(HOST_CONSULTATION).join(SETTING).on(SETTING.URN.eq(HOST_CONSULTATION.SETTING_URN))
                .where(SETTING.DEMO.isTrue()).and(HOST_CONSULTATION.CHANGE.eq(uk.sendplan.db.types.ConsultationChange.NEW_REGISTRATION)));
        int camden = db.fetchCount(db.select(HOST_CONSULTATION.ID).from(HOST_CONSULTATION).join(SETTING).on(SETTING.URN.eq(HOST_CONSULTATION.SETTING_URN))
                .where(SETTING.DEMO.isTrue()).and(HOST_CONSULTATION.LA_CODE.eq(CAMDEN)));
        System.out.println("Demo host LA consultations: " + asked + " for " + settings + " independent and non-maintained demo settings, " + camden + " in Camden");
        assertThat(settings).isPositive();
        assertThat(asked).isEqualTo(settings);
        assertThat(camden).isGreaterThanOrEqualTo(2);
        assertThat(as("commissioner-camden").document("{ hostConsultations(status: OPEN, first: 200) { id } }").execute()
                .path("hostConsultations[*].id").entityList(String.class).get()).hasSizeGreaterThanOrEqualTo(2);
    }
}
