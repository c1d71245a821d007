package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.db.types.AgreementStatus;
import uk.sendplan.db.types.RequestStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.market.MarketWorld.offer;
import static uk.sendplan.api.market.MarketWorld.withSurplus;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * The marketplace end to end over GraphQL on the real schema: referral, matching, fee-checked offers (one refused above
 * the ceiling), revisions, what each party sees, comparison, award and acceptance taking the place; bad input; races.
 * Northumberland's band 3 day reference is £60,000 and its ceiling £72,000 (no area cost adjustment).
 */
class MarketTest extends GraphQlTestBase {

    private HttpGraphQlTester commissioner() {
        return asCommissioner(MarketWorld.LA);
    }

    /**
     * The framework's surplus cap (8% of the fee from 2026-27) applies to an offer's stated surplus as to a fee's: on
     * £60,000, £6,000 (10%) is refused and kept for the regulator; £4,800 (8%, at the cap) is offered. The surplus is
     * the part of "other" that is surplus, so it cannot be more than other.
     */
    @Test
    void anOfferWhoseSurplusIsAboveTheFrameworksCapIsRefusedAndKeptForTheRegulator() {
        MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2);
        HttpGraphQlTester a = asProvider(Long.parseLong(world.providerA));
        String referralId = commissioner().documentName("createReferral").fragmentName("referralFields")
                .variable("input", Map.of("requestId", world.child("SURPLUS"))).execute().path("createReferral.referral.id").entity(String.class).get();
        int refusals = db.fetchCount(OFFER_REFUSAL, OFFER_REFUSAL.VERDICT.eq(uk.sendplan.db.types.FeeVerdict.SURPLUS_ABOVE_CAP));

        a.documentName("makeOffer").fragmentName("offerFields").variable("input", withSurplus(referralId, world.settingA, "5000.00", "6000.00")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.breakdown.surplus: the surplus £6,000.00 is part of other (£5,000.00)")).verify();
        assertThat(db.fetchCount(OFFER_REFUSAL, OFFER_REFUSAL.VERDICT.eq(uk.sendplan.db.types.FeeVerdict.SURPLUS_ABOVE_CAP))).isEqualTo(refusals);

        a.documentName("makeOffer").fragmentName("offerFields").variable("input", withSurplus(referralId, world.settingA, "10000.00", "6000.00")).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().startsWith("input.annualFee: the fee check refused this offer (SURPLUS_ABOVE_CAP)")
                        && e.getMessage().contains("The breakdown's surplus is above the framework's cap of 8.00% of the fee")).verify();
        assertThat(db.fetchCount(OFFER, OFFER.REFERRAL_ID.eq(Long.parseLong(referralId)))).isZero();
        assertThat(db.fetchCount(OFFER_REFUSAL, OFFER_REFUSAL.VERDICT.eq(uk.sendplan.db.types.FeeVerdict.SURPLUS_ABOVE_CAP))).isEqualTo(refusals + 1);

        a.documentName("makeOffer").fragmentName("offerFields").variable("input", withSurplus(referralId, world.settingA, "10000.00", "4800.00")).execute()
                .path("makeOffer.offer.check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("makeOffer.offer.breakdown.other").entity(String.class).isEqualTo("10000.00")
                .path("makeOffer.offer.breakdown.surplus").entity(String.class).isEqualTo("4800.00");
    }

    @Test
    void aReferralIsOfferedOnComparedAwardedAndAcceptedAndThePlaceIsTaken() {
        MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2);
        HttpGraphQlTester a = asProvider(Long.parseLong(world.providerA));
        HttpGraphQlTester b = asProvider(Long.parseLong(world.providerB));
        String child = world.child("FLOW");

        var referral = commissioner().documentName("createReferral").fragmentName("referralFields")
                .variable("input", Map.of("requestId", child, "therapies", List.of("SPEECH_AND_LANGUAGE"), "note", "Needs a small class.")).execute();
        String referralId = referral.path("createReferral.referral.id").entity(String.class).get();
        referral.path("createReferral.referral.homeDistrict").entity(String.class).isEqualTo(world.district)
                .path("createReferral.referral.nationalCurriculumYear").entity(String.class).isEqualTo("Year 8")
                .path("createReferral.referral.provision").entity(String.class).isEqualTo("DAY")
                .path("createReferral.referral.status").entity(String.class).isEqualTo("OPEN")
                .path("createReferral.referral.whyNotState").entityList(String.class).satisfies(lines -> assertThat(lines).isNotEmpty())
                .path("createReferral.referral.recipients[*].setting.urn").entityList(Integer.class)
                .satisfies(urns -> assertThat(urns).contains(world.settingA, world.settingB));
        LocalDate respondBy = LocalDate.parse(referral.path("createReferral.referral.respondBy").entity(String.class).get());
        assertThat(respondBy).isEqualTo(MarketRules.schoolDaysAfter(MarketRules.today(), 15));

        // above the ceiling: refused with the numbers, nothing offered, the refusal kept for the regulator
        int refusals = db.fetchCount(OFFER_REFUSAL);
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingA, "90000.00", null)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("input.annualFee: the fee check refused this offer (ABOVE_CEILING)")
                        && e.getMessage().contains("£18,000.00") && "72000.00".equals(e.getExtensions().get("adjustedCeiling"))).verify();
        assertThat(db.fetchCount(OFFER, OFFER.REFERRAL_ID.eq(Long.parseLong(referralId)))).isZero();
        assertThat(db.fetchCount(OFFER_REFUSAL)).isEqualTo(refusals + 1);

        // above the reference: only with a justification
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingA, "66000.00", null)).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.justification: the fee £66,000.00 is £6,000.00 above the adjusted reference £60,000.00")).verify();
        String offerA = a.documentName("makeOffer").fragmentName("offerFields")
                .variable("input", offer(referralId, world.settingA, "66000.00", "1:1 support through the day")).execute()
                .path("makeOffer.offer.check.verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE")
                .path("makeOffer.offer.check.excessOverReference").entity(String.class).isEqualTo("6000.00")
                .path("makeOffer.offer.breakdown.care").entity(String.class).isEqualTo("5000.00")
                .path("makeOffer.offer.id").entity(String.class).get();

        // B offers, then revises: both revisions kept
        String offerB = b.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingB, "59000.00", null))
                .execute().path("makeOffer.offer.check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("makeOffer.offer.id").entity(String.class).get();
        Map<String, Object> revision = new HashMap<>(offer(referralId, world.settingB, "58000.00", null));
        revision.remove("referralId");
        revision.remove("urn");
        revision.put("offerId", offerB);
        b.documentName("reviseOffer").fragmentName("offerFields").variable("input", revision).execute()
                .path("reviseOffer.offer.revision").entity(Integer.class).isEqualTo(2)
                .path("reviseOffer.offer.annualFee").entity(String.class).isEqualTo("58000.00")
                .path("reviseOffer.offer.revisions[*].annualFee").entityList(String.class).containsExactly("58000.00", "59000.00");

        // each provider sees only its own setting and offer; the comparison is the commissioner's alone
        a.documentName("referral").fragmentName("referralFields").variable("id", referralId).execute()
                .path("referral.request").valueIsNull()
                .path("referral.recipients[*].setting.urn").entityList(Integer.class).containsExactly(world.settingA)
                .path("referral.offers[*].id").entityList(String.class).containsExactly(offerA);
        a.documentName("referralComparison").variable("id", referralId).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        var comparison = commissioner().documentName("referralComparison").variable("id", referralId).execute();
        comparison.path("referral.comparison[?(@.kind == 'OFFER')].offer.id").entityList(String.class).containsExactly(offerB, offerA);
        comparison.path("referral.comparison[?(@.kind == 'OFFER')].annualFee").entityList(String.class).containsExactly("58000.00", "66000.00");
        comparison.path("referral.comparison[?(@.kind == 'OFFER')].forProfit").entityList(Boolean.class).containsExactly(false, true);

        // the exports: the commissioner's row has the cheapest offer; A's has its own offer and nothing of B's
        String commissionerCsv = commissioner().document("{ referralsCsv(statuses: [OPEN]) }").execute().path("referralsCsv").entity(String.class).get();
        assertThat(commissionerCsv.lines().filter(l -> l.startsWith(referralId + ",MKT-")).findFirst().orElseThrow())
                .contains("," + world.settingB + ",58000.00,WITHIN_REFERENCE,");
        String providerCsv = a.document("{ referralsCsv }").execute().path("referralsCsv").entity(String.class).get();
        assertThat(providerCsv.lines().filter(l -> l.startsWith(referralId + ",929,")).findFirst().orElseThrow())
                .contains("," + world.settingA + ",OFFERED,66000.00,OPEN,").doesNotContain("58000.00").doesNotContain(String.valueOf(world.settingB));
        assertThat(providerCsv).doesNotContain("MKT-");

        // award B; a second award on the same referral is refused
        var agreement = commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerB).execute();
        String agreementId = agreement.path("awardOffer.agreement.id").entity(String.class).get();
        agreement.path("awardOffer.agreement.status").entity(String.class).isEqualTo("AWAITING_PROVIDER")
                .path("awardOffer.agreement.annualFee").entity(String.class).isEqualTo("58000.00")
                .path("awardOffer.agreement.endDate").entity(String.class).isEqualTo(MarketRules.endOfSchoolYear(MarketWorld.startDate()).toString())
                .path("awardOffer.agreement.childReference").entity(String.class).satisfies(r -> assertThat(r).startsWith("MKT-"));
        commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerA).execute().errors()
                .expect(e -> e.getMessage().contains("is AWARDED to another offer")).verify();
        a.documentName("acceptPlacementAgreement").fragmentName("agreementFields").variable("id", agreementId).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();

        // B accepts: the place is taken, the child placed, A's offer closed, every step audited
        b.documentName("acceptPlacementAgreement").fragmentName("agreementFields").variable("id", agreementId).execute()
                .path("acceptPlacementAgreement.agreement.status").entity(String.class).isEqualTo("ACTIVE")
                .path("acceptPlacementAgreement.agreement.placementId").hasValue();
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingB))).isEqualTo(1);
        assertThat(db.fetchValue(PLACEMENT_REQUEST.STATUS, PLACEMENT_REQUEST.ID.eq(Long.parseLong(child)))).isEqualTo(RequestStatus.PLACED);
        commissioner().documentName("referral").fragmentName("referralFields").variable("id", referralId).execute()
                .path("referral.status").entity(String.class).isEqualTo("PLACED")
                .path("referral.offers[?(@.id == '" + offerA + "')].status").entityList(String.class).containsExactly("CLOSED");
        assertThat(db.select(AUDIT_EVENT.ACTION).from(AUDIT_EVENT).where(AUDIT_EVENT.ENTITY_ID.in(referralId, offerA, offerB, agreementId))
                .and(AUDIT_EVENT.ENTITY_TYPE.in("referral", "offer", "placement_agreement")).fetch(AUDIT_EVENT.ACTION))
                .contains("REFERRAL_SENT", "OFFER_REFUSED", "OFFER_MADE", "OFFER_REVISED", "OFFER_AWARDED", "AGREEMENT_AWARDED",
                        "AGREEMENT_ACCEPTED", "REFERRAL_PLACED", "OFFER_CLOSED");
    }

    @Test
    void aRenewalIsCheckedAsAnUpliftAgainstTheCapAndRenewsTheSamePlace() {
        MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2);
        HttpGraphQlTester b = asProvider(Long.parseLong(world.providerB));
        String referralId = world.refer(world.child("RENEW"));
        String offerId = b.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingB, "58000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        String agreementId = commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerId).execute()
                .path("awardOffer.agreement.id").entity(String.class).get();
        b.documentName("acceptPlacementAgreement").fragmentName("agreementFields").variable("id", agreementId).execute()
                .path("acceptPlacementAgreement.agreement.status").entity(String.class).isEqualTo("ACTIVE");
        String propose = "mutation($input: ProposeRenewalInput!) { proposeRenewal(input: $input) { renewal { id financialYear annualFee upliftPercent"
                + " maxUpliftPercent verdict status } } }";
        // too early: the agreement runs to the end of the school year
        b.document(propose).variable("input", Map.of("agreementId", agreementId, "annualFee", "60000.00")).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.agreementId: agreement " + agreementId + " runs to")).verify();
        LocalDate end = LocalDate.now().plusDays(30);
        db.update(PLACEMENT_AGREEMENT).set(PLACEMENT_AGREEMENT.END_DATE, end).where(PLACEMENT_AGREEMENT.ID.eq(Long.parseLong(agreementId))).execute();
        // 8.62% over £58,000 is above the 5% cap: refused with the numbers, nothing stored
        b.document(propose).variable("input", Map.of("agreementId", agreementId, "annualFee", "63000.00")).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.annualFee: the fee check refused this renewal (UPLIFT_ABOVE_CAP)")
                        && e.getMessage().contains("above the cap of 5.00%")).verify();
        assertThat(db.fetchCount(AGREEMENT_RENEWAL, AGREEMENT_RENEWAL.AGREEMENT_ID.eq(Long.parseLong(agreementId)))).isZero();
        String renewalId = b.document(propose).variable("input", Map.of("agreementId", agreementId, "annualFee", "60000.00")).execute()
                .path("proposeRenewal.renewal.upliftPercent").entity(Double.class).isEqualTo(3.45)
                .path("proposeRenewal.renewal.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("proposeRenewal.renewal.id").entity(String.class).get();
        b.document("mutation($id: ID!) { renewAgreement(renewalId: $id) { agreement { id } } }").variable("id", renewalId).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        var renewed = commissioner().document("mutation($id: ID!) { renewAgreement(renewalId: $id) { agreement { ...agreementFields renewsId } } }")
                .fragmentName("agreementFields").variable("id", renewalId).execute();
        renewed.path("renewAgreement.agreement.renewsId").entity(String.class).isEqualTo(agreementId)
                .path("renewAgreement.agreement.status").entity(String.class).isEqualTo("ACTIVE")
                .path("renewAgreement.agreement.annualFee").entity(String.class).isEqualTo("60000.00")
                .path("renewAgreement.agreement.startDate").entity(String.class).isEqualTo(end.plusDays(1).toString())
                .path("renewAgreement.agreement.endDate").entity(String.class).isEqualTo(MarketRules.endOfSchoolYear(end.plusDays(1)).toString());
        assertThat(db.fetchValue(PLACEMENT_AGREEMENT.STATUS, PLACEMENT_AGREEMENT.ID.eq(Long.parseLong(agreementId)))).isEqualTo(AgreementStatus.ENDED);
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingB))).as("the same place, not a second").isEqualTo(1);
    }

    @Test
    void badInputGetsTheFieldAndTheRuleAndWritesNothing() {
        MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2);
        HttpGraphQlTester a = asProvider(Long.parseLong(world.providerA));
        String child = world.child("BAD");
        String referralId = world.refer(child);
        int referrals = db.fetchCount(REFERRAL);
        int offers = db.fetchCount(OFFER);
        int agreements = db.fetchCount(PLACEMENT_AGREEMENT);

        // a referral for another LA's child
        asCommissioner("202").documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", child)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("createReferral: not found in your scope")).verify();
        // a second live referral for the same child; a start term that has begun; a past deadline
        commissioner().documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", child)).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.requestId: request MKT-") && e.getMessage().contains("already has referral " + referralId)).verify();
        String other = world.child("BAD-2");
        commissioner().documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", other, "startTerm", "2020-AUTUMN")).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.startTerm: the start term 2020-AUTUMN began on 2020-09-01, in the past")).verify();
        commissioner().documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", other, "respondBy", "2020-01-01")).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.respondBy: the response deadline must be after today")).verify();
        commissioner().documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", other, "note", "x".repeat(501))).execute()
                .errors().expect(e -> e.getMessage().equals("input.note: must be at most 500 characters, got 501")).verify();

        // an offer for a setting the provider does not run
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingB, "50000.00", null)).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.urn: setting " + world.settingB + " is not run by your organisation")).verify();
        // dates in the past, a breakdown that does not add up
        Map<String, Object> past = new HashMap<>(offer(referralId, world.settingA, "50000.00", null));
        past.put("startDate", "2020-09-01");
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", past).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.startDate: 2020-09-01 is in the past")).verify();
        Map<String, Object> unbalanced = new HashMap<>(offer(referralId, world.settingA, "50000.00", null));
        unbalanced.put("breakdown", Map.of("education", "40000.00", "care", "0.00", "therapies", "0.00", "other", "0.00"));
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", unbalanced).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.breakdown: education + care + therapies + other come to £40,000.00, not the annual fee £50,000.00")).verify();

        // an award of a withdrawn offer
        String offerA = a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingA, "50000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        a.document("mutation($id: ID!) { withdrawOffer(id: $id, reason: \"the class is full after all\") { offer { status } } }").variable("id", offerA)
                .execute().path("withdrawOffer.offer.status").entity(String.class).isEqualTo("WITHDRAWN");
        commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerA).execute()
                .errors().expect(e -> e.getMessage().startsWith("offerId: offer " + offerA + " is WITHDRAWN")).verify();

        // an offer after the deadline
        db.update(REFERRAL).set(REFERRAL.RESPOND_BY, LocalDate.now().minusDays(1)).where(REFERRAL.ID.eq(Long.parseLong(referralId))).execute();
        asProvider(Long.parseLong(world.providerB)).documentName("makeOffer").fragmentName("offerFields")
                .variable("input", offer(referralId, world.settingB, "50000.00", null)).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.referralId: referral " + referralId + " closed for responses on")).verify();

        assertThat(db.fetchCount(REFERRAL)).isEqualTo(referrals);
        assertThat(db.fetchCount(OFFER)).isEqualTo(offers + 1);  // the one offer made, then withdrawn
        assertThat(db.fetchCount(PLACEMENT_AGREEMENT)).isEqualTo(agreements);
    }

    @Test
    void ofTwoAwardsRacingForOneReferralExactlyOneIsMade() throws Exception {
        for (int round = 0; round < 5; round++) {
            MarketWorld world = new MarketWorld(graphQl, commissioner(), 2, 2);
            String referralId = world.refer(world.child("AWARD-RACE-" + round));
            String offerA = asProvider(Long.parseLong(world.providerA)).documentName("makeOffer").fragmentName("offerFields")
                    .variable("input", offer(referralId, world.settingA, "55000.00", null)).execute().path("makeOffer.offer.id").entity(String.class).get();
            String offerB = asProvider(Long.parseLong(world.providerB)).documentName("makeOffer").fragmentName("offerFields")
                    .variable("input", offer(referralId, world.settingB, "56000.00", null)).execute().path("makeOffer.offer.id").entity(String.class).get();
            List<List<ResponseError>> outcomes = race(
                    () -> commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerA).execute(),
                    () -> commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerB).execute());
            assertThat(outcomes.stream().filter(List::isEmpty).count()).as("awards made in round %d", round).isEqualTo(1);
            assertThat(outcomes.stream().filter(e -> !e.isEmpty()).flatMap(List::stream).map(ResponseError::getMessage))
                    .singleElement().asString().contains("is AWARDED to another offer");
            assertThat(db.fetchCount(PLACEMENT_AGREEMENT, PLACEMENT_AGREEMENT.REFERRAL_ID.eq(Long.parseLong(referralId)))).isEqualTo(1);
        }
    }

    @Test
    void ofTwoAcceptancesRacingForTheLastPlaceExactlyOneTakesIt() throws Exception {
        for (int round = 0; round < 5; round++) {
            MarketWorld world = new MarketWorld(graphQl, commissioner(), 1, 1);
            HttpGraphQlTester a = asProvider(Long.parseLong(world.providerA));
            List<String> agreements = new ArrayList<>();
            for (String label : List.of("FIRST", "SECOND")) {
                String referralId = world.refer(world.child("PLACE-RACE-" + round + "-" + label));
                String offerId = a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(referralId, world.settingA, "55000.00", null))
                        .execute().path("makeOffer.offer.id").entity(String.class).get();
                agreements.add(commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerId).execute()
                        .path("awardOffer.agreement.id").entity(String.class).get());
            }
            List<List<ResponseError>> outcomes = race(
                    () -> a.documentName("acceptPlacementAgreement").fragmentName("agreementFields").variable("id", agreements.get(0)).execute(),
                    () -> a.documentName("acceptPlacementAgreement").fragmentName("agreementFields").variable("id", agreements.get(1)).execute());
            assertThat(outcomes.stream().filter(List::isEmpty).count()).as("acceptances in round %d", round).isEqualTo(1);
            // refused before the cell's lock (the winner had committed) or under it (the winner was still writing)
            assertThat(outcomes.stream().filter(e -> !e.isEmpty()).flatMap(List::stream).map(ResponseError::getMessage)).singleElement().asString()
                    .containsAnyOf("has no ASD SECONDARY place free", "has 0 ASD SECONDARY vacancies left, 1 needed; nothing was written");
            assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingA))).isEqualTo(1);
            assertThat(db.fetchCount(PLACEMENT, PLACEMENT.SETTING_URN.eq(world.settingA))).isEqualTo(1);
        }
    }

    /** Runs two calls at once (released together) and returns each one's errors. */
    @SafeVarargs
    private static List<List<ResponseError>> race(Callable<GraphQlTester.Response>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        List<List<ResponseError>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.length)) {
            List<Future<List<ResponseError>>> futures = new ArrayList<>();
            for (Callable<GraphQlTester.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<ResponseError> errors = new ArrayList<>();
                    call.call().errors().filter(errors::add).verify();
                    return errors;
                }));
            }
            for (Future<List<ResponseError>> f : futures) {
                outcomes.add(f.get());
            }
        }
        return outcomes;
    }
}
