package uk.sendplan.api.fees;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.api.fees.FeeFixtures.justified;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.FEE_FINDING_EVENT;

/**
 * A regulator's audit of a year nobody else uses: verdict counts, findings, statistics, the providers with most
 * findings, the finding workflow, the CSV export and suspensions.
 *
 * <pre>
 * setting           provider     region  last year        this year
 * A ISS             Alpha (fp)   NE      DAY-2 40,000     DAY-3 50,000 within; DAY-2 44,000 uplift 10%; P16-3 50,000 above ceiling 43,200; DAY-1 30,000 no band
 * B ISS             Alpha (fp)   London  DAY-3 60,000     DAY-3 63,000 above adjusted reference 60,000; DAY-2 50,000 justified (reference 48,000)
 * C NMSS            Beta (charity) NE                     DAY-3 52,000 above reference; DAY-2 39,000 within
 * D state special   trust        NE                       DAY-3 25,000 not regulated
 * </pre>
 */
class FeeAuditTest extends GraphQlTestBase {

    FeeFixtures fixtures;
    String year;
    String alpha;
    String beta;
    int a;
    int b;
    int c;
    int d;

    @BeforeEach
    void fees() {
        fixtures = new FeeFixtures(graphQl);
        String[] years = FeeFixtures.freshYears();
        year = years[1];
        fixtures.published(years[0]);
        fixtures.published(year);
        alpha = fixtures.provider("Audit Alpha Care Ltd", "INDEPENDENT", true);
        beta = fixtures.provider("Audit Beta Trust", "NON_MAINTAINED", false);
        String trust = fixtures.provider("Audit Academy Trust", "ACADEMY_TRUST", false);
        a = fixtures.setting(alpha, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        b = fixtures.setting(alpha, "INDEPENDENT_SPECIAL", FeeFixtures.CAMDEN, false, "SEMH");
        c = fixtures.setting(beta, "NON_MAINTAINED_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        d = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        fixtures.submitted(a, years[0], List.of(fee(2, "DAY", "40000.00")));
        fixtures.submitted(b, years[0], List.of(fee(3, "DAY", "60000.00")));
        fixtures.submitted(a, year, List.of(fee(3, "DAY", "50000.00"), fee(2, "DAY", "44000.00"), fee(3, "POST_16", "50000.00"),
                fee(1, "DAY", "30000.00")));
        fixtures.submitted(b, year, List.of(fee(3, "DAY", "63000.00"), justified(fee(2, "DAY", "50000.00"), "Waking-night staff")));
        fixtures.submitted(c, year, List.of(fee(3, "DAY", "52000.00"), fee(2, "DAY", "39000.00")));
        fixtures.submitted(d, year, List.of(fee(3, "DAY", "25000.00")));
        // the audits are the regulator's; the admin above only set the scene
        graphQl = as("regulator");
        alphaUser = asProvider(Long.parseLong(alpha));
    }

    /** Alpha's own user: a provider answers its findings. */
    GraphQlTester alphaUser;

    private GraphQlTester by(String status) {
        return "PROVIDER_RESPONDED".equals(status) ? alphaUser : graphQl;
    }

    @Test
    void anAuditChecksEveryFeeOpensFindingsForTheNonCompliantAndKnowsWhatItRaisedBefore() {
        var audit = graphQl.documentName("runFeeAudit").variable("financialYear", year).execute();
        String auditId = audit.path("runFeeAudit.audit.id").entity(String.class).get();
        audit.path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(9)
                .path("runFeeAudit.audit.runBy").entity(String.class).isEqualTo("regulator")
                .path("runFeeAudit.audit.framework.version").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.scope.region").valueIsNull()
                .path("runFeeAudit.audit.verdicts[*].verdict").entityList(String.class).containsExactly(
                        "ABOVE_CEILING", "UPLIFT_ABOVE_CAP", "NO_APPLICABLE_BAND", "ABOVE_REFERENCE", "WITHIN_REFERENCE", "NOT_REGULATED")
                .path("runFeeAudit.audit.verdicts[*].fees").entityList(Integer.class).containsExactly(1, 1, 1, 3, 2, 1)
                .path("runFeeAudit.audit.findingsOpened").entity(Integer.class).isEqualTo(4)
                .path("runFeeAudit.audit.findingsAlreadyRaised").entity(Integer.class).isEqualTo(0)
                .path("runFeeAudit.audit.providersWithMostFindings[*].provider.id").entityList(String.class).containsExactly(alpha, beta)
                .path("runFeeAudit.audit.providersWithMostFindings[0].findings").entity(Integer.class).isEqualTo(3)
                .path("runFeeAudit.audit.providersWithMostFindings[0].undecided").entity(Integer.class).isEqualTo(3)
                .path("runFeeAudit.audit.providersWithMostFindings[0].aboveCeiling").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.providersWithMostFindings[0].upliftAboveCap").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.providersWithMostFindings[0].unjustifiedAboveReference").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.providersWithMostFindings[0].settings").entity(Integer.class).isEqualTo(2)
                .path("runFeeAudit.audit.providersWithMostFindings[1].findings").entity(Integer.class).isEqualTo(1);

        graphQl.documentName("feeFindings").variable("filter", Map.of("auditId", auditId)).variable("first", 10).execute()
                .path("feeFindings.totalCount").entity(Integer.class).isEqualTo(4)
                .path("feeFindings.edges[*].node.verdict").entityList(String.class).satisfies(verdicts -> assertThat(verdicts)
                        .containsExactlyInAnyOrder("ABOVE_CEILING", "UPLIFT_ABOVE_CAP", "ABOVE_REFERENCE", "ABOVE_REFERENCE"))
                .path("feeFindings.edges[*].node.setting.urn").entityList(Integer.class).satisfies(urns -> assertThat(urns).containsExactlyInAnyOrder(a, a, b, c))
                .path("feeFindings.edges[*].node.status").entityList(String.class).satisfies(statuses -> assertThat(statuses).containsOnly("OPEN"));
        graphQl.documentName("feeFindings").variable("filter", Map.of("financialYear", year, "providerId", alpha)).variable("first", 2).execute()
                .path("feeFindings.totalCount").entity(Integer.class).isEqualTo(3)
                .path("feeFindings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        graphQl.documentName("feeFindings").variable("filter", Map.of("financialYear", year, "regionCode", FeeFixtures.LONDON)).execute()
                .path("feeFindings.edges[*].node.setting.urn").entityList(Integer.class).containsExactly(b);

        // the same audit again raises nothing twice
        graphQl.documentName("runFeeAudit").variable("financialYear", year).execute()
                .path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(9)
                .path("runFeeAudit.audit.findingsOpened").entity(Integer.class).isEqualTo(0)
                .path("runFeeAudit.audit.findingsAlreadyRaised").entity(Integer.class).isEqualTo(4)
                .path("runFeeAudit.audit.providersWithMostFindings[0].findings").entity(Integer.class).isEqualTo(3);
        graphQl.documentName("feeFindings").variable("filter", Map.of("financialYear", year)).execute()
                .path("feeFindings.totalCount").entity(Integer.class).isEqualTo(4);
        graphQl.documentName("feeAudits").variable("financialYear", year).variable("first", 10).execute()
                .path("feeAudits.edges[*].node.findingsOpened").entityList(Integer.class).containsExactly(0, 4);

        // scopes combine: a provider, a region
        graphQl.documentName("runFeeAudit").variable("financialYear", year).variable("scope", Map.of("providerId", beta)).execute()
                .path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(2)
                .path("runFeeAudit.audit.scope.provider.id").entity(String.class).isEqualTo(beta);
        graphQl.documentName("runFeeAudit").variable("financialYear", year).variable("scope", Map.of("regionCode", FeeFixtures.LONDON)).execute()
                .path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(2)
                .path("runFeeAudit.audit.scope.region.code").entity(String.class).isEqualTo(FeeFixtures.LONDON);
        graphQl.documentName("runFeeAudit").variable("financialYear", year).variable("scope", Map.of("laCode", "999")).execute()
                .errors().expect(e -> e.getMessage().startsWith("scope.laCode: unknown local authority code \"999\"")).verify();
        graphQl.documentName("runFeeAudit").variable("financialYear", "2091-92").execute()
                .errors().expect(e -> e.getMessage().startsWith("financialYear: no published rates framework for 2091-92")).verify();
    }

    @Test
    void statisticsPerBandKindAndRegionAreExact() {
        graphQl.documentName("runFeeAudit").variable("financialYear", year).execute()
                .path("runFeeAudit.audit.statistics[*].band").entityList(Integer.class).containsExactly(1, 1, 2, 2, 2, 3, 3, 3, 3, 3)
                .path("runFeeAudit.audit.statistics[*].kind").entityList(String.class).containsExactly(
                        "DAY", "DAY", "DAY", "DAY", "DAY", "DAY", "DAY", "DAY", "POST_16", "POST_16")
                // band 2 day over the whole scope: A 44,000 (uplift 10%), B 50,000, C 39,000
                .path("runFeeAudit.audit.statistics[2].region").valueIsNull()
                .path("runFeeAudit.audit.statistics[2].fees").entity(Integer.class).isEqualTo(3)
                .path("runFeeAudit.audit.statistics[2].medianFee").entity(String.class).isEqualTo("44000.00")
                .path("runFeeAudit.audit.statistics[2].p90Fee").entity(String.class).isEqualTo("50000.00")
                .path("runFeeAudit.audit.statistics[2].medianUpliftPercent").entity(Double.class).isEqualTo(10.0)
                .path("runFeeAudit.audit.statistics[2].forProfitShare").entity(Double.class).isEqualTo(0.667)
                // band 2 day in the North East: A and C; the median of two is the lower fee
                .path("runFeeAudit.audit.statistics[3].region.code").entity(String.class).isEqualTo(FeeFixtures.NORTH_EAST)
                .path("runFeeAudit.audit.statistics[3].medianFee").entity(String.class).isEqualTo("39000.00")
                .path("runFeeAudit.audit.statistics[3].p90Fee").entity(String.class).isEqualTo("44000.00")
                .path("runFeeAudit.audit.statistics[3].forProfitShare").entity(Double.class).isEqualTo(0.5)
                .path("runFeeAudit.audit.statistics[4].region.code").entity(String.class).isEqualTo(FeeFixtures.LONDON)
                .path("runFeeAudit.audit.statistics[4].medianUpliftPercent").valueIsNull()
                // band 3 day over the whole scope: 50,000, 52,000, 63,000 (the state school's 25,000 is not regulated)
                .path("runFeeAudit.audit.statistics[5].fees").entity(Integer.class).isEqualTo(3)
                .path("runFeeAudit.audit.statistics[5].medianFee").entity(String.class).isEqualTo("52000.00")
                .path("runFeeAudit.audit.statistics[5].p90Fee").entity(String.class).isEqualTo("63000.00")
                .path("runFeeAudit.audit.statistics[5].medianUpliftPercent").entity(Double.class).isEqualTo(5.0)
                .path("runFeeAudit.audit.statistics[8].fees").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.statistics[8].medianFee").entity(String.class).isEqualTo("50000.00")
                .path("runFeeAudit.audit.statistics[8].forProfitShare").entity(Double.class).isEqualTo(1.0);
    }

    @Test
    void aFindingIsWorkedToADecisionOneLegalStepAtATime() {
        String auditId = graphQl.documentName("runFeeAudit").variable("financialYear", year).execute()
                .path("runFeeAudit.audit.id").entity(String.class).get();
        String finding = graphQl.documentName("feeFindings").variable("filter", Map.of("auditId", auditId, "verdict", "ABOVE_CEILING"))
                .execute()
                .path("feeFindings.totalCount").entity(Integer.class).isEqualTo(1)
                .path("feeFindings.edges[0].node.fee.kind").entity(String.class).isEqualTo("POST_16")
                .path("feeFindings.edges[0].node.provider.id").entity(String.class).isEqualTo(alpha)
                .path("feeFindings.edges[0].node.check.adjustedCeiling").entity(String.class).isEqualTo("43200.00")
                .path("feeFindings.edges[0].node.audit.id").entity(String.class).isEqualTo(auditId)
                .path("feeFindings.edges[0].node.events[0].fromStatus").valueIsNull()
                .path("feeFindings.edges[0].node.events[0].toStatus").entity(String.class).isEqualTo("OPEN")
                .path("feeFindings.edges[0].node.events[0].note").entity(String.class).isEqualTo("Opened by fee audit " + auditId + ": ABOVE_CEILING")
                .path("feeFindings.edges[0].node.id").entity(String.class).get();

        illegal(finding, "ACCEPTED", "Fine", "input.status: finding " + finding
                + " cannot move from OPEN to ACCEPTED; from OPEN it can only move to PROVIDER_RESPONDED");
        illegal(finding, "PROVIDER_RESPONDED", "  ", "input.note: is required and must not be blank");
        move(finding, "PROVIDER_RESPONDED", "The fee includes 2:1 staffing for two pupils")
                .path("setFeeFindingStatus.finding.events[*].toStatus").entityList(String.class).containsExactly("OPEN", "PROVIDER_RESPONDED");
        illegal(finding, "OPEN", "Reopen", "input.status: finding " + finding
                + " cannot move from PROVIDER_RESPONDED to OPEN; from PROVIDER_RESPONDED it can only move to ACCEPTED or UPHELD or ESCALATED");
        move(finding, "UPHELD", "Staffing is priced in the band; the fee must come down to the ceiling")
                .path("setFeeFindingStatus.finding.status").entity(String.class).isEqualTo("UPHELD")
                .path("setFeeFindingStatus.finding.events[2].fromStatus").entity(String.class).isEqualTo("PROVIDER_RESPONDED")
                .path("setFeeFindingStatus.finding.events[2].actor").entity(String.class).isEqualTo("regulator");
        illegal(finding, "ESCALATED", "Escalate", "input.status: finding " + finding + " cannot move from UPHELD to ESCALATED: UPHELD is a final decision");
        graphQl.documentName("setFeeFindingStatus").variable("input", Map.of("id", "987654321", "status", "ACCEPTED", "note", "x")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("setFeeFindingStatus: not found in your scope")).verify();
        // a provider answers, but never decides, and never touches another provider's findings
        alphaUser.documentName("setFeeFindingStatus").variable("input", Map.of("id", finding, "status", "ACCEPTED", "note", "x")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().startsWith(
                        "setFeeFindingStatus: a provider responds to its findings (PROVIDER_RESPONDED); only a regulator decides them")).verify();
        asProvider(Long.parseLong(beta)).documentName("setFeeFindingStatus")
                .variable("input", Map.of("id", finding, "status", "PROVIDER_RESPONDED", "note", "x")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("setFeeFindingStatus: not found in your scope")).verify();

        graphQl.documentName("auditTrail").variable("entityType", "fee_finding").variable("entityId", finding).execute()
                .path("auditTrail.edges[*].node.action").entityList(String.class).containsExactly(
                        "FEE_FINDING_STATUS_CHANGED", "FEE_FINDING_STATUS_CHANGED", "FEE_FINDING_OPENED")
                .path("auditTrail.edges[0].node.before.status").entity(String.class).isEqualTo("PROVIDER_RESPONDED")
                .path("auditTrail.edges[0].node.after.status").entity(String.class).isEqualTo("UPHELD")
                .path("auditTrail.edges[0].node.reason").entity(String.class).isEqualTo("Staffing is priced in the band; the fee must come down to the ceiling")
                .path("auditTrail.edges[2].node.after.verdict").entity(String.class).isEqualTo("ABOVE_CEILING")
                .path("auditTrail.edges[2].node.after.fee.annualFee").entity(String.class).isEqualTo("50000.00");
        graphQl.documentName("auditTrail").variable("entityType", "fee_audit").variable("entityId", auditId).execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("FEE_AUDIT_RUN")
                .path("auditTrail.edges[0].node.after.feesChecked").entity(Integer.class).isEqualTo(9)
                .path("auditTrail.edges[0].node.after.findingsOpened").entity(Integer.class).isEqualTo(4)
                .path("auditTrail.edges[0].node.after.verdicts.ABOVE_REFERENCE").entity(Integer.class).isEqualTo(3);
        graphQl.documentName("runFeeAudit").variable("financialYear", year).execute()
                .path("runFeeAudit.audit.providersWithMostFindings[0].undecided").entity(Integer.class).isEqualTo(2);
    }

    private GraphQlTester.Traversable move(String finding, String status, String note) {
        return by(status).documentName("setFeeFindingStatus").variable("input", Map.of("id", finding, "status", status, "note", note)).execute()
                .path("setFeeFindingStatus.finding.status").entity(String.class).isEqualTo(status)
                .path("setFeeFindingStatus.finding.events[-1].note").entity(String.class).isEqualTo(note);
    }

    private void illegal(String finding, String status, String note, String message) {
        int events = db.fetchCount(FEE_FINDING_EVENT);
        int audit = db.fetchCount(AUDIT_EVENT);
        String before = graphQl.documentName("feeFinding").variable("id", finding).execute().path("feeFinding.status").entity(String.class).get();
        by(status).documentName("setFeeFindingStatus").variable("input", Map.of("id", finding, "status", status, "note", note)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals(message)).verify()
                .path("setFeeFindingStatus").pathDoesNotExist();
        graphQl.documentName("feeFinding").variable("id", finding).execute().path("feeFinding.status").entity(String.class).isEqualTo(before);
        assertThat(db.fetchCount(FEE_FINDING_EVENT)).isEqualTo(events);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(audit);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFindingsExportParsesBackToTheFindings() {
        String auditId = graphQl.documentName("runFeeAudit").variable("financialYear", year).execute()
                .path("runFeeAudit.audit.id").entity(String.class).get();
        List<Map<String, Object>> findings = graphQl.documentName("feeFindings").variable("filter", Map.of("auditId", auditId)).execute()
                .path("feeFindings.edges[*].node").entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList().reversed();

        String csv = graphQl.documentName("feeFindingsCsv").variable("filter", Map.of("auditId", auditId)).execute()
                .path("feeFindingsCsv").entity(String.class).get();
        List<Csv.Row> rows = Csv.parse(csv);
        assertThat(csv).contains("\r\n");
        assertThat(rows.getFirst().fields()).isEqualTo(FeeAudits.CSV_HEADER);
        assertThat(rows).hasSize(findings.size() + 1);
        for (int i = 0; i < findings.size(); i++) {
            Map<String, Object> finding = findings.get(i);
            Map<String, Object> feeOf = (Map<String, Object>) finding.get("fee");
            Map<String, String> row = record(rows.get(i + 1));
            assertThat(row.get("finding_id")).isEqualTo(finding.get("id"));
            assertThat(row.get("status")).isEqualTo(finding.get("status"));
            assertThat(row.get("verdict")).isEqualTo(finding.get("verdict"));
            assertThat(row.get("financial_year")).isEqualTo(year);
            assertThat(row.get("urn")).isEqualTo(String.valueOf(((Map<String, Object>) finding.get("setting")).get("urn")));
            assertThat(row.get("band")).isEqualTo(String.valueOf(feeOf.get("band")));
            assertThat(row.get("kind")).isEqualTo(feeOf.get("kind"));
            assertThat(row.get("annual_fee")).isEqualTo(feeOf.get("annualFee"));
            assertThat(row.get("audit_id")).isEqualTo(auditId);
            assertThat(row.get("reasons")).isEqualTo(String.join(" | ", (List<String>) ((Map<String, Object>) finding.get("check")).get("reasons")));
        }
        Map<String, String> aboveCeiling = rows.stream().skip(1).map(this::record).filter(r -> r.get("verdict").equals("ABOVE_CEILING"))
                .findFirst().orElseThrow();
        assertThat(aboveCeiling).containsEntry("urn", String.valueOf(a)).containsEntry("setting_type", "INDEPENDENT_SPECIAL")
                .containsEntry("la_code", FeeFixtures.GATESHEAD).containsEntry("region_code", FeeFixtures.NORTH_EAST)
                .containsEntry("provider_id", alpha).containsEntry("provider_name", "Audit Alpha Care Ltd").containsEntry("for_profit", "true")
                .containsEntry("kind", "POST_16").containsEntry("fee_revision", "1").containsEntry("annual_fee", "50000.00")
                .containsEntry("adjusted_reference", "36000.00").containsEntry("adjusted_ceiling", "43200.00")
                .containsEntry("excess_over_reference", "14000.00").containsEntry("excess_over_reference_percent", "38.89")
                .containsEntry("previous_fee", "").containsEntry("uplift_percent", "").containsEntry("max_uplift_percent", "5.00")
                .containsEntry("justification", "").containsEntry("framework_version", "1")
                .containsEntry("last_note", "Opened by fee audit " + auditId + ": ABOVE_CEILING").containsEntry("last_actor", "regulator");
        Map<String, String> uplift = rows.stream().skip(1).map(this::record).filter(r -> r.get("verdict").equals("UPLIFT_ABOVE_CAP"))
                .findFirst().orElseThrow();
        assertThat(uplift).containsEntry("previous_fee", "40000.00").containsEntry("uplift_percent", "10.00")
                .containsEntry("excess_over_reference", "4000.00");
    }

    private Map<String, String> record(Csv.Row row) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < FeeAudits.CSV_HEADER.size(); i++) {
            map.put(FeeAudits.CSV_HEADER.get(i), row.fields().get(i));
        }
        return map;
    }

    @Test
    void aRegulatorSuspendsAndReinstatesAProvidersSettingsWithAReason() {
        graphQl.documentName("suspendSettings").variable("input", Map.of("providerId", beta, "reason", "Escalated fee finding")).execute()
                .path("suspendSettings.settings[*].urn").entityList(Integer.class).containsExactly(c)
                .path("suspendSettings.settings[0].registrationStatus").entity(String.class).isEqualTo("SUSPENDED")
                .path("suspendSettings.settings[0].statusReason").entity(String.class).isEqualTo("Escalated fee finding");
        graphQl.documentName("checkFee").variable("input", Map.of("urn", c, "financialYear", year, "band", 3, "kind", "DAY", "annualFee", "50000.00"))
                .execute().path("checkFee.reasons[-1]").entity(String.class)
                .isEqualTo("The setting is SUSPENDED (Escalated fee finding): it takes no new placements.");

        graphQl.documentName("suspendSettings").variable("input", Map.of("providerId", beta, "reason", "Again")).execute()
                .errors().expect(e -> e.getMessage().equals("input.providerId: provider " + beta + " has no OPEN settings")).verify();
        graphQl.documentName("suspendSettings").variable("input", Map.of("urns", List.of(a, c), "reason", "Both")).execute()
                .errors().expect(e -> e.getMessage().equals("input.urns[1]: setting " + c + " is SUSPENDED, not OPEN")).verify();
        graphQl.documentName("setting").variable("urn", a).execute().path("setting.registrationStatus").entity(String.class).isEqualTo("OPEN");
        graphQl.documentName("suspendSettings").variable("input", Map.of("urns", List.of(a), "providerId", alpha, "reason", "x")).execute()
                .errors().expect(e -> e.getMessage().equals("input: give either urns or providerId")).verify();
        graphQl.documentName("suspendSettings").variable("input", Map.of("urns", List.of(a), "reason", " ")).execute()
                .errors().expect(e -> e.getMessage().equals("input.reason: is required and must not be blank")).verify();

        graphQl.documentName("reinstateSettings").variable("input", Map.of("urns", List.of(c), "reason", "Fees revised to the ceiling")).execute()
                .path("reinstateSettings.settings[0].registrationStatus").entity(String.class).isEqualTo("OPEN");
        graphQl.documentName("auditTrail").variable("entityType", "setting").variable("entityId", String.valueOf(c)).execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("REGISTRATION_STATUS_CHANGED")
                .path("auditTrail.edges[0].node.after.registrationStatus").entity(String.class).isEqualTo("OPEN")
                .path("auditTrail.edges[0].node.reason").entity(String.class).isEqualTo("Fees revised to the ceiling")
                .path("auditTrail.edges[1].node.after.registrationStatus").entity(String.class).isEqualTo("SUSPENDED")
                .path("auditTrail.edges[1].node.reason").entity(String.class).isEqualTo("Escalated fee finding");
    }
}
