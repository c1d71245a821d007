package uk.sendplan.api.fees;

import java.time.Instant;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.FindingStatus;

/** A finding an audit opened on a fee revision, with where it stands; provider and region as at the opening check. */
record FeeFindingView(long id, long feeId, long auditId, long checkId, FeeVerdict verdict, FindingStatus status, Instant openedAt,
                      Instant updatedAt, String financialYear, int urn, long providerId, String regionCode) {

    record Event(long findingId, FindingStatus fromStatus, FindingStatus toStatus, String note, String actor, Instant occurredAt) {
    }
}
