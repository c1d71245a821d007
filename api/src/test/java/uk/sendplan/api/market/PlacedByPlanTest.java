package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ReferralStatus;
import uk.sendplan.db.types.RequestStatus;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.market.MarketWorld.offer;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * A child the LA's own plan places leaves the market: approving the plan closes the child's open referral and its open
 * offers, audited; a referral already awarded stops the approval, which writes nothing.
 */
class PlacedByPlanTest extends GraphQlTestBase {

    private static final String YEAR = MarketRules.financialYear(MarketRules.today());

    @Test
    void approvingAPlanClosesTheChildsOpenReferralAndRefusesWhileAnAwardWaits() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(MarketWorld.LA);
        MarketWorld world = new MarketWorld(graphQl, commissioner, 2, 2);
        HttpGraphQlTester provider = asProvider(Long.parseLong(world.providerA));
        String term = "2035-SPRING";
        String open = child(commissioner, world, "OPEN", term);
        String awarded = child(commissioner, world, "AWARDED", term);
        String openReferral = world.refer(open);
        String openOffer = provider.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(openReferral, world.settingA, "58000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        String awardedReferral = world.refer(awarded);
        String awardedOffer = provider.documentName("makeOffer").fragmentName("offerFields")
                .variable("input", offer(awardedReferral, world.settingA, "58000.00", null)).execute().path("makeOffer.offer.id").entity(String.class).get();
        commissioner.documentName("awardOffer").fragmentName("agreementFields").variable("offerId", awardedOffer).execute()
                .path("awardOffer.agreement.status").entity(String.class).isEqualTo("AWAITING_PROVIDER");

        // the world's own schools have fees, so the plan can place both children whatever state places earlier tests took
        for (int urn : List.of(world.settingA, world.settingB)) {
            graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", YEAR,
                    "fees", List.of(Map.of("band", 3, "kind", "DAY", "annualFee", "59000.00")))).execute().path("submitFees.fees").hasValue();
        }
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", MarketWorld.LA,
                "financialYear", YEAR, "startTerm", term, "timeLimitSeconds", 1)).execute().path("startPlan.plan.id").entity(String.class).get();
        awaitFinished(commissioner, planId);
        assertThat(db.fetchCount(PLAN_ASSIGNMENT, PLAN_ASSIGNMENT.PLAN_ID.eq(Long.parseLong(planId)))).isEqualTo(2);

        // the awarded child stops the whole approval
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId)).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.requestIds: request " + awarded
                        + " was awarded a place on referral " + awardedReferral)).verify();
        assertThat(db.fetchCount(PLACEMENT, PLACEMENT.REQUEST_ID.in(Long.parseLong(open), Long.parseLong(awarded)))).isZero();
        assertThat(db.fetchValue(PLACEMENT_REQUEST.STATUS, PLACEMENT_REQUEST.ID.eq(Long.parseLong(open)))).isNotEqualTo(RequestStatus.PLACED);
        assertThat(db.fetchValue(REFERRAL.STATUS, REFERRAL.ID.eq(Long.parseLong(openReferral)))).isEqualTo(ReferralStatus.OPEN);

        // approving the other child alone closes its referral and the open offer, with the reason providers read
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId, "requestIds", List.of(open))).execute()
                .path("approvePlan.approved").entity(Integer.class).isEqualTo(1);
        var referral = db.selectFrom(REFERRAL).where(REFERRAL.ID.eq(Long.parseLong(openReferral))).fetchOne();
        assertThat(referral.getStatus()).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(referral.getStatusReason()).isEqualTo("placed by plan " + planId);
        var closed = db.selectFrom(OFFER).where(OFFER.ID.eq(Long.parseLong(openOffer))).fetchOne();
        assertThat(closed.getStatus()).isEqualTo(OfferStatus.CLOSED);
        assertThat(closed.getStatusReason()).isEqualTo("the child was placed by the LA's plan");
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_TYPE.eq("referral").and(AUDIT_EVENT.ENTITY_ID.eq(openReferral))
                .and(AUDIT_EVENT.ACTION.eq("REFERRAL_CLOSED")))).isEqualTo(1);
        assertThat(db.fetchValue(REFERRAL.STATUS, REFERRAL.ID.eq(Long.parseLong(awardedReferral)))).isEqualTo(ReferralStatus.AWARDED);
    }

    private static String child(HttpGraphQlTester commissioner, MarketWorld world, String label, String term) {
        return commissioner.documentName("createPlacementRequest").variable("input", Map.of("laCode", MarketWorld.LA,
                        "reference", "PLACED-" + world.settingA + "-" + label, "primaryNeed", "ASD", "band", 3, "age", 12, "homeDistrict", world.district,
                        "gender", "MALE", "startTerm", term))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
    }
}
