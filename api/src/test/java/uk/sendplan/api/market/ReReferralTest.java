package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.lang.reflect.Method;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.market.MarketWorld.offer;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * A commissioner rejects a renewal and re-refers the child: the new referral and its offers are for a place after the
 * agreement ends; on acceptance the child holds both places until then, and the old one is released the day after.
 */
class ReReferralTest extends GraphQlTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void aChildWhoseRenewalWasRejectedIsReReferredAndMovesWhenTheAgreementEnds() throws Exception {
        HttpGraphQlTester commissioner = asCommissioner(MarketWorld.LA);
        MarketWorld world = new MarketWorld(graphQl, commissioner, 2, 2);
        HttpGraphQlTester a = asProvider(Long.parseLong(world.providerA));
        HttpGraphQlTester b = asProvider(Long.parseLong(world.providerB));
        String child = world.child("REREFER");
        String first = world.refer(child);
        String offerB = b.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(first, world.settingB, "58000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        String agreement = commissioner.documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerB).execute()
                .path("awardOffer.agreement.id").entity(String.class).get();
        b.documentName("acceptPlacementAgreement").fragmentName("agreementFields").variable("id", agreement).execute()
                .path("acceptPlacementAgreement.agreement.status").entity(String.class).isEqualTo("ACTIVE");
        LocalDate end = LocalDate.now().plusDays(60);
        db.update(PLACEMENT_AGREEMENT).set(PLACEMENT_AGREEMENT.END_DATE, end).where(PLACEMENT_AGREEMENT.ID.eq(Long.parseLong(agreement))).execute();

        // placed, with no rejected renewal: not referable
        commissioner.documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", child)).execute()
                .errors().expect(e -> e.getMessage().startsWith("input.requestId: request MKT-") && e.getMessage().contains("is PLACED")).verify();
        String renewal = b.document("mutation($input: ProposeRenewalInput!) { proposeRenewal(input: $input) { renewal { id } } }")
                .variable("input", Map.of("agreementId", agreement, "annualFee", "60000.00")).execute().path("proposeRenewal.renewal.id").entity(String.class).get();
        commissioner.document("mutation($id: ID!) { rejectRenewal(renewalId: $id, reason: \"Moving to a school nearer home\") { renewal { status } } }")
                .variable("id", renewal).execute().path("rejectRenewal.renewal.status").entity(String.class).isEqualTo("REJECTED");

        // re-referred for a term after the agreement ends
        String before = termStartingBefore(end);
        if (before != null) {
            commissioner.documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", child, "startTerm", before))
                    .execute().errors().expect(e -> e.getMessage().startsWith("input.startTerm: the child's agreement " + agreement + " runs to " + end)).verify();
        }
        String after = termStartingAfter(end);
        String second = commissioner.document("mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id replacesAgreementId } } }")
                .variable("input", Map.of("requestId", child, "startTerm", after)).execute()
                .path("createReferral.referral.replacesAgreementId").entity(String.class).isEqualTo(agreement)
                .path("createReferral.referral.id").entity(String.class).get();

        // offers start after the agreement ends
        Map<String, Object> tooSoon = new LinkedHashMap<>(offer(second, world.settingA, "57000.00", null));
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", tooSoon).execute().errors()
                .expect(e -> e.getMessage().startsWith("input.startDate: the child's current agreement " + agreement + " runs to " + end)).verify();
        LocalDate start = end.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        Map<String, Object> terms = new LinkedHashMap<>(tooSoon);
        terms.put("startDate", start.toString());
        String offerA = a.documentName("makeOffer").fragmentName("offerFields").variable("input", terms).execute()
                .path("makeOffer.offer.id").entity(String.class).get();
        String next = commissioner.documentName("awardOffer").fragmentName("agreementFields").variable("offerId", offerA).execute()
                .path("awardOffer.agreement.id").entity(String.class).get();
        a.documentName("acceptPlacementAgreement").fragmentName("agreementFields").variable("id", next).execute()
                .path("acceptPlacementAgreement.agreement.status").entity(String.class).isEqualTo("ACTIVE");

        // both places held until the old agreement ends; the old one is released the day after
        long request = Long.parseLong(child);
        assertThat(db.select(PLACEMENT.SETTING_URN, PLACEMENT.ENDS_ON).from(PLACEMENT).where(PLACEMENT.REQUEST_ID.eq(request)).orderBy(PLACEMENT.ID)
                .fetch(r -> r.value1() + "@" + r.value2())).containsExactly(world.settingB + "@" + end, world.settingA + "@null");
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingB))).isEqualTo(1);
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingA))).isEqualTo(1);
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("PLACEMENT_ENDING").and(AUDIT_EVENT.ENTITY_TYPE.eq("placement")))).isPositive();
        releaseEnded();
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingB))).as("not ended yet").isEqualTo(1);
        db.update(PLACEMENT).set(PLACEMENT.ENDS_ON, LocalDate.now().minusDays(1))
                .where(PLACEMENT.REQUEST_ID.eq(request)).and(PLACEMENT.SETTING_URN.eq(world.settingB)).execute();
        releaseEnded();
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingB))).isZero();
        assertThat(db.fetchValue(PLACE.PLACED, PLACE.SETTING_URN.eq(world.settingA))).isEqualTo(1);
    }

    /** The nightly job, as the scheduler runs it. */
    private void releaseEnded() throws Exception {
        Object job = context.getBean("placementEnds");
        Method release = job.getClass().getMethod("releaseEnded");
        release.setAccessible(true);
        release.invoke(job);
    }

    /** A term that has not begun but begins on or before {@code end}, if any. */
    private static String termStartingBefore(LocalDate end) {
        for (String term : terms()) {
            LocalDate starts = MarketRules.termStart(term);
            if (starts.isAfter(LocalDate.now()) && !starts.isAfter(end)) {
                return term;
            }
        }
        return null;
    }

    private static String termStartingAfter(LocalDate end) {
        return terms().stream().filter(t -> MarketRules.termStart(t).isAfter(end)).findFirst().orElseThrow();
    }

    private static List<String> terms() {
        int year = LocalDate.now().getYear();
        return List.of(year + "-SPRING", year + "-SUMMER", year + "-AUTUMN", (year + 1) + "-SPRING", (year + 1) + "-SUMMER", (year + 1) + "-AUTUMN");
    }
}
