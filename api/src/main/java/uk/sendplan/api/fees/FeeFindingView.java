package uk.sendplan.api.fees;

import java.time.Instant;
import uk.sendplan.db.types.FindingStatus;

/** A finding an audit opened on a fee revision, with where it stands; provider and region as at the opening check. */
record FeeFindingView(long id, long feeId, long auditId, long checkId, String verdict, FindingStatus status, Instant openedAt,
                      Instant updatedAt, String financialYear, int urn, long providerId, String regionCode) {

    record Event(long findingId, String fromStatus, String toStatus, String note, String actor, Instant occurredAt) {
    }
}
