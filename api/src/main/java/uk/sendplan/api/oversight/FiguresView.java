package uk.sendplan.api.oversight;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.OwnerKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A provider's group figures for one financial year, as it stated them: exact pence. The margin is the operating
 * surplus as a percentage of turnover; the debt ratio is net debt over turnover ("times turnover"). Both to 2 dp.
 */
record FiguresView(long id, long providerId, String providerName, String financialYear, long turnoverPence, long operatingSurplusPence,
                   long netDebtPence, OwnerKind ownerKind, boolean forProfit, Instant statedAt, String statedBy) {

    public BigDecimal marginPercent() {
        return Money.percentOf(operatingSurplusPence, turnoverPence);
    }

    public BigDecimal debtToTurnover() {
        return BigDecimal.valueOf(netDebtPence).divide(BigDecimal.valueOf(turnoverPence), 2, RoundingMode.HALF_UP);
    }

    public BigDecimal turnover() {
        return Money.pounds(turnoverPence);
    }

    public BigDecimal operatingSurplus() {
        return Money.pounds(operatingSurplusPence);
    }

    public BigDecimal netDebt() {
        return Money.pounds(netDebtPence);
    }
}
