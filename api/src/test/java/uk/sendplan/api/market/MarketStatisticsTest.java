package uk.sendplan.api.market;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.market.MarketWorld.offer;
import static uk.sendplan.api.market.MarketWorld.withSurplus;
import static uk.sendplan.db.jooq.Tables.OFFER;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_AGREEMENT;
import static uk.sendplan.db.jooq.Tables.PROVIDER;
import static uk.sendplan.db.jooq.Tables.REFERRAL;

/**
 * Market intelligence over GraphQL on a market made through the service in Northumberland: two referrals, each sent
 * to the world's two settings only (A run for profit, B not). A offers on both (£66,000 justified, then £60,000) and is
 * refused once above the ceiling and once for a surplus above the framework's cap (8% of the fee); B offers £58,000 on the first and does not answer the second; the first is awarded
 * to A. The referrals are then dated to June 2019 (with their offers and award a known number of days later), so the
 * financial year 2019-20 holds this market alone and every figure is exact. Northumberland's band 3 day reference is
 * £60,000.
 */
class MarketStatisticsTest extends GraphQlTestBase {

    private static final String YEAR = "2019-20";
    private static final String NORTH_EAST = "E12000001";
    private static final String HOSTILE = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private static MarketWorld world;

    private static final String STATISTICS = """
            query($la: ID, $region: ID, $year: String) {
              marketStatistics(laCode: $la, regionCode: $region, financialYear: $year) {
                scope laCode regionCode financialYear providerCount
                totals { ...figures }
                providers { providerId providerName forProfit figures { ...figures } }
              }
            }
            fragment figures on MarketFigures {
              referrals recipients responses responseRate offers offersPerReferral medianDaysToFirstOffer medianDaysToAward
              medianOfferedFee medianFeeToReference awards awardsForProfit awardsNotForProfit awardsProfitUnknown
              forProfitAwardShare refusedAboveCeiling refusedUpliftAboveCap refusedSurplusAboveCap
            }
            """;

    private HttpGraphQlTester commissioner() {
        return asCommissioner(MarketWorld.LA);
    }

    @BeforeEach
    void market() {
        if (world == null) {
            world = makeMarket();
        }
    }

    private MarketWorld makeMarket() {
        MarketWorld w = new MarketWorld(graphQl, commissioner(), 2, 2);
        HttpGraphQlTester a = asProvider(Long.parseLong(w.providerA));
        HttpGraphQlTester b = asProvider(Long.parseLong(w.providerB));
        String first = referOnlyToTheWorld(w, w.child("STATS-1"));
        String second = referOnlyToTheWorld(w, w.child("STATS-2"));
        String aFirst = a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(first, w.settingA, "66000.00", "1:1 support"))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        String bFirst = b.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(first, w.settingB, "58000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(second, w.settingA, "90000.00", null)).execute()
                .errors().expect(e -> e.getMessage().contains("ABOVE_CEILING")).verify();
        // £6,000 of surplus in £60,000 is 10%, above the 8% cap
        a.documentName("makeOffer").fragmentName("offerFields").variable("input", withSurplus(second, w.settingA, "10000.00", "6000.00")).execute()
                .errors().expect(e -> e.getMessage().contains("SURPLUS_ABOVE_CAP")).verify();
        String aSecond = a.documentName("makeOffer").fragmentName("offerFields").variable("input", offer(second, w.settingA, "60000.00", null))
                .execute().path("makeOffer.offer.id").entity(String.class).get();
        commissioner().documentName("awardOffer").fragmentName("agreementFields").variable("offerId", aFirst).execute()
                .path("awardOffer.agreement.id").hasValue();

        Instant referredFirst = Instant.parse("2019-06-03T09:00:00Z");
        Instant referredSecond = Instant.parse("2019-06-10T09:00:00Z");
        db.update(REFERRAL).set(REFERRAL.CREATED_AT, referredFirst).where(REFERRAL.ID.eq(Long.parseLong(first))).execute();
        db.update(REFERRAL).set(REFERRAL.CREATED_AT, referredSecond).where(REFERRAL.ID.eq(Long.parseLong(second))).execute();
        db.update(OFFER).set(OFFER.CREATED_AT, referredFirst.plus(Duration.ofDays(2))).where(OFFER.ID.eq(Long.parseLong(aFirst))).execute();
        db.update(OFFER).set(OFFER.CREATED_AT, referredFirst.plus(Duration.ofDays(5))).where(OFFER.ID.eq(Long.parseLong(bFirst))).execute();
        db.update(OFFER).set(OFFER.CREATED_AT, referredSecond.plus(Duration.ofDays(4))).where(OFFER.ID.eq(Long.parseLong(aSecond))).execute();
        db.update(PLACEMENT_AGREEMENT).set(PLACEMENT_AGREEMENT.AWARDED_AT, referredFirst.plus(Duration.ofDays(10)))
                .where(PLACEMENT_AGREEMENT.OFFER_ID.eq(Long.parseLong(aFirst))).execute();
        // B's name as someone might register it to attack a regulator's spreadsheet
        db.update(PROVIDER).set(PROVIDER.NAME, HOSTILE).where(PROVIDER.ID.eq(Long.parseLong(w.providerB))).execute();
        return w;
    }

    /** A referral of the child sent to the world's two settings and no other (other tests' settings stand nearby). */
    private String referOnlyToTheWorld(MarketWorld w, String child) {
        String id = w.refer(child);
        List<Integer> urns = commissioner().document("query($id: ID!) { referral(id: $id) { recipients { setting { urn } } } }").variable("id", id)
                .execute().path("referral.recipients[*].setting.urn").entityList(Integer.class).get();
        assertThat(urns).contains(w.settingA, w.settingB);
        for (int urn : urns) {
            if (urn != w.settingA && urn != w.settingB) {
                commissioner().document("mutation($id: ID!, $urn: Int!) { removeReferralSetting(referralId: $id, urn: $urn) { referral { id } } }")
                        .variable("id", id).variable("urn", urn).execute().path("removeReferralSetting.referral.id").hasValue();
            }
        }
        return id;
    }

    private static Map<String, Object> figures(int referrals, int recipients, int responses, Double responseRate, int offers, Double perReferral,
                                               Double daysToOffer, Double daysToAward, String medianFee, Double toReference, int awards,
                                               int forProfit, int notForProfit, int unknown, Double share, int aboveCeiling,
                                               int surplusAboveCap) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("referrals", referrals);
        f.put("recipients", recipients);
        f.put("responses", responses);
        f.put("responseRate", responseRate);
        f.put("offers", offers);
        f.put("offersPerReferral", perReferral);
        f.put("medianDaysToFirstOffer", daysToOffer);
        f.put("medianDaysToAward", daysToAward);
        f.put("medianOfferedFee", medianFee);
        f.put("medianFeeToReference", toReference);
        f.put("awards", awards);
        f.put("awardsForProfit", forProfit);
        f.put("awardsNotForProfit", notForProfit);
        f.put("awardsProfitUnknown", unknown);
        f.put("forProfitAwardShare", share);
        f.put("refusedAboveCeiling", aboveCeiling);
        f.put("refusedUpliftAboveCap", 0);
        f.put("refusedSurplusAboveCap", surplusAboveCap);
        return f;
    }

    /**
     * A's figures: both referrals answered with offers (2 and 4 days), £66,000 and £60,000 (110% and 100%), one award after
     * 10 days; refused once above the ceiling and once for its surplus.
     */
    private static final Map<String, Object> A = figures(2, 2, 2, 100.0, 2, 1.0, 3.0, 10.0, "63000.00", 105.0, 1, 1, 0, 0, 100.0, 1, 1);
    /** B's: one of two answered, with £58,000 (96.7%) after 5 days; no award. */
    private static final Map<String, Object> B = figures(2, 2, 1, 50.0, 1, 0.5, 5.0, null, "58000.00", 96.7, 0, 0, 0, 0, null, 0, 0);

    @Test
    void theFiguresOfAKnownMarketAreExact() {
        GraphQlTester.Response response = commissioner().document(STATISTICS).variable("year", YEAR).execute();
        response.path("marketStatistics.scope").entity(String.class).isEqualTo("Northumberland")
                .path("marketStatistics.laCode").entity(String.class).isEqualTo(MarketWorld.LA)
                .path("marketStatistics.financialYear").entity(String.class).isEqualTo(YEAR)
                .path("marketStatistics.providerCount").entity(Integer.class).isEqualTo(2);
        // 4 recipients, 3 answered; first offers after 2 and 4 days; fees 58,000 / 60,000 / 66,000 (96.7%, 100%, 110%)
        response.path("marketStatistics.totals").entity(Map.class)
                .isEqualTo(figures(2, 4, 3, 75.0, 3, 1.5, 3.0, 10.0, "60000.00", 100.0, 1, 1, 0, 0, 100.0, 1, 1));
        response.path("marketStatistics.providers[*].providerId").entityList(String.class).containsExactly(world.providerA, world.providerB);
        response.path("marketStatistics.providers[0].forProfit").entity(Boolean.class).isEqualTo(true)
                .path("marketStatistics.providers[1].forProfit").entity(Boolean.class).isEqualTo(false)
                .path("marketStatistics.providers[1].providerName").entity(String.class).isEqualTo(HOSTILE)
                .path("marketStatistics.providers[0].figures").entity(Map.class).isEqualTo(A)
                .path("marketStatistics.providers[1].figures").entity(Map.class).isEqualTo(B);

        // the regulator reads the same through the LA, and England's totals include it
        as("regulator").document(STATISTICS).variable("la", MarketWorld.LA).variable("year", YEAR).execute()
                .path("marketStatistics.totals.offers").entity(Integer.class).isEqualTo(3)
                .path("marketStatistics.providers[*].providerId").entityList(String.class).containsExactly(world.providerA, world.providerB);
        as("regulator").document(STATISTICS).execute()
                .path("marketStatistics.scope").entity(String.class).isEqualTo("England")
                .path("marketStatistics.totals.referrals").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(2))
                .path("marketStatistics.providers[*].providerId").entityList(String.class).contains(world.providerA, world.providerB);
        // a regional planner gets their region by default, with the providers' aggregates
        asPlanner(NORTH_EAST).document(STATISTICS).variable("year", YEAR).execute()
                .path("marketStatistics.scope").entity(String.class).isEqualTo("North East")
                .path("marketStatistics.regionCode").entity(String.class).isEqualTo(NORTH_EAST)
                .path("marketStatistics.totals.recipients").entity(Integer.class).isEqualTo(4)
                .path("marketStatistics.providers[0].figures").entity(Map.class).isEqualTo(A);
        // a year without referrals: zeros, and null where there is nothing to divide or take the median of
        commissioner().document(STATISTICS).variable("year", "2001-02").execute()
                .path("marketStatistics.totals").entity(Map.class).isEqualTo(figures(0, 0, 0, null, 0, null, null, null, null, null, 0, 0, 0, 0, null, 0, 0))
                .path("marketStatistics.providers").entityList(Object.class).hasSize(0);
    }

    @Test
    void aProviderSeesOnlyItsOwnFigures() {
        asProvider(Long.parseLong(world.providerA)).document(STATISTICS).variable("la", MarketWorld.LA).variable("year", YEAR).execute()
                .path("marketStatistics.providerCount").entity(Integer.class).isEqualTo(1)
                .path("marketStatistics.providers[*].providerId").entityList(String.class).containsExactly(world.providerA)
                .path("marketStatistics.providers[0].figures").entity(Map.class).isEqualTo(A)
                .path("marketStatistics.totals").entity(Map.class).isEqualTo(A);
        asProvider(Long.parseLong(world.providerB)).document(STATISTICS).variable("year", YEAR).execute()
                .path("marketStatistics.providers[*].providerId").entityList(String.class).containsExactly(world.providerB)
                .path("marketStatistics.totals").entity(Map.class).isEqualTo(B);
    }

    @Test
    void nobodyReadsOutsideTheirScopeAndBadInputNamesTheArgument() {
        commissioner().document(STATISTICS).variable("la", "202").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("marketStatistics: not found in your scope")).verify();
        commissioner().document(STATISTICS).variable("region", NORTH_EAST).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("marketStatistics: not found in your scope")).verify();
        asPlanner(NORTH_EAST).document(STATISTICS).variable("region", "E12000007").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("marketStatistics: not found in your scope")).verify();
        asPlanner(NORTH_EAST).document(STATISTICS).variable("la", "202").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
        asPlanner(NORTH_EAST).document(STATISTICS).variable("la", MarketWorld.LA).variable("year", YEAR).execute()
                .path("marketStatistics.totals.referrals").entity(Integer.class).isEqualTo(2);
        commissioner().document("{ marketStatisticsCsv(laCode: \"202\") }").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("marketStatisticsCsv: not found in your scope")).verify();

        as("regulator").document(STATISTICS).variable("la", MarketWorld.LA).variable("region", NORTH_EAST).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("laCode: give either laCode or regionCode, not both")).verify();
        as("regulator").document(STATISTICS).variable("la", "999").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("laCode: unknown local authority code \"999\"")).verify();
        as("regulator").document(STATISTICS).variable("region", "E99").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("regionCode: unknown region code \"E99\"")).verify();
        as("regulator").document(STATISTICS).variable("year", "2026-28").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().equals("financialYear: expected a financial year such as 2026-27, got \"2026-28\"")).verify();
    }

    @Test
    void theCsvHasTheSameFiguresAndNeutralisesAHostileProviderName() {
        String csv = commissioner().document("query($year: String) { marketStatisticsCsv(financialYear: $year) }").variable("year", YEAR).execute()
                .path("marketStatisticsCsv").entity(String.class).get();
        List<Csv.Row> rows = Csv.parse(csv);
        assertThat(rows.get(0).fields()).isEqualTo(MarketStatistics.CSV_HEADER);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).fields()).containsExactly("Northumberland", YEAR, "TOTAL", "", "", "", "2", "4", "3", "75.0", "3", "1.50", "3.0",
                "10.0", "60000.00", "100.0", "1", "1", "0", "0", "100.0", "1", "0", "1");
        assertThat(rows.get(2).fields()).containsExactly("Northumberland", YEAR, "PROVIDER", world.providerA,
                db.fetchValue(PROVIDER.NAME, PROVIDER.ID.eq(Long.parseLong(world.providerA))),
                "true", "2", "2", "2", "100.0", "2", "1.00", "3.0", "10.0", "63000.00", "105.0", "1", "1", "0", "0", "100.0", "1", "0", "1");
        // the name a spreadsheet would run as a formula is written as text
        assertThat(rows.get(3).fields().get(4)).isEqualTo("'" + HOSTILE);
        assertThat(rows.get(3).fields().subList(5, 24)).containsExactly("false", "2", "2", "1", "50.0", "1", "0.50", "5.0", "", "58000.00",
                "96.7", "0", "0", "0", "0", "", "0", "0", "0");
        assertThat(csv).contains("\r\n").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");

        // the same as a file, for the commissioner's LA only
        String file = new String(http().get().uri("/exports/market-statistics.csv?financialYear=" + YEAR)
                .header("Authorization", authorization("test-commissioner-" + MarketWorld.LA)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"market-statistics-2019-20-\\d{4}-\\d{2}-\\d{2}\\.csv\"")
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(file).isEqualTo(csv);
        http().get().uri("/exports/market-statistics.csv?laCode=202").header("Authorization", authorization("test-commissioner-" + MarketWorld.LA))
                .exchange().expectStatus().isForbidden();
        http().get().uri("/exports/market-statistics.csv?financialYear=2026").header("Authorization", authorization("test-commissioner-" + MarketWorld.LA))
                .exchange().expectStatus().isBadRequest();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }
}
