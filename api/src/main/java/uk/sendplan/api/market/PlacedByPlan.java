package uk.sendplan.api.market;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import uk.sendplan.api.planning.PlacementsApproved;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.ReferralStatus;

import java.util.List;

/**
 * A child a plan's approval places is no longer on the market: an open referral is closed with its open offers
 * (providers see why); a referral already awarded, whose agreement waits for its provider, stops the approval, since the
 * child would hold two places.
 */
@Component
class PlacedByPlan {

    private final ReferralRepository referrals;
    private final Referrals closing;

    PlacedByPlan(ReferralRepository referrals, Referrals closing) {
        this.referrals = referrals;
        this.closing = closing;
    }

    @EventListener
    void closeReferrals(PlacementsApproved approved) {
        List<ReferralView> live = referrals.lockLive(approved.requestIds());
        for (ReferralView referral : live) {
            if (referral.status() == ReferralStatus.AWARDED) {
                throw ApiException.badRequest("input.requestIds", "request " + referral.requestId() + " was awarded a place on referral "
                        + referral.id() + " and its agreement waits for the provider; nothing was approved. Leave the child out of requestIds, "
                        + "or wait for the provider's answer");
            }
        }
        for (ReferralView referral : live) {
            closing.close(referral, "placed by plan " + approved.planId(), "REFERRAL_CLOSED", "the child was placed by the LA's plan");
        }
    }
}
