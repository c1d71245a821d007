package uk.sendplan.api.market;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.BlockContractStatus;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RecipientResponse;
import uk.sendplan.db.types.ReferralStatus;
import uk.sendplan.db.types.RenewalStatus;

import java.util.List;

/** The market's records as the audit trail keeps them; dates as ISO text. */
final class MarketSnapshots {

    private MarketSnapshots() {
    }

    /** A referral as sent, with the settings it went to. Child-level: its LA's commissioner's alone in the trail. */
    record Referral(long id, long requestId, String laCode, Long planId, String primaryNeed, String secondaryNeed, int band, int age,
                    int ncYear, String phase, String gender, boolean needsBoarding, String homeDistrict, ProvisionKind provision,
                    List<MarketRules.Therapy> therapies, String startTerm, String respondBy, List<String> whyNotState, String note,
                    ReferralStatus status, List<Integer> sentTo) implements AuditSnapshot {

        static Referral of(ReferralView r, List<Integer> sentTo) {
            return new Referral(r.id(), r.requestId(), r.laCode(), r.planId(), r.primaryNeed(), r.secondaryNeed(), r.band(), r.age(), r.ncYear(),
                    r.phase(), r.gender().name(), r.needsBoarding(), r.homeDistrict(), r.provision(), r.therapies(), r.startTerm(),
                    r.respondBy().toString(), r.whyNotState(), r.note(), r.status(), sentTo);
        }
    }

    record ReferralStatusChange(ReferralStatus status, String reason) implements AuditSnapshot {
    }

    /** A setting a referral was sent to, and its answer. */
    record Recipient(long referralId, int urn, long providerId, boolean matched, RecipientResponse response, DeclineReason declineReason)
            implements AuditSnapshot {

        static Recipient of(RecipientView r) {
            return new Recipient(r.referralId(), r.urn(), r.providerId(), r.matched(), r.response(), r.declineReason());
        }
    }

    /** An offer's status and current terms with the fee check they passed. */
    record Offer(long id, long referralId, int urn, long providerId, OfferStatus status, String statusReason, int revision, ProvisionKind kind,
                 long annualFeePence, long educationPence, long carePence, long therapiesPence, long otherPence, long surplusPence, String startDate,
                 String validUntil, String conditions, String justification, String financialYear, long frameworkId, FeeVerdict verdict)
            implements AuditSnapshot {

        static Offer of(OfferView o) {
            OfferView.Terms t = o.terms();
            return new Offer(o.id(), o.referralId(), o.urn(), o.providerId(), o.status(), o.statusReason(), t.revision(), t.kind(),
                    t.annualFeePence(), t.educationPence(), t.carePence(), t.therapiesPence(), t.otherPence(), t.surplusPence(), t.startDate().toString(),
                    t.validUntil().toString(), t.conditions(), t.justification(), t.financialYear(), t.frameworkId(), t.verdict());
        }
    }

    /** An offer the fee check refused: nothing was offered. */
    record RefusedOffer(long referralId, int urn, long providerId, ProvisionKind kind, long annualFeePence, FeeVerdict verdict,
                        Long ceilingPence, long frameworkId) implements AuditSnapshot {
    }

    record Agreement(long id, long referralId, long offerId, int offerRevision, long requestId, String laCode, long providerId, int urn,
                     String need, String phase, ProvisionKind kind, String startDate, String endDate, long annualFeePence, long frameworkId,
                     AgreementStatus status, String statusReason, Long placementId, Long renewsId) implements AuditSnapshot {

        static Agreement of(AgreementView a) {
            return new Agreement(a.id(), a.referralId(), a.offerId(), a.offerRevision(), a.requestId(), a.laCode(), a.providerId(), a.urn(),
                    a.need(), a.phase(), a.kind(), a.startDate().toString(), a.endDate().toString(), a.annualFeePence(), a.frameworkId(),
                    a.status(), a.statusReason(), a.placementId(), a.renewsId());
        }
    }

    record Renewal(long id, long agreementId, String financialYear, long annualFeePence, String upliftPercent, String maxUpliftPercent,
                   FeeVerdict verdict, RenewalStatus status) implements AuditSnapshot {
    }

    record Contract(long id, int urn, long providerId, String need, String phase, String financialYear, int band, ProvisionKind kind,
                    long annualFeePence, FeeVerdict verdict, String leadLaCode, List<BlockContractView.Party> parties,
                    BlockContractStatus status, String statusReason) implements AuditSnapshot {

        static Contract of(BlockContractView c) {
            return new Contract(c.id(), c.urn(), c.providerId(), c.need(), c.phase(), c.financialYear(), c.band(), c.kind(), c.annualFeePence(),
                    c.verdict(), c.leadLaCode(), c.parties(), c.status(), c.statusReason());
        }
    }

    /** A placement given an end date: the child moves to another agreement's place after it. */
    record PlacementEnd(long placementId, long agreementId, String endsOn) implements AuditSnapshot {
    }
}
