package uk.sendplan.api.oversight;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.OwnerKind;

import java.math.BigDecimal;
import java.util.List;

/**
 * The regulator's financial oversight of a year: providers' margins and debt by owner kind and for-profit status with
 * the fees they charge, the providers flagged by the documented thresholds, and how much of the public money paid in
 * fees is surplus. Percentages and ratios to 2 dp; money exact.
 */
record OversightView(String financialYear, Thresholds thresholds, int providersStating, List<Distribution> byOwnerKind,
                     List<Distribution> byForProfit, List<Flag> flags, List<Statistic> statistics, PublicMoney national,
                     List<ProviderPublicMoney> providers) {

    /** The thresholds applied: the framework's surplus cap (null: no published framework), and the debt limits. */
    record Thresholds(BigDecimal surplusCapPercent, BigDecimal debtToTurnoverLimit, BigDecimal lossDebtToTurnoverLimit, String explanation) {
    }

    /** Lowest, quartiles (nearest rank) and highest of a set of values. */
    record Spread(BigDecimal lowest, BigDecimal lowerQuartile, BigDecimal median, BigDecimal upperQuartile, BigDecimal highest) {
    }

    /**
     * A group of providers (an owner kind, or for profit or not): their margins and debt, how many are flagged, and the
     * regulated fees they charge (median fee per place a year; median fee as a percentage of the band's adjusted reference).
     */
    record Distribution(String group, String label, int providers, int flagged, Spread margin, Spread debtToTurnover, int fees,
                        Long medianFeePence, BigDecimal medianFeeToReference) {

        public BigDecimal medianFee() {
            return Money.poundsOrNull(medianFeePence);
        }
    }

    /** One threshold one provider breaks, with the figures that break it and the limit. */
    record Flag(FlagKind kind, long providerId, String providerName, OwnerKind ownerKind, boolean forProfit, FiguresView figures,
                BigDecimal limit, String explanation) {

        public BigDecimal turnover() {
            return figures.turnover();
        }

        public BigDecimal operatingSurplus() {
            return figures.operatingSurplus();
        }

        public BigDecimal netDebt() {
            return figures.netDebt();
        }

        public BigDecimal marginPercent() {
            return figures.marginPercent();
        }

        public BigDecimal debtToTurnover() {
            return figures.debtToTurnover();
        }
    }

    enum FlagKind { MARGIN_ABOVE_SURPLUS_CAP, DEBT_ABOVE_LIMIT, LOSS_WITH_HIGH_DEBT }

    enum Dimension { BAND, REGION, OWNER_KIND, FOR_PROFIT }

    /** Surplus from fee breakdowns and providers' margins for one group of a dimension. */
    record Statistic(Dimension dimension, String group, String label, Sums sums, int providersStating, BigDecimal medianMargin) {
    }

    /** Fees and the surplus their breakdowns state, summed per place a year. */
    record Sums(int fees, int feesBrokenDown, long feeTotalPence, long surplusPence) {

        public BigDecimal feeTotal() {
            return Money.pounds(feeTotalPence);
        }

        public BigDecimal surplus() {
            return Money.pounds(surplusPence);
        }

        /** Surplus as a percentage of the fees that state one; null when none does. */
        public BigDecimal surplusShare() {
            return feeTotalPence == 0 ? null : Money.percentOf(surplusPence, feeTotalPence);
        }
    }

    /** England's figures: the share of the public money paid in fees that is surplus, with what it counts. */
    record PublicMoney(Sums sums, String explanation) {
    }

    /** One provider's fees and surplus, and its margin when it stated figures. */
    record ProviderPublicMoney(long providerId, String providerName, Sums sums, BigDecimal marginPercent) {
    }
}
