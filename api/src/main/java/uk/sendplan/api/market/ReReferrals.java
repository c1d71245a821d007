package uk.sendplan.api.market;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.RenewalStatus;
import uk.sendplan.db.types.RequestStatus;

import java.time.LocalDate;
import java.util.Optional;

import static uk.sendplan.db.jooq.Tables.AGREEMENT_RENEWAL;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_AGREEMENT;

/**
 * Re-referring a placed child whose agreement the commissioner chose not to renew (the renewal was rejected): the child
 * keeps their place until the agreement ends, and the new referral, its offers and the new agreement are for a place
 * from a day after that.
 */
@Component
class ReReferrals {

    private final DSLContext db;
    private final AgreementRepository agreements;

    ReReferrals(DSLContext db, AgreementRepository agreements) {
        this.db = db;
        this.agreements = agreements;
    }

    /** The placed child's agreement in force whose renewal was rejected: the one a re-referral replaces. */
    Optional<AgreementView> ending(PlacementRequestView child) {
        if (child.status() != RequestStatus.PLACED) {
            return Optional.empty();
        }
        return db.select(PLACEMENT_AGREEMENT.ID).from(PLACEMENT_AGREEMENT)
                .where(PLACEMENT_AGREEMENT.REQUEST_ID.eq(child.id())).and(PLACEMENT_AGREEMENT.STATUS.eq(AgreementStatus.ACTIVE))
                .andExists(db.selectOne().from(AGREEMENT_RENEWAL).where(AGREEMENT_RENEWAL.AGREEMENT_ID.eq(PLACEMENT_AGREEMENT.ID))
                        .and(AGREEMENT_RENEWAL.STATUS.eq(RenewalStatus.REJECTED)))
                .orderBy(PLACEMENT_AGREEMENT.ID.desc()).limit(1).fetchOptional(PLACEMENT_AGREEMENT.ID)
                .flatMap(agreements::find);
    }

    /** A re-referral's start term begins after the agreement it replaces ends. */
    static void requireTermAfter(String field, String startTerm, AgreementView ending) {
        if (!MarketRules.termStart(startTerm).isAfter(ending.endDate())) {
            throw ApiException.badRequest(field, "the child's agreement " + ending.id() + " runs to " + ending.endDate()
                    + "; a re-referral is for a term that starts after it, not " + startTerm);
        }
    }

    /** An offer on a re-referral starts after the agreement it replaces ends. */
    void requireStartAfter(String field, ReferralView referral, LocalDate start) {
        if (referral.replacesAgreementId() == null) {
            return;
        }
        AgreementView ending = agreements.find(referral.replacesAgreementId()).orElseThrow();
        if (!start.isAfter(ending.endDate())) {
            throw ApiException.badRequest(field, "the child's current agreement " + ending.id() + " runs to " + ending.endDate()
                    + "; the new place starts after it, not on " + start);
        }
    }
}
