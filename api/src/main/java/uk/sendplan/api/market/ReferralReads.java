package uk.sendplan.api.market;

import org.springframework.stereotype.Service;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.ReferralStatus;

import java.util.List;
import java.util.Map;

/** Reading referrals within the caller's scope: a commissioner their LA's, a provider those sent to its settings. */
@Service
class ReferralReads {

    private final ReferralRepository referrals;
    private final Access access;

    ReferralReads(ReferralRepository referrals, Access access) {
        this.referrals = referrals;
        this.access = access;
    }

    /** A referral the actor may see: their LA's (commissioner), or one sent to their settings (provider). */
    ReferralView get(String operation, String idText) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.PROVIDER);
        ReferralView referral = referrals.find(access.idInScope(operation, idText)).orElseThrow(() -> access.outOfScope(operation));
        if (!visible(actor, referral)) {
            throw access.outOfScope(operation);
        }
        return referral;
    }

    boolean visible(Actor actor, ReferralView referral) {
        if (actor.is(Role.COMMISSIONER)) {
            return referral.laCode().equals(actor.laCode());
        }
        return actor.is(Role.PROVIDER) && !referrals.recipients(List.of(referral.id()), actor.providerId()).get(referral.id()).isEmpty();
    }

    List<ReferralView> search(List<ReferralStatus> statuses, Long beforeId, int limit) {
        Actor actor = access.require("referrals", Role.COMMISSIONER, Role.PROVIDER);
        return actor.is(Role.COMMISSIONER) ? referrals.search(actor.laCode(), null, statuses, beforeId, limit)
                : referrals.search(null, actor.providerId(), statuses, beforeId, limit);
    }

    int count(List<ReferralStatus> statuses) {
        Actor actor = access.require("referrals", Role.COMMISSIONER, Role.PROVIDER);
        return actor.is(Role.COMMISSIONER) ? referrals.count(actor.laCode(), null, statuses) : referrals.count(null, actor.providerId(), statuses);
    }

    /** The settings each referral went to: all of them for its commissioner, a provider's own for a provider. */
    Map<Long, List<RecipientView>> recipients(List<ReferralView> of) {
        Actor actor = access.require("Referral.recipients", Role.COMMISSIONER, Role.PROVIDER);
        return referrals.recipients(of.stream().map(ReferralView::id).toList(), actor.is(Role.PROVIDER) ? actor.providerId() : null);
    }
}
