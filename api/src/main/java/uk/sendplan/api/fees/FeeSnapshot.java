package uk.sendplan.api.fees;

import uk.sendplan.db.types.FeeVerdict;

import uk.sendplan.db.types.ProvisionKind;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.api.fees.FeeChecker.Outcome;

import java.util.List;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * A fee revision as the audit trail keeps it: amounts as exact decimal strings (pounds and pence, "58000.00"), the
 * breakdown only when the provider gave one, and the verdict only when the fee was checked.
 */
record FeeSnapshot(long feeId, int band, ProvisionKind kind, int revision, String annualFee, @JsonInclude(NON_NULL) Breakdown breakdown,
                   String justification, @JsonInclude(NON_NULL) FeeVerdict verdict) implements AuditSnapshot {

    record Breakdown(String education, String care, String therapies, String transport, String overheads, String surplus) {
    }

    /** The fees submitted for a setting and year, each with its verdict. */
    record Schedule(int urn, String financialYear, List<FeeSnapshot> fees) implements AuditSnapshot {

        static Schedule of(int urn, String financialYear, List<FeeCheckRunner.Checked> checked) {
            return new Schedule(urn, financialYear, checked.stream().map(c -> FeeSnapshot.of(c.fee(), c.outcome())).toList());
        }
    }

    /** {@code outcome} null for a fee not checked here (the revision a new one replaces). */
    static FeeSnapshot of(FeeView fee, Outcome outcome) {
        FeeView.Breakdown b = fee.breakdown();
        Breakdown breakdown = b == null ? null : new Breakdown(b.education().toPlainString(), b.care().toPlainString(),
                b.therapies().toPlainString(), b.transport().toPlainString(), b.overheads().toPlainString(), b.surplus().toPlainString());
        return new FeeSnapshot(fee.id(), fee.band(), fee.kind(), fee.revision(), fee.annualFee().toPlainString(), breakdown,
                fee.justification(), outcome == null ? null : outcome.verdict());
    }
}
