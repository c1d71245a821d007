package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.benchmark.BenchmarkReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EHC plan forecast for every LA, on the demo's SEN2 statistics (151 LAs; Devon and Thurrock are not in the
 * project's copy): England's forecast over HTTP, cold (just after an import, so the statistics are read back and every
 * LA refitted) and warm; the fit alone; and every LA's own forecast one request after another. Run with the benchmark
 * profile (README); writes its section of docs/benchmarks.md.
 */
class ForecastBenchmark extends GraphQlTestBase {

    static final int RUNS = 5;
    static final String QUERY = "{ ehcpForecast { localAuthorities years { total { central lower95 upper95 } byAge { age plans { central } }"
            + " byPhase { phase plans { central } } byPlacement { placement plans { central lower80 upper80 } } byNeed { need plans { central } } } } }";
    static final String IMPORT = "mutation($csv: String) { importSen2(file: NEW_PLANS, csv: $csv) { imported } }";

    @Autowired
    ForecastModel model;

    @Test
    void theForecastForEveryLaUnderTenSeconds() {
        String machine = BenchmarkReport.machine();
        HttpGraphQlTester admin = as("admin");
        // re-importing one LA's new plans (Plymouth's, unchanged) marks the statistics changed: the next forecast refits
        String plymouth = DemoSen2.text(Sen2File.NEW_PLANS).lines().filter(l -> l.startsWith("time_period") || l.contains(",E06000026,879,Plymouth,"))
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        List<Double> cold = new ArrayList<>();
        int las = 0;
        for (int i = 0; i <= RUNS; i++) {
            admin.document(IMPORT).variable("csv", plymouth).execute().path("importSen2.imported").entity(Integer.class).isNotEqualTo(0);
            long t0 = System.nanoTime();
            las = admin.document(QUERY).execute().path("ehcpForecast.localAuthorities").entityList(String.class).get().size();
            if (i > 0) {
                cold.add((System.nanoTime() - t0) / 1e6);
            }
        }
        double[] warm = time(() -> admin.document(QUERY).execute().path("ehcpForecast.years[0].total.central").hasValue());
        double[] sufficiency = time(() -> admin.document("""
                { sufficiency { years { rows { shortfall { central } needs { need shortfall { central lower95 upper95 } } } } } }""")
                .execute().path("sufficiency.years[4].rows[0].shortfall.central").hasValue());
        Map<Sen2File, List<Sen2Reader.Sen2Row>> statistics = files();
        double[] fit = time(() -> CohortFit.fit(Sen2History.build(statistics, Integer.MAX_VALUE)));
        List<String> codes = new ArrayList<>(model.current().byLa().keySet());
        long t0 = System.nanoTime();
        for (String la : codes) {
            admin.document("query($la: ID) { ehcpForecast(laCode: $la) { years { total { central lower95 upper95 } } } }").variable("la", la)
                    .execute().path("ehcpForecast.years[4].total.central").hasValue();
        }
        double eachLa = (System.nanoTime() - t0) / 1e9;
        double[] coldStats = stats(cold);
        assertThat(las).isEqualTo(codes.size());
        assertThat(coldStats[1]).as("England's forecast just after an import, slowest, ms").isLessThan(10_000);

        BenchmarkReport.write("forecast-benchmark", String.format(Locale.ROOT, """
                ## EHC plan forecast for every LA (issue 13)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=ForecastBenchmark`
                Machine: %s

                The demo's SEN2 2025 statistics (%d LAs with plans by age; Devon and Thurrock are not in the project's
                copy). England's `ehcpForecast` over HTTP as an admin, 5 years, every breakdown, %,d simulations per LA
                summed simulation by simulation: cold is the first request after an import (the statistics read back
                from PostgreSQL and every LA refitted, then simulated), warm the next ones (fits kept, every LA
                simulated again). %d timed runs, median (slowest).

                | what | median | slowest | target |
                |---|---|---|---|
                | `ehcpForecast`, England, just after an import (read, fit and simulate all %d LAs) | %.0f ms | %.0f ms | under 10 s |
                | `ehcpForecast`, England, fits kept | %.0f ms | %.0f ms | |
                | `sufficiency`, England, 5 years by phase, kind of place and need (fits kept) | %.0f ms | %.0f ms | |
                | fitting all LAs alone (statistics in memory) | %.0f ms | %.0f ms | |
                | every LA's own `ehcpForecast`, one request after another (%d requests) | %.1f s in all | | |
                """, machine, las, Forecasts.SIMULATIONS, RUNS, las, coldStats[0], coldStats[1], warm[0], warm[1], sufficiency[0], sufficiency[1], fit[0], fit[1], codes.size(), eachLa));
    }

    private static Map<Sen2File, List<Sen2Reader.Sen2Row>> files() {
        Map<Sen2File, List<Sen2Reader.Sen2Row>> files = new java.util.EnumMap<>(Sen2File.class);
        for (Sen2File file : Sen2File.values()) {
            files.put(file, Sen2Reader.read(file, DemoSen2.text(file), code -> true).kept());
        }
        return files;
    }

    private static double[] time(Runnable call) {
        call.run();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return stats(ms);
    }

    /** Median and slowest, in milliseconds. */
    private static double[] stats(List<Double> ms) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[]{sorted[sorted.length / 2], sorted[sorted.length - 1]};
    }
}
