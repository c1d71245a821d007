package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.OfferStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.countDistinct;
import static uk.sendplan.db.jooq.Tables.*;

/** The market a newcomer finds at first start: referrals in four LAs, offers, a refusal per LA, awards, a joint block contract. */
class DemoMarketTest extends GraphQlTestBase {

    @Test
    void theFirstStartHasAMarketInFourLasMadeThroughTheServicesAndAudited() {
        var demoReferrals = REFERRAL.CREATED_BY.eq("system:demo-market");
        assertThat(db.select(countDistinct(REFERRAL.LA_CODE)).from(REFERRAL).where(demoReferrals).fetchOne().value1()).isEqualTo(4);
        assertThat(db.fetchCount(REFERRAL, demoReferrals)).isGreaterThanOrEqualTo(16);
        assertThat(db.fetchCount(OFFER.join(REFERRAL).on(REFERRAL.ID.eq(OFFER.REFERRAL_ID)), demoReferrals.and(OFFER.STATUS.eq(OfferStatus.OPEN))))
                .isGreaterThanOrEqualTo(10);
        assertThat(db.fetchCount(OFFER_REFUSAL.join(REFERRAL).on(REFERRAL.ID.eq(OFFER_REFUSAL.REFERRAL_ID)), demoReferrals)).isEqualTo(4);
        assertThat(db.fetchCount(REFERRAL_RECIPIENT.join(REFERRAL).on(REFERRAL.ID.eq(REFERRAL_RECIPIENT.REFERRAL_ID)),
                demoReferrals.and(REFERRAL_RECIPIENT.DECLINE_REASON.isNotNull()))).isPositive();
        var demoAgreements = PLACEMENT_AGREEMENT.AWARDED_BY.eq("system:demo-market");
        assertThat(db.fetchCount(PLACEMENT_AGREEMENT, demoAgreements.and(PLACEMENT_AGREEMENT.STATUS.eq(AgreementStatus.ACTIVE)))).isEqualTo(4);
        assertThat(db.fetchCount(PLACEMENT_AGREEMENT, demoAgreements.and(PLACEMENT_AGREEMENT.STATUS.eq(AgreementStatus.AWAITING_PROVIDER)))).isEqualTo(4);
        assertThat(db.fetchCount(PLACEMENT, PLACEMENT.AGREEMENT_ID.in(db.select(PLACEMENT_AGREEMENT.ID).from(PLACEMENT_AGREEMENT).where(demoAgreements))))
                .isEqualTo(4);
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTOR.eq("system:demo-market").and(AUDIT_EVENT.ACTION.eq("AGREEMENT_ACCEPTED")))).isEqualTo(4);
    }

    @Test
    void camdenAndHackneyHoldAJointBlockContractInTheRegister() {
        var demo = BLOCK_CONTRACT.PROPOSED_BY.eq("system:demo-market");
        long id = db.fetchValue(BLOCK_CONTRACT.ID, demo.and(BLOCK_CONTRACT.STATUS.eq(uk.sendplan.db.types.BlockContractStatus.ACTIVE)));
        assertThat(db.fetchValue(BLOCK_CONTRACT.LEAD_LA_CODE, BLOCK_CONTRACT.ID.eq(id))).isEqualTo("202");
        assertThat(db.select(PLACE_COMMISSION.LA_CODE, PLACE_COMMISSION.PLACES).from(PLACE_COMMISSION).where(PLACE_COMMISSION.CONTRACT_ID.eq(id))
                .orderBy(PLACE_COMMISSION.LA_CODE).fetch(r -> r.value1() + ":" + r.value2())).containsExactly("202:2", "204:2");
        assertThat(db.fetchValue(BLOCK_CONTRACT.VERDICT, BLOCK_CONTRACT.ID.eq(id))).isEqualTo(uk.sendplan.db.types.FeeVerdict.WITHIN_REFERENCE);
    }
}
