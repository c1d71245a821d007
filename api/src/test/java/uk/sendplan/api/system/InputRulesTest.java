package uk.sendplan.api.system;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.PLAN;
import static uk.sendplan.db.jooq.Tables.PROVIDER;

/**
 * Every String and ID a client sends keeps to a maximum length and holds no control characters; a breach anywhere in
 * an operation is a BAD_REQUEST naming the argument path and the rule, before anything runs, so nothing is written.
 */
class InputRulesTest extends GraphQlTestBase {

    private static final AtomicInteger NEXT_URN = new AtomicInteger(870_000);

    String providerId;
    int urn;

    @BeforeEach
    void setting() {
        providerId = graphQl.documentName("registerProvider")
                .variable("input", Map.of("name", "Input Rules Ltd " + UUID.randomUUID(), "kind", "INDEPENDENT", "forProfit", true))
                .execute().path("registerProvider.provider.id").entity(String.class).get();
        urn = NEXT_URN.incrementAndGet();
        graphQl.documentName("registerSetting").variable("input", settingInput(urn, "Input Rules School " + urn)).execute()
                .path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
    }

    private Map<String, Object> settingInput(int urn, String name) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("urn", urn);
        input.put("name", name);
        input.put("type", "INDEPENDENT_SPECIAL");
        input.put("providerId", providerId);
        input.put("laCode", "202");
        input.put("ageFrom", 7);
        input.put("ageTo", 18);
        input.put("places", List.of(Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 5, "occupied", 1)));
        return input;
    }

    /** The request is refused with exactly these errors, each BAD_REQUEST naming its path, and nothing is written. */
    private void refused(GraphQlTester.Request<?> request, String... messages) {
        int audit = db.fetchCount(AUDIT_EVENT);
        int providers = db.fetchCount(PROVIDER);
        int plans = db.fetchCount(PLAN);
        GraphQlTester.Response response = request.execute();
        List<ResponseError> errors = response.returnResponse().getErrors();
        assertThat(errors).extracting(ResponseError::getMessage).containsExactly(messages);
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith(e.getExtensions().get("field") + ": ");
        });
        response.errors().satisfy(e -> assertThat(e).hasSize(messages.length));
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(audit);
        assertThat(db.fetchCount(PROVIDER)).isEqualTo(providers);
        assertThat(db.fetchCount(PLAN)).isEqualTo(plans);
    }

    private static final String NUL = "U+0000";

    @Test
    void aNulByteIsRefusedInEveryKindOfArgumentInsteadOfAnInternalError() {
        // each of these reached PostgreSQL's driver, which refuses a NUL in text, and answered INTERNAL_ERROR
        String nul = "x\u0000y";
        String line = "must not contain control characters (" + NUL + " at character 2)";
        String text = "must not contain control characters other than line breaks and tabs (" + NUL + " at character 2)";
        refused(graphQl.document("query($v: String) { providers(nameContains: $v) { totalCount } }").variable("v", nul), "nameContains: " + line);
        refused(graphQl.document("query($v: String) { settings(filter: { nameContains: $v }) { totalCount } }").variable("v", nul),
                "filter.nameContains: " + line);
        refused(graphQl.document("query($v: String) { auditTrail(entityType: $v) { edges { cursor } } }").variable("v", nul), "entityType: " + line);
        refused(graphQl.document("mutation($v: String!) { registerProvider(input: { name: $v, kind: INDEPENDENT }) { provider { id } } }")
                .variable("v", nul), "input.name: " + line);
        refused(graphQl.documentName("registerSetting").variable("input", settingInput(NEXT_URN.incrementAndGet(), nul)), "input.name: " + line);
        refused(graphQl.document("mutation($urn: Int!, $v: String) { updateSetting(input: { urn: $urn, name: $v }) { setting { urn } } }")
                .variable("urn", urn).variable("v", nul), "input.name: " + line);
        refused(graphQl.document("mutation($urn: Int!, $v: String) { setRegistrationStatus(input: { urn: $urn, status: SUSPENDED, reason: $v }) "
                + "{ setting { urn } } }").variable("urn", urn).variable("v", nul), "input.reason: " + text);
        refused(as("regulator").document("mutation($urn: Int!, $v: String!) { suspendSettings(input: { urns: [$urn], reason: $v }) "
                + "{ settings { urn } } }").variable("urn", urn).variable("v", nul), "input.reason: " + text);
        refused(asCommissioner("202").document("mutation($v: String) { startPlan(input: { scope: LOCAL_AUTHORITY, code: \"202\", name: $v }) "
                + "{ plan { id } } }").variable("v", nul), "input.name: " + line);
        refused(asCommissioner("202").document("query($v: String) { placementRequests(filter: { laCode: \"202\", startTerm: $v }) { totalCount } }")
                .variable("v", nul), "filter.startTerm: " + line);
        String framework = "mutation($name: String!, $description: String) { createRateFramework(input: { financialYear: \"2093-94\", "
                + "name: $name, description: $description, maxUpliftPercent: 5, bands: [{ code: \"D-1\", description: \"d\", kind: DAY, "
                + "complexity: 1, referenceRate: \"1000.00\", ceiling: \"2000.00\" }] }) { framework { id } } }";
        refused(as("regulator").document(framework).variable("name", nul), "input.name: " + line);
        refused(as("regulator").document(framework).variable("name", "n").variable("description", nul), "input.description: " + text);
        refused(graphQl.document("mutation($v: String) { setUserScope(input: { subject: \"nul-user\", role: REGULATOR, displayName: $v }) "
                + "{ user { subject } } }").variable("v", nul), "input.displayName: " + line);
        // written in the document rather than as a variable, and deep in an input list
        refused(graphQl.document("{ providers(nameContains: \"x\\u0000\") { totalCount } }"),
                "nameContains: must not contain control characters (" + NUL + " at character 2)");
        Map<String, Object> input = settingInput(NEXT_URN.incrementAndGet(), "Nested Rules School");
        input.put("places", List.of(Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 5, "occupied", 1,
                "commissions", List.of(Map.of("laCode", "20\u00002", "places", 1)))));
        refused(graphQl.documentName("registerSetting").variable("input", input),
                "input.places[0].commissions[0].laCode: must not contain control characters (" + NUL + " at character 3)");
    }

    @Test
    void namesStayOnOneLineAndFreeTextMaySpanLines() {
        refused(graphQl.document("mutation($input: UpdateSettingInput!) { updateSetting(input: $input) { setting { name } } }")
                        .variable("input", Map.of("urn", urn, "name", "Two\nLines")),
                "input.name: must not contain control characters (U+000A at character 4)");
        refused(graphQl.document("query($v: String) { providers(nameContains: $v) { totalCount } }").variable("v", "bell\u0007"),
                "nameContains: must not contain control characters (U+0007 at character 5)");
        refused(graphQl.document("query($v: String) { providers(nameContains: $v) { totalCount } }").variable("v", "c1\u0085"),
                "nameContains: must not contain control characters (U+0085 at character 3)");
        refused(graphQl.document("query($v: String) { providers(nameContains: $v) { totalCount } }").variable("v", "half \uD800 pair"),
                "nameContains: must be valid Unicode text (a lone surrogate U+D800 at character 6)");

        String reason = "Safeguarding review:\n\t1. staffing\r\n\t2. premises";
        graphQl.documentName("setRegistrationStatus").variable("input", Map.of("urn", urn, "status", "SUSPENDED", "reason", reason)).execute()
                .path("setRegistrationStatus.setting.statusReason").entity(String.class).isEqualTo(reason);
        graphQl.document("query($v: String) { providers(nameContains: $v) { totalCount } }").variable("v", "Demo \uD83C\uDFEB Café").execute()
                .path("providers.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void everyStringHasAMaximumLength() {
        refused(graphQl.document("query($v: String) { providers(nameContains: $v) { totalCount } }").variable("v", "a".repeat(256)),
                "nameContains: must be at most 255 characters, got 256");
        graphQl.document("query($v: String) { providers(nameContains: $v) { totalCount } }").variable("v", "a".repeat(255)).execute()
                .path("providers.totalCount").entity(Integer.class).isEqualTo(0);
        refused(graphQl.document("query($v: ID) { auditTrail(entityType: \"setting\", entityId: $v) { edges { cursor } } }").variable("v", "9".repeat(300)),
                "entityId: must be at most 255 characters, got 300");
        refused(graphQl.document("mutation($urn: Int!, $v: String) { setRegistrationStatus(input: { urn: $urn, status: SUSPENDED, reason: $v }) "
                        + "{ setting { urn } } }").variable("urn", urn).variable("v", "r".repeat(2001)),
                "input.reason: must be at most 2000 characters, got 2001");
        graphQl.document("mutation($urn: Int!, $v: String) { setRegistrationStatus(input: { urn: $urn, status: SUSPENDED, reason: $v }) "
                        + "{ setting { statusReason } } }").variable("urn", urn).variable("v", "r".repeat(2000)).execute()
                .path("setRegistrationStatus.setting.statusReason").entity(String.class).isEqualTo("r".repeat(2000));
    }

    @Test
    void oneBadArgumentRefusesTheWholeOperationBeforeAnythingRuns() {
        String fine = "Input Rules Fine Ltd " + UUID.randomUUID();
        refused(graphQl.document("mutation($fine: String!, $bad: String!) { "
                        + "a: registerProvider(input: { name: $fine, kind: INDEPENDENT }) { provider { id } } "
                        + "b: registerProvider(input: { name: $bad, kind: INDEPENDENT }) { provider { id } } "
                        + "c: registerProvider(input: { name: $bad, kind: INDEPENDENT, companyNumber: \"01234567\\u001B\" }) { provider { id } } }")
                        .variable("fine", fine).variable("bad", "x".repeat(300)),
                "input.name: must be at most 255 characters, got 300",
                "input.name: must be at most 255 characters, got 300",
                "input.companyNumber: must not contain control characters (U+001B at character 9)");
        assertThat(db.fetchCount(PROVIDER, PROVIDER.NAME.eq(fine))).isZero();
    }

    @Test
    void anUploadMaySpanLinesButItsDecodedBytesHoldNoControlCharacters() {
        String csv = "URN,EstablishmentName\r\n100001,Nul\u0000School\r\n";
        refused(graphQl.document("mutation($csv: String) { importSettings(csv: $csv, dryRun: true) { rows } }").variable("csv", csv),
                "csv: must not contain control characters other than line breaks and tabs (" + NUL + " at character 34)");
        String base64 = Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8));
        refused(graphQl.document("mutation($csv: String) { importSettings(csvBase64: $csv, dryRun: true) { rows } }").variable("csv", base64),
                "csvBase64: must not contain control characters other than line breaks and tabs (" + NUL + " at character 34)");
    }
}
