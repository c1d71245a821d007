package uk.sendplan.api.market;

import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.RenewalStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A provider's proposed fee for the next school year of an agreement, with its check as an uplift against the cap. */
record RenewalView(long id, long agreementId, String financialYear, long annualFeePence, BigDecimal upliftPercent, BigDecimal maxUpliftPercent,
                   long frameworkId, int frameworkVersion, FeeVerdict verdict, String justification, List<String> reasons, RenewalStatus status,
                   Instant proposedAt, Instant decidedAt, Long renewedAgreementId) {
}
