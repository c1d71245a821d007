package uk.sendplan.api.fees;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.api.fees.FeeFixtures.justified;
import static uk.sendplan.db.jooq.Tables.FEE;
import static uk.sendplan.db.jooq.Tables.FEE_CHECK;

/** Fee checks on submission and for proposed fees: every verdict with its numbers, the uplift cap, area and need. */
class FeeChecksTest extends GraphQlTestBase {

    FeeFixtures fixtures;
    String lastYear;
    String year;
    String lastFramework;
    String framework;
    String providerId;

    @BeforeEach
    void frameworks() {
        fixtures = new FeeFixtures(graphQl);
        String[] years = FeeFixtures.freshYears();
        lastYear = years[0];
        year = years[1];
        lastFramework = fixtures.published(lastYear);
        framework = fixtures.published(year);
        providerId = fixtures.provider("Fee Checks Care Ltd", "INDEPENDENT", true);
    }

    @Test
    void everyVerdictOnSubmissionWithItsNumbersAndReasons() {
        int urn = fixtures.setting(providerId, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        fixtures.submitted(urn, lastYear, List.of(fee(3, "DAY", "48000.00"), fee(2, "DAY", "40000.00")));

        var response = fixtures.submit(urn, year, List.of(
                fee(3, "DAY", "50000.00"),
                fee(2, "DAY", "42000.01"),
                fee(1, "DAY", "30000.00"),
                fee(3, "POST_16", "66000.00")));

        response.path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("submitFees.fees[0].check.occasion").entity(String.class).isEqualTo("SUBMISSION")
                .path("submitFees.fees[0].check.framework.id").entity(String.class).isEqualTo(framework)
                .path("submitFees.fees[0].check.framework.version").entity(Integer.class).isEqualTo(1)
                .path("submitFees.fees[0].check.band.code").entity(String.class).isEqualTo("DAY-3")
                .path("submitFees.fees[0].check.region.code").entity(String.class).isEqualTo(FeeFixtures.NORTH_EAST)
                .path("submitFees.fees[0].check.areaMultiplier").entity(Double.class).isEqualTo(1.0)
                .path("submitFees.fees[0].check.adjustedReference").entity(String.class).isEqualTo("50000.00")
                .path("submitFees.fees[0].check.adjustedCeiling").entity(String.class).isEqualTo("60000.00")
                .path("submitFees.fees[0].check.excessOverReference").valueIsNull()
                .path("submitFees.fees[0].check.previousFee").entity(String.class).isEqualTo("48000.00")
                .path("submitFees.fees[0].check.upliftPercent").entity(Double.class).isEqualTo(4.17)
                .path("submitFees.fees[0].check.maxUpliftPercent").entity(Double.class).isEqualTo(5.0)
                .path("submitFees.fees[0].check.reasons").entityList(String.class).containsExactly(
                        "Band DAY-3 (day, complexity 3) of framework " + framework + " (" + year + " version 1): reference £50,000.00,"
                                + " ceiling £60,000.00; North East area cost adjustment x1.000 makes them £50,000.00 and £60,000.00.",
                        "Fee £50,000.00 is within the adjusted reference £50,000.00.",
                        "Uplift over last year's fee (" + lastYear + ") of £48,000.00: £2,000.00 (4.17%), within the cap of 5.00%.")

                // one penny over a 5% rise: the cap is exact, not a rounded percentage
                .path("submitFees.fees[1].check.verdict").entity(String.class).isEqualTo("UPLIFT_ABOVE_CAP")
                .path("submitFees.fees[1].check.upliftPercent").entity(Double.class).isEqualTo(5.0)
                .path("submitFees.fees[1].check.excessOverReference").entity(String.class).isEqualTo("2000.01")
                .path("submitFees.fees[1].check.reasons[2]").entity(String.class).isEqualTo(
                        "Uplift over last year's fee (" + lastYear + ") of £40,000.00: £2,000.01 (5.00%), above the cap of 5.00%: non-compliant.")

                .path("submitFees.fees[2].check.verdict").entity(String.class).isEqualTo("NO_APPLICABLE_BAND")
                .path("submitFees.fees[2].check.band").valueIsNull()
                .path("submitFees.fees[2].check.adjustedReference").valueIsNull()
                .path("submitFees.fees[2].check.reasons[0]").entity(String.class).isEqualTo(
                        "No band of framework " + framework + " (" + year + " version 1) covers day provision at complexity 1 for need SEMH.")
                .path("submitFees.fees[2].check.reasons[1]").entity(String.class).isEqualTo(
                        "No fee for " + lastYear + " in the same band and kind: no uplift to check.")

                .path("submitFees.fees[3].check.verdict").entity(String.class).isEqualTo("ABOVE_CEILING")
                .path("submitFees.fees[3].check.excessOverCeiling").entity(String.class).isEqualTo("22800.00")
                .path("submitFees.fees[3].check.excessOverCeilingPercent").entity(Double.class).isEqualTo(52.78)
                .path("submitFees.fees[3].check.excessOverReference").entity(String.class).isEqualTo("30000.00")
                .path("submitFees.fees[3].check.excessOverReferencePercent").entity(Double.class).isEqualTo(83.33)
                .path("submitFees.fees[3].check.reasons[1]").entity(String.class).isEqualTo(
                        "Fee £66,000.00 is £22,800.00 (52.78%) above the adjusted ceiling £43,200.00: non-compliant.");
    }

    @Test
    void aRiseOfExactlyTheCapIsAllowedAndAJustifiedFeeAboveTheReferenceIsRecordedAsJustified() {
        int urn = fixtures.setting(providerId, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        fixtures.submitted(urn, lastYear, List.of(fee(2, "DAY", "40000.00"), fee(3, "DAY", "52000.00")));

        fixtures.submit(urn, year, List.of(justified(fee(2, "DAY", "42000.00"), "Two-to-one staffing"), fee(3, "DAY", "54000.00")))
                .path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE")
                .path("submitFees.fees[0].check.upliftPercent").entity(Double.class).isEqualTo(5.0)
                .path("submitFees.fees[0].check.justified").entity(Boolean.class).isEqualTo(true)
                .path("submitFees.fees[0].justification").entity(String.class).isEqualTo("Two-to-one staffing")
                .path("submitFees.fees[0].check.reasons[1]").entity(String.class).isEqualTo("Fee £42,000.00 is £2,000.00 (5.00%) above the"
                        + " adjusted reference £40,000.00 and within the adjusted ceiling £48,000.00: allowed with the provider's justification.")
                .path("submitFees.fees[1].check.verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE")
                .path("submitFees.fees[1].check.justified").entity(Boolean.class).isEqualTo(false)
                .path("submitFees.fees[1].check.excessOverReference").entity(String.class).isEqualTo("4000.00")
                .path("submitFees.fees[1].check.excessOverReferencePercent").entity(Double.class).isEqualTo(8.0)
                .path("submitFees.fees[1].check.reasons[1]").entity(String.class).satisfies(text -> assertThat(text).endsWith("allowed only with a justification, and none was given."));
    }

    @Test
    void stateSettingsFeesAreRecordedButNotRegulated() {
        String trust = fixtures.provider("Fee Checks Academy Trust", "ACADEMY_TRUST", false);
        int urn = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.GATESHEAD, false, "SLD");
        fixtures.submitted(urn, lastYear, List.of(fee(3, "DAY", "24000.00")));

        fixtures.submit(urn, year, List.of(fee(3, "DAY", "90000.00")))
                .path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("NOT_REGULATED")
                .path("submitFees.fees[0].check.regulated").entity(Boolean.class).isEqualTo(false)
                .path("submitFees.fees[0].check.band").valueIsNull()
                .path("submitFees.fees[0].check.adjustedCeiling").valueIsNull()
                .path("submitFees.fees[0].check.excessOverCeiling").valueIsNull()
                .path("submitFees.fees[0].check.upliftPercent").entity(Double.class).isEqualTo(275.0)
                .path("submitFees.fees[0].check.reasons").entityList(String.class).containsExactly(
                        "Not regulated: STATE_SPECIAL is a state setting; its fee (place funding and top-up) is recorded, not checked against the framework.",
                        "Last year's fee (" + lastYear + "): £24,000.00, a change of 275.00%.");
    }

    @Test
    void theAreaCostAdjustmentOfTheSettingsRegionScalesReferenceAndCeiling() {
        int london = fixtures.setting(providerId, "INDEPENDENT_SPECIAL", FeeFixtures.CAMDEN, false, "SEMH");
        int northEast = fixtures.setting(providerId, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        int checksBefore = db.fetchCount(FEE_CHECK);

        checkFee(london, 3, "DAY", "65000.00", null)
                .path("checkFee.verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE")
                .path("checkFee.occasion").entity(String.class).isEqualTo("PROPOSAL")
                .path("checkFee.region.code").entity(String.class).isEqualTo(FeeFixtures.LONDON)
                .path("checkFee.areaMultiplier").entity(Double.class).isEqualTo(1.2)
                .path("checkFee.adjustedReference").entity(String.class).isEqualTo("60000.00")
                .path("checkFee.adjustedCeiling").entity(String.class).isEqualTo("72000.00")
                .path("checkFee.excessOverReference").entity(String.class).isEqualTo("5000.00")
                .path("checkFee.excessOverReferencePercent").entity(Double.class).isEqualTo(8.33)
                .path("checkFee.reasons[0]").entity(String.class).satisfies(text -> assertThat(text).endsWith("London area cost adjustment x1.200 makes them £60,000.00 and £72,000.00."));
        checkFee(northEast, 3, "DAY", "65000.00", null)
                .path("checkFee.verdict").entity(String.class).isEqualTo("ABOVE_CEILING")
                .path("checkFee.adjustedCeiling").entity(String.class).isEqualTo("60000.00")
                .path("checkFee.excessOverCeiling").entity(String.class).isEqualTo("5000.00");

        assertThat(db.fetchCount(FEE_CHECK)).as("checkFee stores nothing").isEqualTo(checksBefore);
    }

    @Test
    void aNeedSpecificBandAppliesToTheSettingsMainNeedOrTheChildsNeed() {
        int autism = fixtures.setting(providerId, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "ASD", "SEMH");
        fixtures.submitted(autism, lastYear, List.of(fee(3, "DAY", "54000.00")));

        fixtures.submit(autism, year, List.of(fee(3, "DAY", "54000.00")))
                .path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("submitFees.fees[0].check.band.code").entity(String.class).isEqualTo("DAY-3-ASD")
                .path("submitFees.fees[0].check.band.needs").entityList(String.class).containsExactly("ASD")
                .path("submitFees.fees[0].check.adjustedReference").entity(String.class).isEqualTo("55000.00");
        checkFee(autism, 3, "DAY", "54000.00", "SEMH")
                .path("checkFee.band.code").entity(String.class).isEqualTo("DAY-3")
                .path("checkFee.verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE");
        // last year's fee comes into a proposal's check too
        checkFee(autism, 3, "DAY", "57000.00", null)
                .path("checkFee.previousFee").entity(String.class).isEqualTo("54000.00")
                .path("checkFee.verdict").entity(String.class).isEqualTo("UPLIFT_ABOVE_CAP")
                .path("checkFee.upliftPercent").entity(Double.class).isEqualTo(5.56);
    }

    private GraphQlTester.Response checkFee(int urn, int band, String kind, String annualFee, String need) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("urn", urn);
        input.put("financialYear", year);
        input.put("band", band);
        input.put("kind", kind);
        input.put("annualFee", annualFee);
        input.put("need", need);
        return graphQl.documentName("checkFee").variable("input", input).execute();
    }

    @Test
    void aFeeIsChangedOnlyByAnExplicitRevisionThatKeepsTheOldOne() {
        int urn = fixtures.setting(providerId, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        String first = fixtures.submitted(urn, year, List.of(fee(3, "DAY", "58000.00"))).getFirst();

        Map<String, Object> revision = new LinkedHashMap<>();
        revision.put("urn", urn);
        revision.put("financialYear", year);
        revision.put("band", 3);
        revision.put("kind", "DAY");
        revision.put("revises", 1);
        revision.put("annualFee", "49500.00");
        revision.put("breakdown", Map.of("education", "30000.00", "care", "8000.00", "therapies", "5000.00", "transport", "1500.00",
                "overheads", "4000.00", "surplus", "1000.00"));
        revision.put("reason", "Corrected after the LA's query");
        graphQl.documentName("reviseFee").fragmentName("feeFields").variable("input", revision).execute()
                .path("reviseFee.fee.revision").entity(Integer.class).isEqualTo(2)
                .path("reviseFee.fee.current").entity(Boolean.class).isEqualTo(true)
                .path("reviseFee.fee.revisionReason").entity(String.class).isEqualTo("Corrected after the LA's query")
                .path("reviseFee.fee.breakdown.surplus").entity(String.class).isEqualTo("1000.00")
                .path("reviseFee.fee.check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("reviseFee.fee.revisions[*].revision").entityList(Integer.class).containsExactly(1, 2)
                .path("reviseFee.fee.revisions[*].current").entityList(Boolean.class).containsExactly(false, true)
                .path("reviseFee.fee.revisions[0].annualFee").entity(String.class).isEqualTo("58000.00");

        graphQl.documentName("fee").fragmentName("feeFields").variable("id", first).execute()
                .path("fee.annualFee").entity(String.class).isEqualTo("58000.00")
                .path("fee.current").entity(Boolean.class).isEqualTo(false)
                .path("fee.check.verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE");
        graphQl.documentName("fees").fragmentName("feeFields").variable("urn", urn).variable("financialYear", year).execute()
                .path("fees[*].annualFee").entityList(String.class).containsExactly("49500.00");
        assertThat(db.fetchCount(FEE, FEE.SETTING_URN.eq(urn))).isEqualTo(2);

        graphQl.documentName("auditTrail").variable("entityType", "fee_schedule").variable("entityId", urn + "/" + year).execute()
                .path("auditTrail.edges[*].node.action").entityList(String.class).containsExactly("FEE_REVISED", "FEES_SUBMITTED")
                .path("auditTrail.edges[0].node.actor").entity(String.class).isEqualTo("admin")
                .path("auditTrail.edges[0].node.before.annualFee").entity(String.class).isEqualTo("58000.00")
                .path("auditTrail.edges[0].node.after.annualFee").entity(String.class).isEqualTo("49500.00")
                .path("auditTrail.edges[0].node.after.revision").entity(Integer.class).isEqualTo(2)
                .path("auditTrail.edges[0].node.after.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("auditTrail.edges[0].node.reason").entity(String.class).isEqualTo("Corrected after the LA's query")
                .path("auditTrail.edges[1].node.after.fees[0].annualFee").entity(String.class).isEqualTo("58000.00")
                .path("auditTrail.edges[1].node.after.fees[0].verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE");
    }
}
