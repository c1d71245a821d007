package uk.sendplan.api.fees;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.fees.RateFrameworkView.AreaAdjustment;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.fees.RateFrameworkView.StateTariff;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RateFrameworkStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The state tariff check on its own: the band for every need applies, the range is inclusive, and it is national. */
class StateTariffCheckTest {

    static final RateFrameworkView FRAMEWORK = new RateFrameworkView(9, "2026-27", 1, "Test", null, RateFrameworkStatus.PUBLISHED,
            new BigDecimal("5.00"), null, null, Instant.EPOCH, "test", null, null, null,
            List.of(new Band("DAY-3", "Day 3", ProvisionKind.DAY, 3, List.of(), 5_000_000, 6_000_000, new StateTariff(2_200_000, 2_800_000)),
                    new Band("DAY-3-PD", "Day 3 PD", ProvisionKind.DAY, 3, List.of("PD"), 5_500_000, 6_600_000, new StateTariff(100, 200)),
                    new Band("AP-1", "AP 1", ProvisionKind.ALTERNATIVE_PROVISION, 1, List.of(), 1_600_000, 1_900_000, null)),
            List.of(new AreaAdjustment("E12000007", new BigDecimal("1.200"))), RateFrameworkView.Transparency.NONE);

    static FeeView fee(ProvisionKind kind, int band, long pence) {
        return new FeeView(1, 100_001, "2026-27", band, kind, 1, true, pence, null, null, null, Instant.EPOCH, "test");
    }

    @Test
    void theRangeIsInclusiveAndTheAmountOutsideIsExact() {
        assertThat(StateTariffCheck.check(FRAMEWORK, fee(ProvisionKind.DAY, 3, 2_200_000)).banding()).isEqualTo(NationalBanding.WITHIN_NATIONAL_BANDING);
        assertThat(StateTariffCheck.check(FRAMEWORK, fee(ProvisionKind.DAY, 3, 2_800_000)).banding()).isEqualTo(NationalBanding.WITHIN_NATIONAL_BANDING);
        StateTariffCheck.Result above = StateTariffCheck.check(FRAMEWORK, fee(ProvisionKind.DAY, 3, 2_812_345));
        assertThat(above.banding()).isEqualTo(NationalBanding.OUTSIDE_NATIONAL_BANDING);
        assertThat(above.bandCode()).as("the band for every need: a state fee names no need").isEqualTo("DAY-3");
        assertThat(above.abovePence()).isEqualTo(12_345L);
        assertThat(above.belowPence()).isNull();
        assertThat(above.explanation()).isEqualTo("Fee £28,123.45 is £123.45 above band DAY-3's national tariff of £22,000.00 to £28,000.00"
                + " (framework 9 (2026-27 version 1)).");
        StateTariffCheck.Result below = StateTariffCheck.check(FRAMEWORK, fee(ProvisionKind.DAY, 3, 2_199_999));
        assertThat(below.banding()).isEqualTo(NationalBanding.OUTSIDE_NATIONAL_BANDING);
        assertThat(below.belowPence()).isEqualTo(1L);
        assertThat(below.abovePence()).isNull();
    }

    @Test
    void aBandWithoutATariffOrNoBandGivesNoNationalTariff() {
        assertThat(StateTariffCheck.check(FRAMEWORK, fee(ProvisionKind.ALTERNATIVE_PROVISION, 1, 1_700_000)).banding())
                .isEqualTo(NationalBanding.NO_NATIONAL_TARIFF);
        StateTariffCheck.Result none = StateTariffCheck.check(FRAMEWORK, fee(ProvisionKind.POST_16, 2, 1_700_000));
        assertThat(none.banding()).isEqualTo(NationalBanding.NO_NATIONAL_TARIFF);
        assertThat(none.explanation()).isEqualTo("No band of framework 9 (2026-27 version 1) gives a national tariff for post 16 places at complexity 2.");
    }
}
