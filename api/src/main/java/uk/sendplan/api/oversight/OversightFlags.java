package uk.sendplan.api.oversight;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.oversight.OversightView.Flag;
import uk.sendplan.api.oversight.OversightView.FlagKind;
import uk.sendplan.api.oversight.OversightView.Thresholds;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The documented thresholds a provider's figures are flagged by, each compared exactly (in pence, not rounded
 * percentages):
 * <ul>
 * <li>MARGIN_ABOVE_SURPLUS_CAP: operating surplus above the year's framework surplus cap as a share of turnover (a
 * group earning more than the cap lets a fee carry earns it from somewhere); not applied without a published framework;</li>
 * <li>DEBT_ABOVE_LIMIT: net debt above {@link #DEBT_LIMIT} times turnover (the CMA's concern: debt that fees pay for);</li>
 * <li>LOSS_WITH_HIGH_DEBT: an operating loss with net debt above {@link #LOSS_DEBT_LIMIT} times turnover (a group that
 * may not be able to keep its settings open).</li>
 * </ul>
 */
final class OversightFlags {

    static final BigDecimal DEBT_LIMIT = new BigDecimal("3.00");
    static final BigDecimal LOSS_DEBT_LIMIT = new BigDecimal("1.00");

    private OversightFlags() {
    }

    static Thresholds thresholds(BigDecimal surplusCapPercent) {
        String cap = surplusCapPercent == null
                ? "No rates framework is published for the year, so margins are not compared with a surplus cap. "
                : "A margin (operating surplus over turnover) above the framework's surplus cap of " + Money.percent(surplusCapPercent)
                + " of a fee is flagged. ";
        return new Thresholds(surplusCapPercent, DEBT_LIMIT, LOSS_DEBT_LIMIT, cap + "Net debt above " + DEBT_LIMIT.stripTrailingZeros().toPlainString()
                + " times turnover is flagged, and so is an operating loss with net debt above "
                + LOSS_DEBT_LIMIT.stripTrailingZeros().toPlainString() + " times turnover.");
    }

    /** Every threshold the figures break, in the order above. */
    static List<Flag> flags(FiguresView f, BigDecimal surplusCapPercent) {
        List<Flag> flags = new ArrayList<>();
        BigDecimal turnover = BigDecimal.valueOf(f.turnoverPence());
        if (surplusCapPercent != null
                && BigDecimal.valueOf(f.operatingSurplusPence()).multiply(Money.HUNDRED).compareTo(surplusCapPercent.multiply(turnover)) > 0) {
            flags.add(flag(FlagKind.MARGIN_ABOVE_SURPLUS_CAP, f, surplusCapPercent, "Operating surplus of " + Money.formatRounded(f.operatingSurplusPence())
                    + " on turnover of " + Money.formatRounded(f.turnoverPence()) + " is a margin of " + Money.percent(f.marginPercent())
                    + ", above the framework's surplus cap of " + Money.percent(surplusCapPercent) + " of a fee."));
        }
        if (BigDecimal.valueOf(f.netDebtPence()).compareTo(DEBT_LIMIT.multiply(turnover)) > 0) {
            flags.add(flag(FlagKind.DEBT_ABOVE_LIMIT, f, DEBT_LIMIT, "Net debt of " + Money.formatRounded(f.netDebtPence()) + " is "
                    + f.debtToTurnover().toPlainString() + " times turnover of " + Money.formatRounded(f.turnoverPence()) + ", above the limit of "
                    + DEBT_LIMIT.stripTrailingZeros().toPlainString() + " times turnover."));
        }
        if (f.operatingSurplusPence() < 0 && BigDecimal.valueOf(f.netDebtPence()).compareTo(LOSS_DEBT_LIMIT.multiply(turnover)) > 0) {
            flags.add(flag(FlagKind.LOSS_WITH_HIGH_DEBT, f, LOSS_DEBT_LIMIT, "An operating loss of " + Money.formatRounded(-f.operatingSurplusPence())
                    + " with net debt of " + Money.formatRounded(f.netDebtPence()) + ", " + f.debtToTurnover().toPlainString()
                    + " times turnover (the limit with a loss is " + LOSS_DEBT_LIMIT.stripTrailingZeros().toPlainString()
                    + " times): the group may struggle to keep its settings open."));
        }
        return flags;
    }

    private static Flag flag(FlagKind kind, FiguresView f, BigDecimal limit, String explanation) {
        return new Flag(kind, f.providerId(), f.providerName(), f.ownerKind(), f.forProfit(), f, limit, explanation);
    }
}
