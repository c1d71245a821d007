package uk.sendplan.api.fees;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.FEE;
import static uk.sendplan.db.jooq.Tables.FEE_CHECK;
import static uk.sendplan.db.jooq.Tables.RATE_FRAMEWORK;

/**
 * The framework's surplus cap, breakdown duty and rounding tolerance (issue 15): each rule both ways with its numbers,
 * a fee breaking several, findings for the new verdicts, and the inputs refused with nothing written. The framework
 * of the year caps surplus at 10% of the fee, requires a breakdown from INDEPENDENT providers and allows £1.00 for
 * rounding; Gateshead has no area cost adjustment, so DAY-3 is reference £50,000, ceiling £60,000.
 */
class SurplusAndTransparencyTest extends GraphQlTestBase {

    @Autowired
    FeeService feeService;

    FeeFixtures fixtures;
    String spareYear;
    String year;
    String framework;
    String independent;
    String charity;

    @BeforeEach
    void framework() {
        fixtures = new FeeFixtures(graphQl);
        String[] years = FeeFixtures.freshYears();
        spareYear = years[0];
        year = years[1];
        framework = fixtures.publish(graphQl.documentName("createRateFramework").variable("input", transparentFramework(year)).execute()
                .path("createRateFramework.framework.id").entity(String.class).get());
        independent = fixtures.provider("Surplus Care Ltd", "INDEPENDENT", true);
        charity = fixtures.provider("Surplus Charity Trust", "NON_MAINTAINED", false);
    }

    static Map<String, Object> transparentFramework(String year) {
        Map<String, Object> input = FeeFixtures.frameworkInput(year);
        input.put("surplusCapPercent", 10.0);
        input.put("breakdownRequiredFrom", List.of("INDEPENDENT"));
        input.put("breakdownTolerance", "1.00");
        return input;
    }

    /** A fee with a breakdown: the surplus given, the rest education, the parts {@code difference} away from the fee. */
    static Map<String, Object> brokenDown(Map<String, Object> fee, String surplus, String difference) {
        BigDecimal education = new BigDecimal((String) fee.get("annualFee")).subtract(new BigDecimal(surplus)).add(new BigDecimal(difference));
        Map<String, Object> copy = new LinkedHashMap<>(fee);
        copy.put("breakdown", breakdown(education.toPlainString(), surplus));
        return copy;
    }

    static Map<String, Object> breakdown(String education, String surplus) {
        return Map.of("education", education, "care", "0.00", "therapies", "0.00", "transport", "0.00", "overheads", "0.00", "surplus", surplus);
    }

    @Test
    void everyRuleBothWaysWithItsNumbers() {
        int a = fixtures.setting(independent, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        var response = fixtures.submit(a, year, List.of(
                brokenDown(fee(3, "DAY", "50000.00"), "5000.00", "0.00"),
                brokenDown(fee(2, "DAY", "40000.00"), "4000.01", "0.00"),
                fee(3, "POST_16", "36000.00"),
                brokenDown(fee(4, "RESIDENTIAL_52_WEEK", "150000.00"), "0.00", "1.00"),
                brokenDown(fee(1, "DAY", "30000.00"), "0.00", "-1.01")));

        // a surplus of exactly the cap, parts adding up: every rule met
        response.path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("submitFees.fees[0].check.surplus").entity(String.class).isEqualTo("5000.00")
                .path("submitFees.fees[0].check.surplusCapPercent").entity(Double.class).isEqualTo(10.0)
                .path("submitFees.fees[0].check.surplusCap").entity(String.class).isEqualTo("5000.00")
                .path("submitFees.fees[0].check.excessOverSurplusCap").valueIsNull()
                .path("submitFees.fees[0].check.breakdownRequired").entity(Boolean.class).isEqualTo(true)
                .path("submitFees.fees[0].check.breakdownTotal").entity(String.class).isEqualTo("50000.00")
                .path("submitFees.fees[0].check.breakdownDifference").entity(String.class).isEqualTo("0.00")
                .path("submitFees.fees[0].check.breakdownTolerance").entity(String.class).isEqualTo("1.00")
                .path("submitFees.fees[0].check.rules[*].outcome").entityList(String.class)
                .containsExactly("MET", "MET", "MET", "NOT_APPLICABLE", "MET", "MET", "MET")
                .path("submitFees.fees[0].check.rules[*].rule").entityList(String.class)
                .containsExactly("BAND", "CEILING", "REFERENCE", "UPLIFT_CAP", "SURPLUS_CAP", "BREAKDOWN_REQUIRED", "BREAKDOWN_ADDS_UP")
                .path("submitFees.fees[0].check.reasons[3]").entity(String.class).isEqualTo("The breakdown's parts add up to the fee.")
                .path("submitFees.fees[0].check.reasons[4]").entity(String.class)
                .isEqualTo("The breakdown's surplus is within the framework's cap of 10.00% of the fee.")

                // a penny over the cap: the cap is exact, not a rounded percentage
                .path("submitFees.fees[1].check.verdict").entity(String.class).isEqualTo("SURPLUS_ABOVE_CAP")
                .path("submitFees.fees[1].check.surplus").entity(String.class).isEqualTo("4000.01")
                .path("submitFees.fees[1].check.surplusCap").entity(String.class).isEqualTo("4000.00")
                .path("submitFees.fees[1].check.excessOverSurplusCap").entity(String.class).isEqualTo("0.01")
                .path("submitFees.fees[1].check.rules[4]").entity(Map.class)
                .isEqualTo(Map.of("rule", "SURPLUS_CAP", "outcome", "BROKEN", "verdict", "SURPLUS_ABOVE_CAP"))
                .path("submitFees.fees[1].check.reasons[4]").entity(String.class)
                .isEqualTo("The breakdown's surplus is above the framework's cap of 10.00% of the fee: non-compliant.")

                // no breakdown from an INDEPENDENT provider
                .path("submitFees.fees[2].check.verdict").entity(String.class).isEqualTo("BREAKDOWN_MISSING")
                .path("submitFees.fees[2].breakdown").valueIsNull()
                .path("submitFees.fees[2].check.surplus").valueIsNull()
                .path("submitFees.fees[2].check.surplusCap").valueIsNull()
                .path("submitFees.fees[2].check.breakdownTotal").valueIsNull()
                .path("submitFees.fees[2].check.rules[*].outcome").entityList(String.class)
                .containsExactly("MET", "MET", "MET", "NOT_APPLICABLE", "NOT_APPLICABLE", "BROKEN", "NOT_APPLICABLE")
                .path("submitFees.fees[2].check.reasons[3]").entity(String.class).isEqualTo("No cost breakdown: framework " + framework
                        + " (" + year + " version 1) requires one from INDEPENDENT providers, and this provider is INDEPENDENT: non-compliant.")

                // parts £1.00 over the fee: within the tolerance
                .path("submitFees.fees[3].check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("submitFees.fees[3].check.breakdownTotal").entity(String.class).isEqualTo("150001.00")
                .path("submitFees.fees[3].check.breakdownDifference").entity(String.class).isEqualTo("1.00")
                .path("submitFees.fees[3].check.rules[6].outcome").entity(String.class).isEqualTo("MET")
                .path("submitFees.fees[3].check.reasons[3]").entity(String.class)
                .isEqualTo("The breakdown's parts add up to the fee, within the framework's £1.00 rounding tolerance.")

                // parts £1.01 under the fee: inconsistent, more serious than having no band
                .path("submitFees.fees[4].check.verdict").entity(String.class).isEqualTo("BREAKDOWN_INCONSISTENT")
                .path("submitFees.fees[4].check.breakdownTotal").entity(String.class).isEqualTo("29998.99")
                .path("submitFees.fees[4].check.breakdownDifference").entity(String.class).isEqualTo("-1.01")
                .path("submitFees.fees[4].breakdown.education").entity(String.class).isEqualTo("29998.99")
                .path("submitFees.fees[4].check.rules[*].verdict").entityList(String.class).contains("NO_APPLICABLE_BAND", "BREAKDOWN_INCONSISTENT")
                .path("submitFees.fees[4].check.reasons[2]").entity(String.class).isEqualTo("The breakdown's parts do not add up to the fee:"
                        + " they are further from it than the framework's £1.00 rounding tolerance: inconsistent.");

        // what the check stored is what it read back: the rule results come from the stored numbers
        var stored = db.select(FEE_CHECK.BREAKDOWN_TOTAL_PENCE, FEE_CHECK.SURPLUS_PENCE, FEE_CHECK.SURPLUS_CAP_PERCENT, FEE_CHECK.BREAKDOWN_REQUIRED,
                        FEE_CHECK.BREAKDOWN_TOLERANCE_PENCE, FEE_CHECK.VERDICT)
                .from(FEE_CHECK).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID)).where(FEE.SETTING_URN.eq(a)).and(FEE.BAND.eq(2)).fetchOne();
        assertThat(stored.value1()).isEqualTo(4_000_000L);
        assertThat(stored.value2()).isEqualTo(400_001L);
        assertThat(stored.value3()).isEqualByComparingTo("10");
        assertThat(stored.value4()).isTrue();
        assertThat(stored.value5()).isEqualTo(100L);
        assertThat(stored.value6()).isEqualTo(FeeVerdict.SURPLUS_ABOVE_CAP);
    }

    @Test
    void theBreakdownsFiguresAreTheProvidersAndTheRegulatorsAloneWhileTheVerdictIsEveryRolesToRead() {
        int a = fixtures.setting(independent, "INDEPENDENT_SPECIAL", FeeFixtures.CAMDEN, false, "SEMH");
        String feeId = fixtures.submitted(a, year, List.of(brokenDown(fee(3, "DAY", "50000.00"), "7000.00", "0.00"))).getFirst();
        String query = "query($id: ID!) { fee(id: $id) { check { verdict rules { rule outcome } reasons surplus } } }";

        var commissioner = asCommissioner(FeeFixtures.CAMDEN).document(query).variable("id", feeId).execute();
        commissioner.errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getPath().equals("fee.check.surplus")).verify();
        commissioner.path("fee.check.verdict").entity(String.class).isEqualTo("SURPLUS_ABOVE_CAP")
                .path("fee.check.reasons").entityList(String.class)
                .satisfies(reasons -> assertThat(String.join(" ", reasons)).doesNotContain("7,000", "14.00%"));
        asProvider(Long.parseLong(independent)).document(query).variable("id", feeId).execute()
                .path("fee.check.surplus").entity(String.class).isEqualTo("7000.00");
        as("regulator").document(query).variable("id", feeId).execute()
                .path("fee.check.surplus").entity(String.class).isEqualTo("7000.00");
        // checkFee hands a caller back only the numbers it gave
        Map<String, Object> input = new LinkedHashMap<>(Map.of("urn", a, "financialYear", year, "band", 3, "kind", "DAY", "annualFee", "50000.00"));
        input.put("breakdown", breakdown("43000.00", "7000.00"));
        asCommissioner(FeeFixtures.CAMDEN).documentName("checkFee").variable("input", input).execute()
                .path("checkFee.excessOverSurplusCap").entity(String.class).isEqualTo("2000.00");
    }

    @Test
    void aProviderTheFrameworkAsksNoBreakdownOfIsNotFaultedForNoneButItsSurplusIsCappedWhenItGivesOne() {
        int c = fixtures.setting(charity, "NON_MAINTAINED_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        fixtures.submit(c, year, List.of(fee(3, "DAY", "50000.00"), brokenDown(fee(2, "DAY", "40000.00"), "4400.00", "0.00")))
                .path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("submitFees.fees[0].check.breakdownRequired").entity(Boolean.class).isEqualTo(false)
                .path("submitFees.fees[0].check.rules[*].outcome").entityList(String.class)
                .containsExactly("MET", "MET", "MET", "NOT_APPLICABLE", "NOT_APPLICABLE", "NOT_APPLICABLE", "NOT_APPLICABLE")
                .path("submitFees.fees[0].check.reasons[3]").entity(String.class)
                .isEqualTo("No cost breakdown; the framework requires one only from INDEPENDENT providers, so the surplus is not checked.")
                .path("submitFees.fees[1].check.verdict").entity(String.class).isEqualTo("SURPLUS_ABOVE_CAP")
                .path("submitFees.fees[1].check.excessOverSurplusCap").entity(String.class).isEqualTo("400.00");
    }

    @Test
    void aFeeBreakingSeveralRulesListsEachAndTakesTheMostSeriousVerdict() {
        int a = fixtures.setting(independent, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        fixtures.submit(a, year, List.of(brokenDown(fee(3, "DAY", "61000.00"), "10000.00", "5.00"),
                        brokenDown(fee(2, "DAY", "40000.00"), "5000.00", "2.00")))
                .path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("ABOVE_CEILING")
                .path("submitFees.fees[0].check.rules[*].outcome").entityList(String.class)
                .containsExactly("MET", "BROKEN", "BROKEN", "NOT_APPLICABLE", "BROKEN", "MET", "BROKEN")
                .path("submitFees.fees[0].check.rules[*].verdict").entityList(String.class)
                .containsExactly(null, "ABOVE_CEILING", "ABOVE_REFERENCE", null, "SURPLUS_ABOVE_CAP", null, "BREAKDOWN_INCONSISTENT")
                .path("submitFees.fees[0].check.excessOverCeiling").entity(String.class).isEqualTo("1000.00")
                .path("submitFees.fees[0].check.excessOverSurplusCap").entity(String.class).isEqualTo("3900.00")
                .path("submitFees.fees[0].check.breakdownDifference").entity(String.class).isEqualTo("5.00")
                // the surplus cap ranks above a breakdown that does not add up
                .path("submitFees.fees[1].check.verdict").entity(String.class).isEqualTo("SURPLUS_ABOVE_CAP")
                .path("submitFees.fees[1].check.rules[6].outcome").entity(String.class).isEqualTo("BROKEN");
    }

    @Test
    void anAuditOpensFindingsForTheNewRulesWithTheirNumbers() {
        int a = fixtures.setting(independent, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        fixtures.submitted(a, year, List.of(
                brokenDown(fee(3, "DAY", "50000.00"), "6000.00", "3.00"),
                fee(2, "DAY", "40000.00"),
                brokenDown(fee(3, "POST_16", "36000.00"), "0.00", "-250.00"),
                brokenDown(fee(4, "RESIDENTIAL_52_WEEK", "150000.00"), "15000.00", "0.00")));

        var regulator = as("regulator");
        var audit = regulator.documentName("runFeeAudit").variable("financialYear", year).execute();
        String auditId = audit.path("runFeeAudit.audit.id").entity(String.class).get();
        audit.path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(4)
                .path("runFeeAudit.audit.verdicts").entityList(Map.class).containsExactly(
                        Map.of("verdict", "SURPLUS_ABOVE_CAP", "fees", 1), Map.of("verdict", "BREAKDOWN_INCONSISTENT", "fees", 1),
                        Map.of("verdict", "BREAKDOWN_MISSING", "fees", 1), Map.of("verdict", "WITHIN_REFERENCE", "fees", 1))
                .path("runFeeAudit.audit.findingsOpened").entity(Integer.class).isEqualTo(3)
                .path("runFeeAudit.audit.providersWithMostFindings[0].surplusAboveCap").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.providersWithMostFindings[0].breakdownInconsistent").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.providersWithMostFindings[0].breakdownMissing").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.providersWithMostFindings[0].aboveCeiling").entity(Integer.class).isEqualTo(0);

        regulator.documentName("feeFindings").variable("filter", Map.of("auditId", auditId, "verdict", "SURPLUS_ABOVE_CAP")).execute()
                .path("feeFindings.totalCount").entity(Integer.class).isEqualTo(1)
                .path("feeFindings.edges[0].node.fee.band").entity(Integer.class).isEqualTo(3)
                .path("feeFindings.edges[0].node.status").entity(String.class).isEqualTo("OPEN")
                .path("feeFindings.edges[0].node.check.surplus").entity(String.class).isEqualTo("6000.00")
                .path("feeFindings.edges[0].node.check.surplusCap").entity(String.class).isEqualTo("5000.00")
                .path("feeFindings.edges[0].node.check.excessOverSurplusCap").entity(String.class).isEqualTo("1000.00")
                .path("feeFindings.edges[0].node.check.breakdownDifference").entity(String.class).isEqualTo("3.00")
                // the opening names the other rule the fee broke (its parts are £3.00 out, beyond the £1.00 tolerance)
                .path("feeFindings.edges[0].node.events[0].note").entity(String.class)
                .isEqualTo("Opened by fee audit " + auditId + ": SURPLUS_ABOVE_CAP; also BREAKDOWN_INCONSISTENT");
        regulator.documentName("feeFindings").variable("filter", Map.of("auditId", auditId, "verdict", "BREAKDOWN_INCONSISTENT")).execute()
                .path("feeFindings.edges[0].node.fee.kind").entity(String.class).isEqualTo("POST_16")
                .path("feeFindings.edges[0].node.check.breakdownDifference").entity(String.class).isEqualTo("-250.00");
        regulator.documentName("feeFindings").variable("filter", Map.of("auditId", auditId, "verdict", "BREAKDOWN_MISSING")).execute()
                .path("feeFindings.edges[0].node.fee.band").entity(Integer.class).isEqualTo(2)
                .path("feeFindings.edges[0].node.check.breakdownTotal").valueIsNull();

        // the export carries the numbers too
        List<Csv.Row> rows = Csv.parse(regulator.documentName("feeFindingsCsv").variable("filter", Map.of("auditId", auditId, "verdict", "SURPLUS_ABOVE_CAP"))
                .execute().path("feeFindingsCsv").entity(String.class).get());
        assertThat(rows).hasSize(2);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < FeeAudits.CSV_HEADER.size(); i++) {
            row.put(FeeAudits.CSV_HEADER.get(i), rows.get(1).fields().get(i));
        }
        assertThat(row).containsEntry("surplus", "6000.00").containsEntry("surplus_cap_percent", "10.00").containsEntry("surplus_cap", "5000.00")
                .containsEntry("excess_over_surplus_cap", "1000.00").containsEntry("breakdown_total", "50003.00")
                .containsEntry("breakdown_difference", "3.00");

        // the same workflow as every finding: the provider answers, the regulator decides
        String findingId = regulator.documentName("feeFindings").variable("filter", Map.of("auditId", auditId, "verdict", "BREAKDOWN_MISSING"))
                .execute().path("feeFindings.edges[0].node.id").entity(String.class).get();
        asProvider(Long.parseLong(independent)).documentName("setFeeFindingStatus")
                .variable("input", Map.of("id", findingId, "status", "PROVIDER_RESPONDED", "note", "Breakdown sent with the revision")).execute()
                .path("setFeeFindingStatus.finding.status").entity(String.class).isEqualTo("PROVIDER_RESPONDED");
    }

    @Test
    void checkFeeAppliesTheRulesToAProposalAndAZeroCapAllowsNoSurplus() {
        String zeroCap = graphQl.documentName("createRateFramework").variable("input", Map.of("financialYear", spareYear, "name", "No profit",
                        "copyFromId", framework, "surplusCapPercent", 0.0)).execute()
                .path("createRateFramework.framework.surplusCapPercent").entity(Double.class).isEqualTo(0.0)
                .path("createRateFramework.framework.breakdownRequiredFrom").entityList(String.class).containsExactly("INDEPENDENT")
                .path("createRateFramework.framework.breakdownTolerance").entity(String.class).isEqualTo("1.00")
                .path("createRateFramework.framework.id").entity(String.class).get();
        fixtures.publish(zeroCap);
        int a = fixtures.setting(independent, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");

        Map<String, Object> input = new LinkedHashMap<>(Map.of("urn", a, "financialYear", spareYear, "band", 3, "kind", "DAY", "annualFee", "50000.00"));
        input.put("breakdown", breakdown("50000.00", "0.00"));
        graphQl.documentName("checkFee").variable("input", input).execute()
                .path("checkFee.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("checkFee.surplusCap").entity(String.class).isEqualTo("0.00");
        input.put("breakdown", breakdown("49999.99", "0.01"));
        graphQl.documentName("checkFee").variable("input", input).execute()
                .path("checkFee.verdict").entity(String.class).isEqualTo("SURPLUS_ABOVE_CAP")
                .path("checkFee.excessOverSurplusCap").entity(String.class).isEqualTo("0.01");
        input.remove("breakdown");
        graphQl.documentName("checkFee").variable("input", input).execute()
                .path("checkFee.verdict").entity(String.class).isEqualTo("BREAKDOWN_MISSING");

        // the marketplace checks offers with the same checker: an offer's parts always add up to its fee (makeOffer
        // refuses them otherwise), and its stated surplus meets the same cap; with none stated (a renewal's uplift, a
        // block contract's fee) the surplus is not assessed
        FeeService.OfferCheck offer = feeService.checkOffer("input", spareYear, a, 3, ProvisionKind.DAY, 5_000_000L, null, false, null, 0L);
        assertThat(offer.verdict()).isEqualTo(FeeVerdict.WITHIN_REFERENCE);
        assertThat(offer.frameworkId()).isEqualTo(Long.parseLong(zeroCap));
        assertThat(feeService.checkOffer("input", spareYear, a, 3, ProvisionKind.DAY, 5_000_000L, null, false, null, 1L).verdict())
                .as("a penny of surplus under a 0% cap").isEqualTo(FeeVerdict.SURPLUS_ABOVE_CAP);
        assertThat(feeService.checkOffer("input", spareYear, a, 3, ProvisionKind.DAY, 5_000_000L, null, false, null, null).verdict())
                .isEqualTo(FeeVerdict.WITHIN_REFERENCE);
    }

    @Test
    void theRulesChangeOnlyInADraftAndBadValuesAreRefusedWithNothingWritten() {
        String draft = graphQl.documentName("createRateFramework").variable("input", Map.of("financialYear", spareYear, "name", "Draft",
                        "copyFromId", framework)).execute()
                .path("createRateFramework.framework.surplusCapPercent").entity(Double.class).isEqualTo(10.0)
                .path("createRateFramework.framework.id").entity(String.class).get();
        graphQl.documentName("updateRateFramework").variable("input", Map.of("id", draft, "surplusCapPercent", 2.5,
                        "breakdownRequiredFrom", List.of("NON_MAINTAINED", "INDEPENDENT", "INDEPENDENT"), "breakdownTolerance", "0.50")).execute()
                .path("updateRateFramework.framework.surplusCapPercent").entity(Double.class).isEqualTo(2.5)
                .path("updateRateFramework.framework.breakdownRequiredFrom").entityList(String.class).containsExactly("INDEPENDENT", "NON_MAINTAINED")
                .path("updateRateFramework.framework.breakdownTolerance").entity(String.class).isEqualTo("0.50");
        assertThat(db.select(AUDIT_EVENT.AFTER).from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("RATE_FRAMEWORK_UPDATED"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(draft)).fetchOne().value1().data())
                .contains("\"surplusCapPercent\": \"2.50\"").contains("\"breakdownRequiredFrom\": [\"INDEPENDENT\", \"NON_MAINTAINED\"]")
                .contains("\"breakdownTolerance\": \"0.50\"");

        refused(Map.of("id", framework, "surplusCapPercent", 0.0), "updateRateFramework", "input.id: rate framework " + framework);
        refused(Map.of("id", draft, "surplusCapPercent", 100.5), "updateRateFramework",
                "input.surplusCapPercent: must be from 0 to 100 with at most 2 decimal places, got 100.5");
        refused(Map.of("id", draft, "surplusCapPercent", -1.0), "updateRateFramework",
                "input.surplusCapPercent: must be from 0 to 100 with at most 2 decimal places, got -1.0");
        refused(Map.of("id", draft, "surplusCapPercent", 12.345), "updateRateFramework",
                "input.surplusCapPercent: must be from 0 to 100 with at most 2 decimal places, got 12.345");
        refused(Map.of("id", draft, "breakdownTolerance", "-0.01"), "updateRateFramework",
                "input.breakdownTolerance: must be from £0.00 to £1,000.00 (a rounding allowance), got -£0.01");
        refused(Map.of("id", draft, "breakdownTolerance", "1000.01"), "updateRateFramework",
                "input.breakdownTolerance: must be from £0.00 to £1,000.00 (a rounding allowance), got £1,000.01");
        Map<String, Object> create = transparentFramework(FeeFixtures.year(Integer.parseInt(year.substring(0, 4)) + 1));
        create.put("surplusCapPercent", 101.0);
        refused(create, "createRateFramework", "input.surplusCapPercent: must be from 0 to 100 with at most 2 decimal places, got 101.0");
        int frameworks = db.fetchCount(RATE_FRAMEWORK);
        graphQl.documentName("updateRateFramework").variable("input", Map.of("id", draft, "breakdownTolerance", "1.001")).execute()
                .errors().expect(e -> e.getMessage().contains("Money: expected pounds as a decimal string with at most 2 decimal places")).verify();
        graphQl.documentName("updateRateFramework").variable("input", Map.of("id", draft, "breakdownRequiredFrom", List.of("PRIVATE_EQUITY"))).execute()
                .errors().expect(e -> e.getMessage().contains("PRIVATE_EQUITY")).verify();
        assertThat(db.fetchCount(RATE_FRAMEWORK)).isEqualTo(frameworks);
        graphQl.documentName("rateFramework").variable("id", draft).execute()
                .path("rateFramework.surplusCapPercent").entity(Double.class).isEqualTo(2.5)
                .path("rateFramework.breakdownTolerance").entity(String.class).isEqualTo("0.50");
    }

    @Test
    void aBreakdownWithANegativeOrMalformedPartIsRefusedWithNothingWritten() {
        int a = fixtures.setting(independent, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        int fees = db.fetchCount(FEE);
        int checks = db.fetchCount(FEE_CHECK);
        int events = db.fetchCount(AUDIT_EVENT);
        Map<String, Object> negative = new LinkedHashMap<>(fee(3, "DAY", "50000.00"));
        negative.put("breakdown", breakdown("50000.01", "-0.01"));
        fixtures.submit(a, year, List.of(negative)).errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("input.fees[0].breakdown.surplus: must not be negative, got -£0.01")).verify()
                .path("submitFees").pathDoesNotExist();
        Map<String, Object> malformed = new LinkedHashMap<>(fee(3, "DAY", "50000.00"));
        malformed.put("breakdown", breakdown("45000.00", "5000.001"));
        fixtures.submit(a, year, List.of(malformed)).errors()
                .expect(e -> e.getMessage().contains("Money: expected pounds as a decimal string with at most 2 decimal places")).verify();
        Map<String, Object> check = new LinkedHashMap<>(Map.of("urn", a, "financialYear", year, "band", 3, "kind", "DAY", "annualFee", "50000.00"));
        check.put("breakdown", breakdown("50000.00", "-5.00"));
        graphQl.documentName("checkFee").variable("input", check).execute().errors()
                .expect(e -> e.getMessage().equals("input.breakdown.surplus: must not be negative, got -£5.00")).verify();
        assertThat(db.fetchCount(FEE)).isEqualTo(fees);
        assertThat(db.fetchCount(FEE_CHECK)).isEqualTo(checks);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(events);
    }

    private void refused(Map<String, Object> input, String mutation, String message) {
        int frameworks = db.fetchCount(RATE_FRAMEWORK);
        int events = db.fetchCount(AUDIT_EVENT);
        graphQl.documentName(mutation).variable("input", input).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(message)).verify()
                .path(mutation).pathDoesNotExist();
        assertThat(db.fetchCount(RATE_FRAMEWORK)).isEqualTo(frameworks);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(events);
    }
}
