package uk.sendplan.api.market;

import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.ReferralStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A referral as sent: the child's pseudonymous profile (needs, band, age, a postcode district, never a name, date of
 * birth or address), what is asked for, by when, and why no state place fits.
 */
record ReferralView(long id, long requestId, String laCode, Long planId, String primaryNeed, String secondaryNeed, int band, int age,
                    int ncYear, String phase, ChildGender gender, boolean needsBoarding, String homeDistrict, int homeEasting,
                    int homeNorthing, ProvisionKind provision, List<MarketRules.Therapy> therapies, String startTerm, LocalDate respondBy,
                    List<String> whyNotState, String note, ReferralStatus status, String statusReason, boolean demo, String createdBy,
                    Instant createdAt, Instant updatedAt, Long replacesAgreementId) {

    String nationalCurriculumYear() {
        return MarketRules.ncYearName(ncYear);
    }

    /** Providers may still answer: open, and the deadline not passed. */
    boolean openForResponses(LocalDate today) {
        return status == ReferralStatus.OPEN && !today.isAfter(respondBy);
    }
}
