package uk.sendplan.api.fees;

import uk.sendplan.db.types.FeeVerdict;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.types.FindingStatus;

import java.util.Map;

/** A fee audit run as the audit trail keeps it: what it covered and what it found, verdicts counted by name. */
record FeeAuditSnapshot(String financialYear, long frameworkId, Scope scope, int feesChecked, Map<FeeVerdict, Integer> verdicts,
                        int findingsOpened, int findingsAlreadyRaised) implements AuditSnapshot {

    /** Nulls for what the audit did not narrow (all of England when all three are null). */
    record Scope(String regionCode, String laCode, Long providerId) {

        static Scope of(FeeAuditView.Scope scope) {
            return new Scope(scope.regionCode(), scope.laCode(), scope.providerId());
        }
    }

    /** A finding an audit opened, with the fee it is about as that fee's own snapshot. */
    record FindingOpened(FindingStatus status, FeeVerdict verdict, long auditId, FeeSnapshot fee, int urn, String financialYear) implements AuditSnapshot {
    }

    /** A finding moving from one status to another. */
    record FindingState(FindingStatus status) implements AuditSnapshot {
    }
}
