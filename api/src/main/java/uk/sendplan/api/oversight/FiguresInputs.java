package uk.sendplan.api.oversight;

import uk.sendplan.db.types.OwnerKind;

import java.math.BigDecimal;

/** GraphQL inputs and payloads of the financial oversight feature. */
final class FiguresInputs {

    private FiguresInputs() {
    }

    /** {@code forProfit} may be left out where the owner kind settles it (see {@link FiguresRules#forProfit}). */
    record StateProviderFiguresInput(String providerId, String financialYear, BigDecimal turnover, BigDecimal operatingSurplus,
                                     BigDecimal netDebt, OwnerKind ownerKind, Boolean forProfit) {
    }

    record ProviderFiguresPayload(FiguresView figures) {
    }
}
