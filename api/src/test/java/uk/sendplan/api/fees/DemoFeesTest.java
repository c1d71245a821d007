package uk.sendplan.api.fees;

import org.jooq.Condition;
import org.jooq.Record1;
import org.junit.jupiter.api.Test;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;
import uk.sendplan.db.jooq.tables.Fee;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** The demo fees the shared test context loaded at start-up, and a regulator's day on them through GraphQL. */
class DemoFeesTest extends GraphQlTestBase {

    private static final String YEAR = "2026-27";
    private static final Fee NEWER = FEE.as("newer_fee");
    private static final Condition CURRENT = notExists(selectOne().from(NEWER).where(NEWER.SETTING_URN.eq(FEE.SETTING_URN))
            .and(NEWER.FINANCIAL_YEAR.eq(FEE.FINANCIAL_YEAR)).and(NEWER.BAND.eq(FEE.BAND)).and(NEWER.KIND.eq(FEE.KIND))
            .and(NEWER.REVISION.gt(FEE.REVISION)));

    @Test
    void anIllustrativeFrameworkIsPublishedForTwoYears() {
        graphQl.documentName("publishedRateFramework").variable("financialYear", YEAR).execute()
                .path("publishedRateFramework.name").entity(String.class).isEqualTo("Illustrative national rates framework")
                .path("publishedRateFramework.description").entity(String.class)
                .satisfies(text -> assertThat(text).startsWith("Illustrative only").contains("not government policy"))
                .path("publishedRateFramework.maxUpliftPercent").entity(Double.class).isEqualTo(5.0)
                .path("publishedRateFramework.bands[*].code").entityList(String.class).hasSize(22)
                .path("publishedRateFramework.bands[?(@.code == 'DAY-3')].referenceRate").entityList(String.class).containsExactly("60000.00")
                .path("publishedRateFramework.bands[?(@.code == 'DAY-3')].ceiling").entityList(String.class).containsExactly("72000.00")
                .path("publishedRateFramework.bands[?(@.code == 'DAY-5-SENSORY')].needs").entityList(List.class).containsExactly(List.of("HI", "VI", "MSI"))
                .path("publishedRateFramework.areaAdjustments[?(@.region.code == 'E12000007')].multiplier").entityList(Double.class).containsExactly(1.12)
                .path("publishedRateFramework.surplusCapPercent").entity(Double.class).isEqualTo(8.0)
                .path("publishedRateFramework.breakdownRequiredFrom").entityList(String.class).containsExactly("INDEPENDENT")
                .path("publishedRateFramework.breakdownTolerance").entity(String.class).isEqualTo("1.00");
        // the surplus and transparency rules start in 2026-27
        graphQl.documentName("publishedRateFramework").variable("financialYear", "2025-26").execute()
                .path("publishedRateFramework.bands[?(@.code == 'DAY-3')].referenceRate").entityList(String.class).containsExactly("57700.00")
                .path("publishedRateFramework.surplusCapPercent").entity(Double.class).isEqualTo(100.0)
                .path("publishedRateFramework.breakdownRequiredFrom").entityList(String.class).hasSize(0);
    }

    @Test
    void everyDemoSettingHasFeesForBothYearsAtRealisticLevels() {
        int demoSettings = db.fetchCount(SETTING, SETTING.DEMO.isTrue());
        for (String year : List.of("2025-26", YEAR)) {
            assertThat(db.fetchCount(selectDistinct(FEE.SETTING_URN).from(FEE).join(SETTING).on(SETTING.URN.eq(FEE.SETTING_URN))
                    .where(SETTING.DEMO.isTrue()).and(FEE.FINANCIAL_YEAR.eq(year)))).as(year).isEqualTo(demoSettings);
        }
        assertThat(averagePounds("INDEPENDENT_SPECIAL", ProvisionKind.DAY)).isBetween(55_000L, 65_000L);
        assertThat(averagePounds("STATE_SPECIAL", ProvisionKind.DAY)).isBetween(23_000L, 27_000L);
        assertThat(averagePounds("RESOURCED_PROVISION", ProvisionKind.DAY)).isBetween(13_500L, 16_500L);
        assertThat(averagePounds("SEN_UNIT", ProvisionKind.DAY)).isBetween(13_500L, 16_500L);
        assertThat(averagePounds("ALTERNATIVE_PROVISION", ProvisionKind.ALTERNATIVE_PROVISION)).isBetween(18_000L, 22_000L);
        assertThat(averagePounds("SPECIALIST_POST_16", ProvisionKind.POST_16)).isBetween(36_000L, 44_000L);
        // residential fees only where children board
        assertThat(db.fetchCount(FEE.join(SETTING).on(SETTING.URN.eq(FEE.SETTING_URN)),
                FEE.KIND.in(ProvisionKind.RESIDENTIAL_38_WEEK, ProvisionKind.RESIDENTIAL_52_WEEK).and(SETTING.BOARDING.isFalse()).and(SETTING.DEMO.isTrue()))).isZero();
        assertThat(db.fetchCount(FEE, FEE.KIND.in(ProvisionKind.RESIDENTIAL_38_WEEK, ProvisionKind.RESIDENTIAL_52_WEEK).and(FEE.SETTING_URN.ge(9_000_000)))).isPositive();
    }

    private long averagePounds(String settingType, ProvisionKind kind) {
        BigDecimal average = db.select(avg(FEE.ANNUAL_FEE_PENCE)).from(FEE).join(SETTING).on(SETTING.URN.eq(FEE.SETTING_URN))
                .where(SETTING.DEMO.isTrue()).and(SETTING.TYPE_CODE.eq(settingType)).and(FEE.KIND.eq(kind))
                .and(FEE.FINANCIAL_YEAR.eq(YEAR)).and(CURRENT).fetchOne(Record1::value1);
        return average.longValue() / 100;
    }

    @Test
    void everyDemoStateFeeHasANationalTariffAndTheDearestAndCheapestFallOutside() {
        var report = as("regulator").document("query($y: String!) { nationalBanding(financialYear: $y) { within outside noTariff"
                + " fees { banding above below } } }").variable("y", YEAR).execute();
        int within = report.path("nationalBanding.within").entity(Integer.class).get();
        int outside = report.path("nationalBanding.outside").entity(Integer.class).get();
        report.path("nationalBanding.noTariff").entity(Integer.class).isEqualTo(0);
        assertThat(outside).isBetween((within + outside) / 20, (within + outside) / 3);
        // some above the range and some below it
        report.path("nationalBanding.fees[?(@.above != null)]").entityList(Object.class).hasSizeGreaterThan(0)
                .path("nationalBanding.fees[?(@.below != null)]").entityList(Object.class).hasSizeGreaterThan(0);
    }

    @Test
    void demoVerdictsAreMostlyWithinTheReferenceWithSomeOfEveryOtherKind() {
        Map<FeeVerdict, Integer> verdicts = db.select(FEE_CHECK.VERDICT, count()).from(FEE_CHECK).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID))
                .where(FEE.FINANCIAL_YEAR.eq(YEAR)).and(FEE.SETTING_URN.ge(9_000_000)).and(FEE_CHECK.OCCASION.eq(FeeCheckOccasion.SUBMISSION))
                .groupBy(FEE_CHECK.VERDICT).fetchMap(FEE_CHECK.VERDICT, count());
        int regulated = verdicts.entrySet().stream().filter(e -> e.getKey() != FeeVerdict.NOT_REGULATED).mapToInt(Map.Entry::getValue).sum();
        assertThat(verdicts.get(FeeVerdict.WITHIN_REFERENCE)).isGreaterThan(regulated / 2);
        assertThat(verdicts.get(FeeVerdict.ABOVE_REFERENCE)).isBetween(regulated / 20, regulated / 3);
        assertThat(verdicts.get(FeeVerdict.ABOVE_CEILING)).isBetween(regulated / 100, regulated / 8);
        assertThat(verdicts.get(FeeVerdict.UPLIFT_ABOVE_CAP)).isBetween(regulated / 100, regulated / 8);
        assertThat(verdicts.get(FeeVerdict.NO_APPLICABLE_BAND)).isPositive();
        // the surplus and transparency rules: a few of each, most independent providers giving a breakdown within the cap
        assertThat(verdicts.get(FeeVerdict.SURPLUS_ABOVE_CAP)).isBetween(regulated / 100, regulated / 8);
        assertThat(verdicts.get(FeeVerdict.BREAKDOWN_INCONSISTENT)).isBetween(regulated / 100, regulated / 8);
        assertThat(verdicts.get(FeeVerdict.BREAKDOWN_MISSING)).isBetween(regulated / 100, regulated / 8);
        assertThat(verdicts.get(FeeVerdict.NOT_REGULATED)).isGreaterThan(regulated);
        Map<Boolean, Integer> justified = db.select(FEE_CHECK.JUSTIFIED, count()).from(FEE_CHECK).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID))
                .where(FEE.FINANCIAL_YEAR.eq(YEAR)).and(FEE.SETTING_URN.ge(9_000_000)).and(FEE_CHECK.VERDICT.eq(FeeVerdict.ABOVE_REFERENCE))
                .groupBy(FEE_CHECK.JUSTIFIED).fetchMap(FEE_CHECK.JUSTIFIED, count());
        assertThat(justified.get(true)).isPositive();
        assertThat(justified.get(false)).isPositive();
    }

    /** The "done when": publish, see fees checked with reasons, audit, work a finding, export, read the trail. */
    @Test
    @SuppressWarnings("unchecked")
    void aRegulatorsDayOnTheDemoData() {
        var regulator = as("regulator");
        String draft = regulator.documentName("rateFrameworks").variable("financialYear", "2027-28").execute()
                .path("rateFrameworks[?(@.status == 'DRAFT')].id").entityList(String.class).hasSize(1).get().getFirst();
        regulator.documentName("publishRateFramework").variable("input", Map.of("id", draft, "reason", "Illustrative 2027-28 levels")).execute()
                .path("publishRateFramework.framework.status").entity(String.class).isEqualTo("PUBLISHED");

        // next year's illustrative framework was a draft until now; a provider states next year's fee for a demo independent special school,
        // broken down as the framework requires of independent providers: checked, with last year's uplift and the breakdown's rules
        Record1<Integer> iss = db.select(SETTING.URN).from(SETTING).where(SETTING.DEMO.isTrue())
                .and(SETTING.TYPE_CODE.eq("INDEPENDENT_SPECIAL")).and(SETTING.BOARDING.isFalse()).orderBy(SETTING.URN).limit(1).fetchOne();
        int urn = iss.value1();
        String current = graphQl.documentName("fees").fragmentName("feeFields").variable("urn", urn).variable("financialYear", YEAR).execute()
                .path("fees[?(@.band == 3 && @.kind == 'DAY')].annualFee").entityList(String.class).hasSize(1).get().getFirst();
        String next = new BigDecimal(current).multiply(new BigDecimal("1.03")).setScale(2, RoundingMode.HALF_UP).toPlainString();
        // its provider states it, with a surplus of 5% of the fee (within the 8% cap) and the rest education
        long owner = db.select(SETTING.PROVIDER_ID).from(SETTING).where(SETTING.URN.eq(urn)).fetchOne(SETTING.PROVIDER_ID);
        String surplus = new BigDecimal(next).multiply(new BigDecimal("0.05")).setScale(2, RoundingMode.DOWN).toPlainString();
        new FeeFixtures(asProvider(owner)).submit(urn, "2027-28", List.of(SurplusAndTransparencyTest.brokenDown(FeeFixtures.fee(3, "DAY", next), surplus, "0.00")))
                .path("submitFees.fees[0].check.previousFee").entity(String.class).isEqualTo(current)
                .path("submitFees.fees[0].check.upliftPercent").entity(Double.class).isEqualTo(3.0)
                .path("submitFees.fees[0].check.framework.id").entity(String.class).isEqualTo(draft)
                .path("submitFees.fees[0].check.surplus").entity(String.class).isEqualTo(surplus)
                .path("submitFees.fees[0].check.rules[?(@.outcome == 'BROKEN')].rule").entityList(String.class)
                .satisfies(broken -> assertThat(broken).doesNotContain("SURPLUS_CAP", "BREAKDOWN_REQUIRED", "BREAKDOWN_ADDS_UP"))
                .path("submitFees.fees[0].check.reasons").entityList(String.class).hasSize(5);

        // a national audit of this year's fees
        int currentFees = db.fetchCount(FEE, FEE.FINANCIAL_YEAR.eq(YEAR).and(CURRENT));
        long start = System.nanoTime();
        var audit = regulator.documentName("runFeeAudit").variable("financialYear", YEAR).execute();
        long auditMillis = (System.nanoTime() - start) / 1_000_000;
        String auditId = audit.path("runFeeAudit.audit.id").entity(String.class).get();
        int opened = audit.path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(currentFees)
                .path("runFeeAudit.audit.providersWithMostFindings[0].provider.name").entity(String.class)
                .satisfies(name -> assertThat(name).startsWith("Demo "))
                .path("runFeeAudit.audit.statistics[0].band").entity(Integer.class).isEqualTo(1)
                .path("runFeeAudit.audit.findingsOpened").entity(Integer.class).get();
        assertThat(opened).isPositive();
        assertThat(auditMillis).as("national audit of %d fees", currentFees).isLessThan(30_000);
        audit.path("runFeeAudit.audit.verdicts[*].verdict").entityList(String.class)
                .contains("SURPLUS_ABOVE_CAP", "BREAKDOWN_INCONSISTENT", "BREAKDOWN_MISSING");

        // the "done when": the demo's audits open findings of the three new kinds, each with its numbers (the year's
        // findings, as another test's audit of the same year may have opened some first)
        regulator.documentName("feeFindings").variable("filter", Map.of("financialYear", YEAR, "verdict", "SURPLUS_ABOVE_CAP")).variable("first", 1).execute()
                .path("feeFindings.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isPositive())
                .path("feeFindings.edges[0].node.check.excessOverSurplusCap").entity(String.class)
                .satisfies(excess -> assertThat(new BigDecimal(excess)).isPositive())
                .path("feeFindings.edges[0].node.check.reasons").entityList(String.class)
                .satisfies(reasons -> assertThat(reasons).anySatisfy(r -> assertThat(r).contains("above the framework's cap of 8.00% of the fee")));
        regulator.documentName("feeFindings").variable("filter", Map.of("financialYear", YEAR, "verdict", "BREAKDOWN_INCONSISTENT")).variable("first", 1).execute()
                .path("feeFindings.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isPositive())
                .path("feeFindings.edges[0].node.check.breakdownDifference").entity(String.class)
                .satisfies(difference -> assertThat(new BigDecimal(difference)).isNegative());
        regulator.documentName("feeFindings").variable("filter", Map.of("financialYear", YEAR, "verdict", "BREAKDOWN_MISSING")).variable("first", 1).execute()
                .path("feeFindings.totalCount").entity(Integer.class).satisfies(n -> assertThat(n).isPositive())
                .path("feeFindings.edges[0].node.check.breakdownTotal").valueIsNull();

        Map<String, Object> finding = regulator.documentName("feeFindings").variable("filter", Map.of("auditId", auditId, "verdict", "ABOVE_CEILING"))
                .variable("first", 1).execute().path("feeFindings.edges[0].node").entity(Map.class).get();
        String findingId = (String) finding.get("id");
        int findingUrn = (Integer) ((Map<String, Object>) finding.get("setting")).get("urn");
        long findingProvider = db.select(SETTING.PROVIDER_ID).from(SETTING).where(SETTING.URN.eq(findingUrn)).fetchOne(SETTING.PROVIDER_ID);
        asProvider(findingProvider).documentName("setFeeFindingStatus").variable("input", Map.of("id", findingId, "status", "PROVIDER_RESPONDED",
                "note", "Our fee reflects 1:1 staffing")).execute().path("setFeeFindingStatus.finding.status").entity(String.class).isEqualTo("PROVIDER_RESPONDED");
        regulator.documentName("setFeeFindingStatus").variable("input", Map.of("id", findingId, "status", "ESCALATED",
                "note", "Above the ceiling without a credible case")).execute().path("setFeeFindingStatus.finding.status").entity(String.class).isEqualTo("ESCALATED");
        regulator.documentName("suspendSettings").variable("input", Map.of("urns", List.of(findingUrn), "reason", "Escalated fee finding " + findingId))
                .execute().path("suspendSettings.settings[0].registrationStatus").entity(String.class).isEqualTo("SUSPENDED");

        String csv = regulator.documentName("feeFindingsCsv").variable("filter", Map.of("auditId", auditId)).execute()
                .path("feeFindingsCsv").entity(String.class).get();
        List<Csv.Row> rows = Csv.parse(csv);
        assertThat(rows).hasSize(opened + 1);
        assertThat(rows.stream().filter(r -> r.fields().getFirst().equals(findingId)).findFirst().orElseThrow().fields().get(1)).isEqualTo("ESCALATED");

        graphQl.documentName("auditTrail").variable("entityType", "fee_finding").variable("entityId", findingId).execute()
                .path("auditTrail.edges[*].node.action").entityList(String.class)
                .containsExactly("FEE_FINDING_STATUS_CHANGED", "FEE_FINDING_STATUS_CHANGED", "FEE_FINDING_OPENED");
        regulator.documentName("reinstateSettings").variable("input", Map.of("urns", List.of(findingUrn), "reason", "Fee revised")).execute()
                .path("reinstateSettings.settings[0].registrationStatus").entity(String.class).isEqualTo("OPEN");
    }
}
