package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.benchmark.BenchmarkReport;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * The market at scale on the demo register: matching one referral against the national register, then 1,000
 * referrals with 5,000 offers end to end through GraphQL (refer, offer, compare, award, accept), timing each step.
 * Run with the benchmark profile (README); writes its section of docs/benchmarks.md.
 */
class MarketBenchmark extends GraphQlTestBase {

    static final List<String> LAS = List.of("886", "330", "383", "202");  // Kent, Birmingham, Leeds, Camden
    static final int REFERRALS = 1_000;
    static final int OFFERS = 5_000;
    static final int MATCHES = 500;

    @Autowired
    ReferralMatching matching;

    @Autowired
    FeeService fees;

    @Autowired
    CurrentUser currentUser;

    @Test
    void aThousandReferralsWithFiveThousandOffersEndToEnd() {
        // matching alone, for children anywhere in England
        Random random = new Random(7);
        List<String> needs = List.of("ASD", "SEMH", "SLD", "MLD", "SLCN", "PMLD");
        List<Map<String, Object>> districts = db.select(POSTCODE_DISTRICT.EASTING, POSTCODE_DISTRICT.NORTHING).from(POSTCODE_DISTRICT).fetchMaps();
        double[] matchMs = new double[MATCHES];
        int matchedSettings = 0;
        for (int i = 0; i < MATCHES; i++) {
            Map<String, Object> d = districts.get(random.nextInt(districts.size()));
            int age = 5 + random.nextInt(12);
            var profile = new ReferralMatching.Profile(needs.get(random.nextInt(needs.size())), age <= 10 ? "PRIMARY" : age <= 15 ? "SECONDARY" : "POST_16",
                    age, ChildGender.MALE, random.nextInt(10) == 0 ? ProvisionKind.RESIDENTIAL_38_WEEK : ProvisionKind.DAY, false,
                    (Integer) d.get("easting"), (Integer) d.get("northing"));
            long t = System.nanoTime();
            matchedSettings += matching.match(profile).size();
            matchMs[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(matchMs);

        // demand, then referrals through GraphQL
        String term = DemoMarket.nextTerm(MarketRules.today());
        List<String> requestIds = new ArrayList<>();
        Map<String, HttpGraphQlTester> commissioners = new HashMap<>();
        for (String la : LAS) {
            HttpGraphQlTester commissioner = asCommissioner(la);
            commissioners.put(la, commissioner);
            commissioner.documentName("generateDemoDemand").variable("laCode", la).variable("count", REFERRALS / LAS.size() + 100)
                    .variable("startTerm", term).variable("seed", 99).execute().path("generateDemoDemand.created").hasValue();
            requestIds.addAll(db.select(PLACEMENT_REQUEST.ID).from(PLACEMENT_REQUEST).where(PLACEMENT_REQUEST.LA_CODE.eq(la))
                    .and(PLACEMENT_REQUEST.START_TERM.eq(term)).and(PLACEMENT_REQUEST.DEMO.isTrue()).orderBy(PLACEMENT_REQUEST.ID)
                    .fetch(r -> la + ":" + r.value1()));
        }
        List<String[]> referrals = new ArrayList<>();  // la, referral id
        long t0 = System.nanoTime();
        for (String la : LAS) {
            int made = 0;
            for (String key : requestIds) {
                if (made == REFERRALS / LAS.size() || !key.startsWith(la + ":")) {
                    continue;
                }
                var response = commissioners.get(la).document("mutation($id: ID!) { createReferral(input: {requestId: $id}) { referral { id } } }")
                        .variable("id", key.substring(4)).execute();
                List<ResponseError> errors = new ArrayList<>();
                response.errors().filter(errors::add).verify();
                if (!errors.isEmpty()) {
                    continue;  // no setting within reach takes this child
                }
                referrals.add(new String[]{la, response.path("createReferral.referral.id").entity(String.class).get()});
                made++;
            }
        }
        double referSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(referrals).hasSize(REFERRALS);

        // offers: each referral's settings in turn, at a compliant fee, until 5,000
        LocalDate start = MarketRules.termStart(term).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String validUntil = MarketRules.schoolDaysAfter(MarketRules.today(), 10).toString();
        Map<Long, HttpGraphQlTester> providers = new HashMap<>();
        List<String[]> offers = new ArrayList<>();  // la, referral, offer
        long offerNanos = 0;
        for (int round = 0; offers.size() < OFFERS && round < ReferralMatching.MAX_MATCHED; round++) {
            for (String[] r : referrals) {
                if (offers.size() == OFFERS) {
                    break;
                }
                long referralId = Long.parseLong(r[1]);
                var recipients = db.selectFrom(REFERRAL_RECIPIENT).where(REFERRAL_RECIPIENT.REFERRAL_ID.eq(referralId))
                        .orderBy(REFERRAL_RECIPIENT.SETTING_URN).fetch();
                if (round >= recipients.size()) {
                    continue;
                }
                var recipient = recipients.get(round);
                var referral = db.selectFrom(REFERRAL).where(REFERRAL.ID.eq(referralId)).fetchOne();
                boolean placeFree = db.fetchExists(PLACE, PLACE.SETTING_URN.eq(recipient.getSettingUrn()).and(PLACE.NEED_CODE.eq(referral.getPrimaryNeed()))
                        .and(PLACE.PHASE_CODE.eq(referral.getPhaseCode())).and(PLACE.VACANCIES.gt(0)));
                Long fee = placeFree ? compliantFee(referral, recipient.getSettingUrn(), start) : null;
                if (fee == null) {
                    continue;  // a full setting offers nothing; nor one without a band for the child
                }
                HttpGraphQlTester provider = providers.computeIfAbsent(recipient.getProviderId(), this::asProvider);
                ProvisionKind kind = referral.getProvision() == ProvisionKind.DAY && referral.getPhaseCode().startsWith("POST") ? ProvisionKind.POST_16
                        : referral.getProvision();
                Map<String, Object> input = Map.of("referralId", r[1], "urn", recipient.getSettingUrn(), "kind", kind.name(),
                        "annualFee", new BigDecimal(fee).movePointLeft(2).toPlainString(),
                        "breakdown", Map.of("education", new BigDecimal(fee).movePointLeft(2).toPlainString(), "care", "0.00", "therapies", "0.00", "other", "0.00"),
                        "startDate", start.toString(), "validUntil", validUntil, "justification", "benchmark");
                long t = System.nanoTime();
                String id = provider.document("mutation($input: MakeOfferInput!) { makeOffer(input: $input) { offer { id } } }").variable("input", input)
                        .execute().path("makeOffer.offer.id").entity(String.class).get();
                offerNanos += System.nanoTime() - t;
                offers.add(new String[]{r[0], r[1], id});
            }
        }
        assertThat(offers).hasSize(OFFERS);

        // compare, award the cheapest, accept
        Map<String, String> cheapest = new HashMap<>();
        long compareNanos = 0;
        for (String[] r : referrals) {
            long t = System.nanoTime();
            List<String> offerIds = commissioners.get(r[0]).document("query($id: ID!) { referral(id: $id) { comparison { kind offer { id } totalAnnualCost } } }")
                    .variable("id", r[1]).execute().path("referral.comparison[?(@.kind == 'OFFER')].offer.id").entityList(String.class).get();
            compareNanos += System.nanoTime() - t;
            if (!offerIds.isEmpty()) {
                cheapest.put(r[1], offerIds.getFirst());
            }
        }
        long awardNanos = 0;
        long acceptNanos = 0;
        int awarded = 0;
        int accepted = 0;
        for (String[] r : referrals) {
            String offerId = cheapest.get(r[1]);
            if (offerId == null) {
                continue;
            }
            long t = System.nanoTime();
            var award = commissioners.get(r[0]).document("mutation($id: ID!) { awardOffer(offerId: $id) { agreement { id } } }").variable("id", offerId).execute();
            List<ResponseError> awardErrors = new ArrayList<>();
            award.errors().filter(awardErrors::add).verify();
            awardNanos += System.nanoTime() - t;
            if (!awardErrors.isEmpty()) {
                continue;  // no place free at the setting now
            }
            String agreementId = award.path("awardOffer.agreement.id").entity(String.class).get();
            awarded++;
            long providerId = db.fetchValue(OFFER.PROVIDER_ID, OFFER.ID.eq(Long.parseLong(offerId)));
            long a = System.nanoTime();
            var accept = providers.get(providerId).document("mutation($id: ID!) { acceptPlacementAgreement(id: $id) { agreement { status } } }")
                    .variable("id", agreementId).execute();
            List<ResponseError> acceptErrors = new ArrayList<>();
            accept.errors().filter(acceptErrors::add).verify();
            acceptNanos += System.nanoTime() - a;
            if (acceptErrors.isEmpty()) {
                accepted++;
            }
        }

        BenchmarkReport.write("market-benchmark", String.format(Locale.ROOT, """
                ## The marketplace at scale (issue 12)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=MarketBenchmark`
                Machine: %s

                Matching one referral against the national demo register (%,d settings): %,d children at random postcode districts
                of England, random need, age and (one in ten) residential provision; the matching service alone (the box query
                on the register's grid index, the rules, distance order), %.1f settings matched on average.

                | matching | median | 95th percentile | slowest | target |
                |---|---|---|---|---|
                | one referral | %.1f ms | %.1f ms | %.1f ms | under 200 ms |

                End to end through GraphQL over HTTP, one request at a time, on demo children of Kent, Birmingham, Leeds and
                Camden (%s start): each step's mean time per call. `createReferral` includes the tailored list that fills in why
                no state place fits; `comparison` the tailored list's state settings and each offer's journey.

                | step | calls | total | per call |
                |---|---|---|---|
                | createReferral (match, send, why-not-state) | %,d | %.1f s | %.0f ms |
                | makeOffer (fee-checked) | %,d | %.1f s | %.0f ms |
                | Referral.comparison | %,d | %.1f s | %.0f ms |
                | awardOffer | %,d | %.1f s | %.0f ms |
                | acceptPlacementAgreement (place taken) | %,d | %.1f s | %.0f ms |

                %,d of the %,d comparisons with offers led to an award (the rest found no place free at the cheapest setting
                now); %,d of the awards were accepted (the rest found the last place taken by an earlier acceptance).
                """, BenchmarkReport.machine(), db.fetchCount(SETTING), MATCHES, (double) matchedSettings / MATCHES,
                matchMs[MATCHES / 2], matchMs[MATCHES * 95 / 100], matchMs[MATCHES - 1], term,
                REFERRALS, referSeconds, referSeconds * 1000 / REFERRALS,
                OFFERS, offerNanos / 1e9, offerNanos / 1e6 / OFFERS,
                REFERRALS, compareNanos / 1e9, compareNanos / 1e6 / REFERRALS,
                cheapest.size(), awardNanos / 1e9, awardNanos / 1e6 / Math.max(1, cheapest.size()),
                awarded, acceptNanos / 1e9, acceptNanos / 1e6 / Math.max(1, awarded),
                awarded, cheapest.size(), accepted));
    }

    /** A fee the check passes: 95% of the adjusted reference, at most the cap over the setting's fee last year; null without a band. */
    private Long compliantFee(uk.sendplan.db.jooq.tables.records.ReferralRecord referral, int urn, LocalDate start) {
        ProvisionKind kind = referral.getProvision() == ProvisionKind.DAY && referral.getPhaseCode().startsWith("POST") ? ProvisionKind.POST_16
                : referral.getProvision();
        FeeService.OfferCheck[] check = new FeeService.OfferCheck[1];
        currentUser.as(new Actor("benchmark", Role.ADMIN, null, null, null), () -> check[0] = fees.checkOffer("benchmark",
                MarketRules.financialYear(start), urn, referral.getBand(), kind, 100L, referral.getPrimaryNeed(), true, null, null));
        if (check[0].adjustedReferencePence() == null) {
            return null;
        }
        long fee = check[0].adjustedReferencePence() * 95 / 100;
        if (check[0].previousFeePence() != null) {
            fee = Math.min(fee, check[0].previousFeePence() * (100 + check[0].maxUpliftPercent().longValue()) / 100);
        }
        return fee / 100 * 100;
    }
}
