package uk.sendplan.api.market;

import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.RecipientResponse;

import java.time.Instant;

/** A setting a referral was sent to, and its answer. */
record RecipientView(long referralId, int urn, long providerId, boolean matched, Instant sentAt, RecipientResponse response,
                     DeclineReason declineReason, Instant respondedAt) {
}
