package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.market.MarketWorld.offer;
import static uk.sendplan.db.jooq.Tables.*;

/** The referral's own operations: from a plan's unplaced children, settings added and removed, declines, withdrawals. */
class ReferralRulesTest extends GraphQlTestBase {

    private HttpGraphQlTester commissioner() {
        return asCommissioner(MarketWorld.LA);
    }

    @Test
    void aPlansUnplacedChildrenAreReferredInOneStep() throws Exception {
        // multi-sensory impairment places: the two test schools have them but no fees, so a plan can't use them
        MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2, "MSI");
        String child = world.child("UNPLACED");
        String planId = commissioner().documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", MarketWorld.LA,
                "financialYear", "2026-27", "startTerm", MarketWorld.nextTerm(), "timeLimitSeconds", 1)).execute()
                .path("startPlan.plan.id").entity(String.class).get();
        for (int i = 0; i < 600 && !List.of("COMPLETED", "FAILED").contains(db.fetchValue(PLAN.STATUS, PLAN.ID.eq(Long.parseLong(planId))).name()); i++) {
            Thread.sleep(100);
        }
        List<Long> unplaced = db.select(PLAN_UNPLACED.REQUEST_ID).from(PLAN_UNPLACED).where(PLAN_UNPLACED.PLAN_ID.eq(Long.parseLong(planId)))
                .and(PLAN_UNPLACED.LA_CODE.eq(MarketWorld.LA)).fetch(PLAN_UNPLACED.REQUEST_ID);
        assertThat(unplaced).as("the plan could not place the MSI child").contains(Long.parseLong(child));

        var response = commissioner().documentName("referUnplaced").variable("input", Map.of("planId", planId)).execute();
        List<String> referred = response.path("referUnplaced.referrals[*].id").entityList(String.class).get();
        int skipped = response.path("referUnplaced.skipped").entityList(Object.class).get().size();
        assertThat(referred.size() + skipped).isEqualTo(unplaced.size());
        response.path("referUnplaced.referrals[*].request.reference").entityList(String.class)
                .satisfies(references -> assertThat(references).hasSize(referred.size()).doesNotContainNull());
        var mine = db.selectFrom(REFERRAL).where(REFERRAL.REQUEST_ID.eq(Long.parseLong(child))).fetchOne();
        assertThat(mine.getPlanId()).isEqualTo(Long.parseLong(planId));
        assertThat(db.select(REFERRAL_RECIPIENT.SETTING_URN).from(REFERRAL_RECIPIENT).where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(mine.getId()))
                .fetch(REFERRAL_RECIPIENT.SETTING_URN)).contains(world.settingA, world.settingB);
        // a second call refers nobody twice
        commissioner().documentName("referUnplaced").variable("input", Map.of("planId", planId)).execute()
                .path("referUnplaced.referrals").entityList(Object.class).hasSize(0);
    }

    @Test
    void settingsAreAddedAndRemovedByNameDeclinesAreKeptAndAWithdrawalClosesTheOffers() {
        MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2);
        HttpGraphQlTester a = asProvider(Long.parseLong(world.providerA));
        HttpGraphQlTester b = asProvider(Long.parseLong(world.providerB));
        String referralId = commissioner().documentName("createReferral").fragmentName("referralFields")
                .variable("input", Map.of("requestId", world.child("OPS"), "excludeSettings", List.of(world.settingB))).execute()
                .path("createReferral.referral.recipients[*].setting.urn").entityList(Integer.class)
                .satisfies(urns -> assertThat(urns).contains(world.settingA).doesNotContain(world.settingB))
                .path("createReferral.referral.id").entity(String.class).get();
        // B was left out: it sees nothing, until it is added by name
        b.documentName("referral").fragmentName("referralFields").variable("id", referralId).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        String add = "mutation($id: ID!, $urn: Int!) { addReferralSetting(referralId: $id, urn: $urn) { referral { recipients { setting { urn } matched } } } }";
        commissioner().document(add).variable("id", referralId).variable("urn", world.settingB).execute()
                .path("addReferralSetting.referral.recipients[?(@.setting.urn == " + world.settingB + ")].matched").entityList(Boolean.class).containsExactly(false);
        commissioner().document(add).variable("id", referralId).variable("urn", 9_999_999).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.NOT_FOUND && e.getMessage().startsWith("urn: no located setting with URN 9999999")).verify();
        b.documentName("referral").fragmentName("referralFields").variable("id", referralId).execute()
                .path("referral.recipients[*].setting.urn").entityList(Integer.class).containsExactly(world.settingB);

        // B declines with a reason; a setting that has answered can't be removed; A offers
        b.document("mutation($id: ID!, $urn: Int!) { declineReferral(input: {referralId: $id, urn: $urn, reason: NO_PLACE_AT_START}) { referral { id } } }")
                .variable("id", referralId).variable("urn", world.settingB).execute().path("declineReferral.referral.id").hasValue();
        assertThat(db.fetchValue(REFERRAL_RECIPIENT.DECLINE_REASON, REFERRAL_RECIPIENT.REFERRAL_ID.eq(Long.parseLong(referralId))
                .and(REFERRAL_RECIPIENT.SETTING_URN.eq(world.settingB)))).hasToString("NO_PLACE_AT_START");
        String remove = "mutation($id: ID!, $urn: Int!) { removeReferralSetting(referralId: $id, urn: $urn) { referral { id } } }";
        commissioner().document(remove).variable("id", referralId).variable("urn", world.settingB).execute()
                .errors().expect(e -> e.getMessage().startsWith("urn: setting " + world.settingB + " has answered referral")).verify();
        String offerA = a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingA, "52000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();

        // withdrawn: the open offer closes; the referral takes no more offers
        commissioner().document("mutation($id: ID!) { withdrawReferral(id: $id, reason: \"placed in a state school after all\") { referral { status } } }")
                .variable("id", referralId).execute().path("withdrawReferral.referral.status").entity(String.class).isEqualTo("WITHDRAWN");
        assertThat(db.fetchValue(OFFER.STATUS, OFFER.ID.eq(Long.parseLong(offerA)))).hasToString("CLOSED");
        assertThat(db.fetchValue(OFFER.STATUS_REASON, OFFER.ID.eq(Long.parseLong(offerA)))).isEqualTo("the referral was withdrawn");
        b.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingB, "52000.00", null)).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.referralId: referral " + referralId + " is WITHDRAWN")).verify();
    }

    @Test
    void aDeclinedAgreementOpensTheReferralAgainForAnotherAward() {
        MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2);
        HttpGraphQlTester a = asProvider(Long.parseLong(world.providerA));
        HttpGraphQlTester b = asProvider(Long.parseLong(world.providerB));
        String referralId = world.refer(world.child("DECLINED"));
        String offerA = a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingA, "52000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        String offerB = b.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingB, "53000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        String first = commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerA).execute()
                .path("awardOffer.agreement.id").entity(String.class).get();
        a.documentName("declinePlacementAgreement").fragmentName("agreementFields").variable("id", first).variable("reason", "the peer group has changed")
                .execute().path("declinePlacementAgreement.agreement.status").entity(String.class).isEqualTo("DECLINED");
        commissioner().documentName("referral").fragmentName("referralFields").variable("id", referralId).execute()
                .path("referral.status").entity(String.class).isEqualTo("OPEN")
                .path("referral.offers[?(@.id == '" + offerA + "')].status").entityList(String.class).containsExactly("CLOSED");
        commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerB).execute()
                .path("awardOffer.agreement.status").entity(String.class).isEqualTo("AWAITING_PROVIDER");
    }
}
