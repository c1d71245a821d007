package uk.sendplan.api.market;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.benchmark.BenchmarkReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market statistics on a national market: 10,000 referrals across every LA, each sent to 8 of the register's
 * independent and non-maintained settings, 50,000 offers, 3,000 awards and 1,000 refusals above the ceiling, written
 * straight to the tables in a few set-based statements (seeded, so every run has the same market), then
 * {@code marketStatistics} timed over HTTP for England (the regulator), a region (its planner) and an LA (its
 * commissioner), all fields and every provider row asked for. Run with the benchmark profile (README); writes its
 * section of docs/benchmarks.md.
 */
class MarketIntelligenceBenchmark extends GraphQlTestBase {

    static final int REFERRALS = 10_000;
    static final int RECIPIENTS_PER_REFERRAL = 8;
    /** Of a referral's recipients, the first 5 offer and the 6th declines; the rest do not answer. */
    static final int OFFERING = 5;
    static final String REGION = "E12000007";  // London: the most LAs of any region
    static final String LA = "886";  // Kent: the LA with most EHC plans
    static final String YEAR = "2026-27";
    static final int RUNS = 5;

    private static final String QUERY = """
            query($la: ID, $region: ID) {
              marketStatistics(laCode: $la, regionCode: $region) {
                scope providerCount
                totals { ...figures }
                providers { providerId providerName forProfit figures { ...figures } }
              }
            }
            fragment figures on MarketFigures {
              referrals recipients responses responseRate offers offersPerReferral medianDaysToFirstOffer medianDaysToAward
              medianOfferedFee medianFeeToReference awards awardsForProfit awardsNotForProfit awardsProfitUnknown
              forProfitAwardShare refusedAboveCeiling refusedUpliftAboveCap
            }
            """;

    @Autowired
    MarketStatisticsRepository repository;

    @Test
    void marketStatisticsForEnglandUnderTwoSeconds() {
        String machine = BenchmarkReport.machine();
        long l0 = System.nanoTime();
        int settings = load();
        double loadSeconds = (System.nanoTime() - l0) / 1e9;

        HttpGraphQlTester regulator = as("regulator");
        HttpGraphQlTester planner = asPlanner(REGION);
        HttpGraphQlTester commissioner = asCommissioner(LA);
        int englandReferrals = regulator.document(QUERY).execute().path("marketStatistics.totals.referrals").entity(Integer.class).get();
        assertThat(englandReferrals).isGreaterThanOrEqualTo(REFERRALS);
        int englandProviders = regulator.document(QUERY).execute().path("marketStatistics.providerCount").entity(Integer.class).get();

        double[] england = time(() -> regulator.document(QUERY).execute().path("marketStatistics.scope").entity(String.class).isEqualTo("England"));
        double[] region = time(() -> planner.document(QUERY).variable("region", REGION).execute()
                .path("marketStatistics.scope").entity(String.class).isEqualTo("London"));
        double[] la = time(() -> commissioner.document(QUERY).variable("la", LA).execute()
                .path("marketStatistics.scope").entity(String.class).isEqualTo("Kent"));
        double[] sql = time(() -> repository.figures(null, null, null, null));
        // the plan, in the build log, for whoever wants to make it faster
        System.out.println(db.fetch("EXPLAIN (ANALYZE, BUFFERS) {0}", repository.query(null, null, null, null)).format(1000));
        double[] csv = time(() -> regulator.document("{ marketStatisticsCsv }").execute().path("marketStatisticsCsv").hasValue());

        BenchmarkReport.write("market-statistics-benchmark", String.format(Locale.ROOT, """
                ## Market statistics (issue 12)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=MarketIntelligenceBenchmark`
                Machine: %s

                A national market on top of the demo data: %,d referrals over all 153 LAs (made in the financial year
                %s), each sent to %d of the register's %,d independent and non-maintained settings; of each
                referral's recipients %d offer and one declines (%,d offers at 85-115%% of a £60,000 reference), 30%% of referrals awarded,
                every tenth has an offer refused above the ceiling. Written straight to the tables in set-based
                statements (seeded) in %.1f s, then analysed. England's figures cover %,d referrals and %,d providers.
                Each query asks for every field, the totals and the providers list (at most 500 rows), over HTTP as
                the role that would ask it; %d timed runs after one warm-up, median (slowest).

                | query | median | slowest | target |
                |---|---|---|---|
                | `marketStatistics`, England (regulator) | %.0f ms | %.0f ms | under 2 s |
                | `marketStatistics`, London (its regional planner) | %.0f ms | %.0f ms | |
                | `marketStatistics`, Kent (its commissioner) | %.0f ms | %.0f ms | |
                | `marketStatisticsCsv`, England (regulator, every provider) | %.0f ms | %.0f ms | |
                | the statistics query alone, England (no HTTP or GraphQL) | %.0f ms | %.0f ms | |
                """, machine, REFERRALS, YEAR, RECIPIENTS_PER_REFERRAL, settings, OFFERING, REFERRALS * OFFERING, loadSeconds,
                englandReferrals, englandProviders, RUNS, england[0], england[1], region[0], region[1], la[0], la[1], csv[0], csv[1], sql[0], sql[1]));
    }

    /** Median and slowest of RUNS timed calls after one warm-up, in milliseconds. */
    private static double[] time(Supplier<?> call) {
        call.get();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            call.get();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[]{sorted[sorted.length / 2], sorted[sorted.length - 1]};
    }

    /** The national market, in one transaction; returns how many settings it was spread over. */
    private int load() {
        int[] settings = new int[1];
        db.transaction(tx -> {
            var sql = tx.dsl();
            sql.execute("SELECT setseed(0.2026)");
            sql.execute("""
                    CREATE TEMP TABLE bench_setting ON COMMIT DROP AS
                    SELECT row_number() OVER (ORDER BY s.urn) - 1 AS n, s.urn, s.provider_id
                    FROM send.setting s JOIN send.provider p ON p.id = s.provider_id
                    WHERE p.kind IN ('INDEPENDENT', 'NON_MAINTAINED')""");
            settings[0] = sql.fetchOne("SELECT count(*) FROM bench_setting").get(0, Integer.class);
            assertThat(settings[0]).as("independent and non-maintained settings in the demo register").isGreaterThan(RECIPIENTS_PER_REFERRAL);
            // the children: spread over every LA, at home in the LA's first postcode district
            sql.execute("""
                    CREATE TEMP TABLE bench_la ON COMMIT DROP AS
                    SELECT row_number() OVER (ORDER BY la.code) - 1 AS n, la.code, d.outcode, d.easting, d.northing
                    FROM send.local_authority la
                    JOIN LATERAL (SELECT outcode, easting, northing FROM send.postcode_district WHERE la_code = la.code ORDER BY outcode LIMIT 1) d ON true""");
            sql.execute("""
                    INSERT INTO send.placement_request (la_code, reference, primary_need, band, age, easting, northing, gender, start_term, status)
                    SELECT la.code, 'MSB-' || i, (ARRAY['ASD', 'SEMH', 'SLCN', 'MLD', 'SLD'])[1 + i % 5], 1 + i % 5, 7 + i % 9,
                           round(la.easting, -2), round(la.northing, -2), CASE WHEN i % 3 = 0 THEN 'FEMALE' ELSE 'MALE' END, '2027-AUTUMN', 'OPEN'
                    FROM generate_series(0, {0} - 1) i JOIN bench_la la ON la.n = i % (SELECT count(*) FROM bench_la)""", REFERRALS);
            sql.execute("""
                    INSERT INTO send.referral (request_id, la_code, primary_need, band, age, nc_year, phase_code, gender, needs_boarding, home_district,
                                               home_easting, home_northing, provision, start_term, respond_by, why_not_state, created_by, created_at)
                    SELECT r.id, r.la_code, r.primary_need, r.band, r.age, r.age - 5, CASE WHEN r.age >= 11 THEN 'SECONDARY' ELSE 'PRIMARY' END,
                           r.gender, false, la.outcode, la.easting, la.northing, 'DAY', r.start_term, current_date + 20,
                           ARRAY['benchmark: no state place'], 'benchmark', timestamptz '2026-04-01 09:00:00+01' + random() * interval '200 days'
                    FROM send.placement_request r JOIN bench_la la ON la.code = r.la_code
                    WHERE r.reference LIKE 'MSB-%'""");
            sql.execute("""
                    INSERT INTO send.referral_recipient (referral_id, setting_urn, provider_id, matched, sent_at, response, decline_reason, responded_at)
                    SELECT r.id, s.urn, s.provider_id, true, r.created_at,
                           CASE WHEN k < {1} THEN 'OFFERED' WHEN k = {1} THEN 'DECLINED' END,
                           CASE WHEN k = {1} THEN 'NO_PLACE_AT_START' END,
                           CASE WHEN k <= {1} THEN r.created_at + (1 + k) * interval '1 day' END
                    FROM send.referral r CROSS JOIN generate_series(0, {0} - 1) k
                    JOIN bench_setting s ON s.n = (r.id * 7 + k * 113) % (SELECT count(*) FROM bench_setting)
                    WHERE r.created_by = 'benchmark'
                    ON CONFLICT DO NOTHING""", RECIPIENTS_PER_REFERRAL, OFFERING);
            sql.execute("""
                    INSERT INTO send.offer (referral_id, setting_urn, provider_id, status, revision, created_at, updated_at)
                    SELECT x.referral_id, x.setting_urn, x.provider_id, 'OPEN', 1, x.responded_at + random() * interval '5 days', x.responded_at
                    FROM send.referral_recipient x JOIN send.referral r ON r.id = x.referral_id
                    WHERE r.created_by = 'benchmark' AND x.response = 'OFFERED'""");
            // fees spread over 85-115% of the reference by a fixed scramble of the offer's id (the same on every run)
            sql.execute("""
                    INSERT INTO send.offer_revision (offer_id, revision, kind, annual_fee_pence, education_pence, care_pence, therapies_pence, other_pence,
                                                     start_date, valid_until, financial_year, framework_id, framework_version, verdict, reasons,
                                                     reference_pence, ceiling_pence, created_by, created_at)
                    SELECT f.id, 1, 'DAY', f.fee, f.fee, 0, 0, 0, current_date + 40, current_date + 20, {0}, fw.id, fw.version,
                           CASE WHEN f.fee > 6000000 THEN 'ABOVE_REFERENCE' ELSE 'WITHIN_REFERENCE' END, ARRAY['benchmark'],
                           6000000, 7200000, 'benchmark', f.created_at
                    FROM (SELECT o.id, o.created_at, 5100000 + (o.id * 104729) % 1800001 AS fee
                          FROM send.offer o JOIN send.referral r ON r.id = o.referral_id WHERE r.created_by = 'benchmark') f
                    CROSS JOIN (SELECT id, version FROM send.rate_framework WHERE financial_year = {0} AND status = 'PUBLISHED'
                                ORDER BY version DESC LIMIT 1) fw""", YEAR);
            sql.execute("""
                    INSERT INTO send.placement_agreement (referral_id, offer_id, offer_revision, request_id, la_code, provider_id, setting_urn, need_code,
                                                          phase_code, kind, start_date, end_date, annual_fee_pence, framework_id, framework_version,
                                                          status, awarded_by, awarded_at)
                    SELECT DISTINCT ON (r.id) r.id, o.id, 1, r.request_id, r.la_code, o.provider_id, o.setting_urn, r.primary_need, r.phase_code, 'DAY',
                           current_date + 40, current_date + 300, v.annual_fee_pence, v.framework_id, v.framework_version, 'AWAITING_PROVIDER',
                           'benchmark', o.created_at + interval '7 days'
                    FROM send.referral r JOIN send.offer o ON o.referral_id = r.id
                    JOIN send.offer_revision v ON v.offer_id = o.id AND v.revision = o.revision
                    WHERE r.created_by = 'benchmark' AND r.id % 10 < 3
                    ORDER BY r.id, v.annual_fee_pence""");
            sql.execute("""
                    INSERT INTO send.offer_refusal (referral_id, setting_urn, provider_id, kind, annual_fee_pence, verdict, ceiling_pence, framework_id, refused_at)
                    SELECT x.referral_id, x.setting_urn, x.provider_id, 'DAY', 9000000, 'ABOVE_CEILING', 7200000,
                           (SELECT id FROM send.rate_framework WHERE financial_year = {0} AND status = 'PUBLISHED' ORDER BY version DESC LIMIT 1),
                           x.sent_at + interval '2 days'
                    FROM send.referral_recipient x JOIN send.referral r ON r.id = x.referral_id
                    WHERE r.created_by = 'benchmark' AND r.id % 10 = 0 AND x.response IS NULL
                      AND x.setting_urn = (SELECT min(y.setting_urn) FROM send.referral_recipient y WHERE y.referral_id = x.referral_id AND y.response IS NULL)""",
                    YEAR);
        });
        for (String table : Arrays.asList("placement_request", "referral", "referral_recipient", "offer", "offer_revision", "placement_agreement", "offer_refusal")) {
            db.execute("ANALYZE send." + table);
        }
        return settings[0];
    }
}
