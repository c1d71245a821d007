package uk.sendplan.api.market;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An offer with its current terms (its latest revision). */
record OfferView(long id, long referralId, int urn, long providerId, OfferStatus status, String statusReason, Instant createdAt,
                 Instant updatedAt, Terms terms) {

    /** One revision of an offer's terms, with the fee check it passed when offered. */
    record Terms(long offerId, int revision, ProvisionKind kind, long annualFeePence, long educationPence, long carePence, long therapiesPence,
                 long otherPence, long surplusPence, LocalDate startDate, LocalDate validUntil, String conditions, String justification, String financialYear,
                 long frameworkId, int frameworkVersion, FeeVerdict verdict, List<String> reasons, Long referencePence, Long ceilingPence, Instant createdAt) {

        BigDecimal annualFee() {
            return Money.pounds(annualFeePence);
        }

        Long excessOverReferencePence() {
            return referencePence == null || annualFeePence <= referencePence ? null : annualFeePence - referencePence;
        }
    }
}
