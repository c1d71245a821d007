package uk.sendplan.api.fees;

import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RateFrameworkStatus;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.api.kernel.Money;
import org.junit.jupiter.api.Test;
import uk.sendplan.api.fees.FeeChecker.Costs;
import uk.sendplan.api.fees.FeeChecker.Outcome;
import uk.sendplan.api.fees.FeeChecker.SettingFacts;
import uk.sendplan.api.fees.RateFrameworkView.AreaAdjustment;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.system.ApiException;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check's arithmetic and precedence, without a database. */
class FeeCheckerTest {

    static final RateFrameworkView FRAMEWORK = new RateFrameworkView(7, "2026-27", 2, "Test", null, RateFrameworkStatus.PUBLISHED, new BigDecimal("5.00"),
            null, null, null, "test", null, null, null,
            List.of(new Band("DAY-3", "Day 3", ProvisionKind.DAY, 3, List.of(), 5_000_000, 6_000_000, null),
                    new Band("DAY-3-PD", "Day 3 PD", ProvisionKind.DAY, 3, List.of("PD"), 5_500_000, 6_600_000, null)),
            List.of(new AreaAdjustment("E12000007", new BigDecimal("1.125"))), RateFrameworkView.Transparency.NONE);
    static final SettingFacts LONDON_ISS = new SettingFacts(600_001, "INDEPENDENT_SPECIAL", true, "202", "E12000007", "London", 1L, true,
            RegistrationStatus.OPEN, null, "SEMH", ProviderKind.INDEPENDENT);

    @Test
    void adjustedAmountsRoundHalfUpToThePenny() {
        // 50,000.00 x 1.125 = 56,250.00 exactly; 3,333,333p x 1.125 = 3,749,999.625p -> 3,750,000p
        Outcome outcome = FeeChecker.check(FRAMEWORK, LONDON_ISS, 3, ProvisionKind.DAY, 5_625_000, false, null, null, Costs.NONE);
        assertThat(outcome.adjustedReferencePence()).isEqualTo(5_625_000);
        assertThat(outcome.adjustedCeilingPence()).isEqualTo(6_750_000);
        assertThat(outcome.verdict()).isEqualTo(FeeVerdict.WITHIN_REFERENCE);
        assertThat(Money.times(3_333_333, new BigDecimal("1.125"))).isEqualTo(3_750_000);
    }

    @Test
    void theMostSeriousRuleDecidesTheVerdictAndEveryRuleIsAReason() {
        // above the ceiling and risen 20%: ABOVE_CEILING, with the uplift among the reasons
        Outcome both = FeeChecker.check(FRAMEWORK, LONDON_ISS, 3, ProvisionKind.DAY, 7_200_000, true, 6_000_000L, null, Costs.NONE);
        assertThat(both.verdict()).isEqualTo(FeeVerdict.ABOVE_CEILING);
        assertThat(both.opensFinding()).isTrue();
        assertThat(both.reasons()).hasSize(3);
        assertThat(both.reasons().get(2)).contains("(20.00%), above the cap of 5.00%: non-compliant.");
        // no band, risen above the cap: the cap is the more serious
        Outcome noBand = FeeChecker.check(FRAMEWORK, LONDON_ISS, 2, ProvisionKind.DAY, 4_000_000, false, 3_000_000L, null, Costs.NONE);
        assertThat(noBand.verdict()).isEqualTo(FeeVerdict.UPLIFT_ABOVE_CAP);
        assertThat(noBand.bandCode()).isNull();
        // above the reference: a finding only without a justification
        assertThat(FeeChecker.check(FRAMEWORK, LONDON_ISS, 3, ProvisionKind.DAY, 6_000_000, true, null, null, Costs.NONE).opensFinding()).isFalse();
        assertThat(FeeChecker.check(FRAMEWORK, LONDON_ISS, 3, ProvisionKind.DAY, 6_000_000, false, null, null, Costs.NONE).opensFinding()).isTrue();
        assertThat(FeeChecker.check(FRAMEWORK, LONDON_ISS, 1, ProvisionKind.DAY, 1, false, null, null, Costs.NONE).opensFinding()).isFalse();
    }

    @Test
    void aNeedSpecificBandWinsForItsNeedOnly() {
        assertThat(FeeChecker.applicableBand(FRAMEWORK, ProvisionKind.DAY, 3, "PD")).map(Band::code).contains("DAY-3-PD");
        assertThat(FeeChecker.applicableBand(FRAMEWORK, ProvisionKind.DAY, 3, "ASD")).map(Band::code).contains("DAY-3");
        assertThat(FeeChecker.applicableBand(FRAMEWORK, ProvisionKind.DAY, 3, null)).map(Band::code).contains("DAY-3");
        assertThat(FeeChecker.applicableBand(FRAMEWORK, ProvisionKind.POST_16, 3, null)).isEmpty();
    }

    @Test
    void moneyIsFormattedAndConvertedExactly() {
        assertThat(Money.format(0)).isEqualTo("£0.00");
        assertThat(Money.format(5)).isEqualTo("£0.05");
        assertThat(Money.format(99_999)).isEqualTo("£999.99");
        assertThat(Money.format(150_000_000)).isEqualTo("£1,500,000.00");
        assertThat(Money.format(-123_456_789)).isEqualTo("-£1,234,567.89");
        assertThat(Money.formatRounded(6_496_049)).isEqualTo("£64,960");
        assertThat(Money.formatRounded(6_496_050)).as("half a pound up").isEqualTo("£64,961");
        assertThat(Money.formatRounded(100_000_000_000L)).isEqualTo("£1,000,000,000");
        assertThat(Money.formatRounded(-150)).isEqualTo("-£2");
        assertThat(Money.formatRounded(-40)).as("no minus on a rounded zero").isEqualTo("£0");
        assertThat(Money.pence(new BigDecimal("61250.10"))).isEqualTo(6_125_010);
        assertThat(Money.pounds(6_125_010)).isEqualByComparingTo("61250.10").hasToString("61250.10");
        assertThat(Money.percentOf(1, 3)).isEqualByComparingTo("33.33");
    }

    @Test
    void financialYearsAreCheckedAndCountedBack() {
        assertThat(FeeRules.financialYear("y", "2026-27")).isEqualTo("2026-27");
        assertThat(FeeRules.financialYear("y", "2099-00")).isEqualTo("2099-00");
        assertThatThrownBy(() -> FeeRules.financialYear("y", "2026-28")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FeeRules.financialYear("y", "26-27")).isInstanceOf(ApiException.class);
        assertThat(FeeRules.previousYear("2026-27")).isEqualTo("2025-26");
        assertThat(FeeRules.previousYear("2000-01")).isEqualTo("1999-00");
    }

    @Test
    void aCharitysDemoBreakdownKeepsASmallReserveAndAlwaysAddsUp() {
        FeeView.Breakdown charity = DemoFees.breakdown(5_999_990, ProvisionKind.DAY, false);
        assertThat(charity.total()).isEqualTo(5_999_990);
        assertThat(charity.surplusPence()).isEqualTo(119_999);
        FeeView.Breakdown company = DemoFees.breakdown(12_345_670, ProvisionKind.RESIDENTIAL_52_WEEK, true);
        assertThat(company.total()).isEqualTo(12_345_670);
        assertThat(company.surplusPence()).isPositive();
    }

    @Test
    void theSurplusCapIsExactAndItsAllowanceIsRoundedDownToThePenny() {
        RateFrameworkView capped = new RateFrameworkView(7, "2026-27", 2, "Test", null, RateFrameworkStatus.PUBLISHED, new BigDecimal("5.00"),
                null, null, null, "test", null, null, null, FRAMEWORK.bands(), FRAMEWORK.areaAdjustments(),
                new RateFrameworkView.Transparency(new BigDecimal("7.50"), List.of(ProviderKind.INDEPENDENT), 0));
        // 7.5% of £33,333.33 is £2,499.9997...: £2,499.99 is within, £2,500.00 is a penny over the allowance
        assertThat(FeeChecker.surplusAllowancePence(3_333_333, new BigDecimal("7.50"))).isEqualTo(249_999);
        Outcome within = FeeChecker.check(capped, LONDON_ISS, 3, ProvisionKind.DAY, 3_333_333, false, null, null,
                new Costs(true, 3_333_333L, 249_999L));
        assertThat(within.verdict()).isEqualTo(FeeVerdict.WITHIN_REFERENCE);
        Outcome over = FeeChecker.check(capped, LONDON_ISS, 3, ProvisionKind.DAY, 3_333_333, false, null, null,
                new Costs(true, 3_333_333L, 250_000L));
        assertThat(over.verdict()).isEqualTo(FeeVerdict.SURPLUS_ABOVE_CAP);
        assertThat(over.reasons()).contains("The breakdown's surplus is above the framework's cap of 7.50% of the fee: non-compliant.");
        // a fee the market or the planner prices is not assessed: the breakdown rules do not apply, whatever the duty
        Outcome offered = FeeChecker.check(capped, LONDON_ISS, 3, ProvisionKind.DAY, 3_333_333, false, null, null, Costs.NOT_ASSESSED);
        assertThat(offered.verdict()).isEqualTo(FeeVerdict.WITHIN_REFERENCE);
        assertThat(offered.rules().subList(4, 7)).extracting(FeeChecker.RuleResult::outcome).containsOnly(FeeChecker.RuleOutcome.NOT_APPLICABLE);
        assertThat(FeeChecker.check(capped, LONDON_ISS, 3, ProvisionKind.DAY, 3_333_333, false, null, null, Costs.NONE).verdict())
                .isEqualTo(FeeVerdict.BREAKDOWN_MISSING);
    }
}
