package uk.sendplan.api.oversight;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.types.OwnerKind;

/** A provider's stated figures for a year as the audit trail keeps them: amounts as exact pounds ("1250000.00"). */
record FiguresSnapshot(long providerId, String financialYear, String turnover, String operatingSurplus, String netDebt, OwnerKind ownerKind,
                       boolean forProfit) implements AuditSnapshot {

    static FiguresSnapshot of(FiguresView f) {
        return f == null ? null : new FiguresSnapshot(f.providerId(), f.financialYear(), f.turnover().toPlainString(),
                f.operatingSurplus().toPlainString(), f.netDebt().toPlainString(), f.ownerKind(), f.forProfit());
    }
}
