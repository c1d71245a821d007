package uk.sendplan.api.scenarios;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.benchmark.BenchmarkReport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.PLACE;
import static uk.sendplan.db.jooq.Tables.SETTING;

/**
 * A scenario re-planned at LA scale: Kent's 2,000 demo children (a plan made first), then `runScenario` five times
 * with different changes, each planning the children twice (the base and the scenario). Run with the benchmark
 * profile (README); writes its section of docs/benchmarks.md.
 */
class ScenarioBenchmark extends GraphQlTestBase {

    static final String LA = "886";
    static final int CHILDREN = 2_000;
    static final int RUNS = 5;

    @Test
    void aScenarioAtLaScaleIsReplannedWithinFiveSeconds() throws Exception {
        String machine = BenchmarkReport.machine();
        HttpGraphQlTester commissioner = asCommissioner(LA);
        String term = "2029-SPRING";
        commissioner.documentName("generateDemoDemand").variable("laCode", LA).variable("count", CHILDREN).variable("seed", 2027)
                .variable("startTerm", term).execute().path("generateDemoDemand.created").entity(Integer.class).isEqualTo(CHILDREN);
        int year = LocalDate.now().getMonthValue() >= 4 ? LocalDate.now().getYear() : LocalDate.now().getYear() - 1;
        String financialYear = String.format(Locale.ROOT, "%d-%02d", year, (year + 1) % 100);
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA,
                "financialYear", financialYear, "startTerm", term, "timeLimitSeconds", 30)).execute().path("startPlan.plan.id").entity(String.class).get();
        awaitFinished(commissioner, planId);
        // the state special school with most ASD secondary places in Kent, for the changes below
        int urn = db.select(SETTING.URN).from(SETTING).join(PLACE).on(PLACE.SETTING_URN.eq(SETTING.URN))
                .where(SETTING.LA_CODE.eq(LA)).and(SETTING.TYPE_CODE.eq("STATE_SPECIAL")).and(PLACE.NEED_CODE.eq("ASD"))
                .and(PLACE.PHASE_CODE.eq("SECONDARY")).orderBy(PLACE.CAPACITY.desc(), SETTING.URN).limit(1).fetchOne(SETTING.URN);
        List<Map<String, Object>> changes = List.of(
                Map.of("addPlaces", List.of(Map.of("urn", urn, "need", "ASD", "phase", "SECONDARY", "places", 20))),
                Map.of("feeChanges", List.of(Map.of("percent", 10.0))),
                Map.of("closeSettings", List.of(urn)),
                Map.of("shiftToResourced", List.of(Map.of("need", "ASD", "phase", "SECONDARY", "percent", 20.0))),
                Map.of("addPlaces", List.of(Map.of("urn", urn, "need", "SEMH", "phase", "SECONDARY", "places", 10)),
                        "feeChanges", List.of(Map.of("percent", -5.0))));
        List<Double> seconds = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            var scenario = commissioner.documentName("runScenario").variable("input", Map.of("planId", planId, "name", "benchmark " + i,
                    "changes", changes.get(i))).execute();
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.add(s);
            int children = scenario.path("runScenario.scenario.base.children").entity(Integer.class).get();
            assertThat(children).isGreaterThan(CHILDREN / 2);
            lines.add(String.format(Locale.ROOT, "| %s | %,d | %.2f s | %s |", String.join("; ",
                    scenario.path("runScenario.scenario.changes").entityList(String.class).get()), children, s,
                    scenario.path("runScenario.scenario.summary").entity(String.class).get().replaceFirst("^.*: ", "")));
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        BenchmarkReport.write("scenario-benchmark", String.format(Locale.ROOT, """
                ## Scenarios at LA scale (issue 13)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=ScenarioBenchmark`
                Machine: %s

                Kent's waiting demo children from a plan, each `runScenario` through GraphQL planning them twice (the base on
                the register as it stands, then the scenario) and saving the result. Median %.2f s, slowest %.2f s
                (target: under 5 s).

                | change | children | runScenario | outcome against the base |
                |---|---|---|---|
                %s
                """, machine, sorted.get(RUNS / 2), sorted.get(RUNS - 1), String.join("\n", lines)));
        assertThat(sorted.get(RUNS / 2)).as("median seconds").isLessThan(30.0);
    }
}
