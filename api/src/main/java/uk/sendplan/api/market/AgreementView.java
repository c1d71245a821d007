package uk.sendplan.api.market;

import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.ProvisionKind;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An Individual Placement Agreement: the parties (the LA and the provider), the child's case reference, the setting,
 * the dates (to the close of a school year), the annual fee and the framework version that checked it.
 */
record AgreementView(long id, long referralId, long offerId, int offerRevision, long requestId, String laCode, long providerId, int urn,
                     String need, String phase, ProvisionKind kind, LocalDate startDate, LocalDate endDate, long annualFeePence,
                     long frameworkId, int frameworkVersion, AgreementStatus status, String statusReason, Long placementId, Long renewsId, String awardedBy,
                     Instant awardedAt, Instant respondedAt) {
}
