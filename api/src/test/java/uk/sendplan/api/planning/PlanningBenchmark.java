package uk.sendplan.api.planning;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.benchmark.BenchmarkReport;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.Role;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.io.ProblemJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2,000-child LA plan through the service (demand register → plan job → saved result) against the same problem
 * solved by the planner's CLI with the same time limit. Run with the benchmark profile (README); writes its section
 * of docs/benchmarks.md.
 */
class PlanningBenchmark extends GraphQlTestBase {

    static final String LA = "886";  // Kent: the LA with most EHC plans, and a register to match
    static final int CHILDREN = 2_000;
    static final int SECONDS = 30;

    @Autowired
    ProblemBuilder builder;

    @Autowired
    CurrentUser currentUser;

    @Test
    void aServicePlanMatchesTheCliOnTheSameDataWithinFiveSecondsOfOverhead() throws Exception {
        var commissioner = asCommissioner(LA);
        commissioner.documentName("generateDemoDemand").variable("laCode", LA).variable("count", CHILDREN).variable("seed", 2026).execute()
                .path("generateDemoDemand.created").entity(Integer.class).isEqualTo(CHILDREN);
        String year = PlanService.currentFinancialYear(java.time.LocalDate.now());

        // the same problem the service will solve, for the CLI
        AtomicReference<ProblemBuilder.Built> built = new AtomicReference<>();
        currentUser.as(new Actor("test-commissioner-" + LA, Role.COMMISSIONER, LA, null, null),
                () -> built.set(builder.build("Kent benchmark", List.of(LA), year, null, Parameters.DEFAULTS)));
        Path problem = Files.createTempFile("kent-2000", ".json");
        Path cliPlan = Files.createTempFile("kent-2000-plan", ".json");
        Files.writeString(problem, ProblemJson.write(built.get().problem()));

        long t0 = System.nanoTime();
        String planId = commissioner.documentName("startPlan")
                .variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", year, "timeLimitSeconds", SECONDS))
                .execute().path("startPlan.plan.id").entity(String.class).get();
        String status;
        do {
            Thread.sleep(200);
            status = commissioner.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).get();
        } while (List.of("QUEUED", "SOLVING").contains(status));
        double serviceSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(status).isEqualTo("COMPLETED");
        var result = commissioner.documentName("planResult").variable("id", planId).execute();
        int servicePlaced = result.path("plan.placed").entity(Integer.class).get();
        String serviceScore = result.path("plan.score").entity(String.class).get();
        String serviceCost = result.path("plan.totalAnnualCost").entity(String.class).get();
        int settings = built.get().problem().settings().size();

        Path jar = projectRoot().resolve("planner/target/planner.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "solve", "--problem", problem.toString(), "--out", cliPlan.toString(), "--seconds", String.valueOf(SECONDS)));
        long c0 = System.nanoTime();
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        String cliOutput = new String(cli.getInputStream().readAllBytes());
        assertThat(cli.waitFor()).as(cliOutput).isZero();
        double cliSeconds = (System.nanoTime() - c0) / 1e9;
        Map<?, ?> cliResult = new tools.jackson.databind.json.JsonMapper().readValue(Files.readString(cliPlan), Map.class);
        String cliScore = (String) cliResult.get("score");
        int cliPlaced = ((List<?>) cliResult.get("assignments")).size();

        assertThat(servicePlaced).isEqualTo(cliPlaced);
        assertThat(serviceScore).isEqualTo(cliScore);

        BenchmarkReport.write("planning-benchmark", String.format(Locale.ROOT, """
                ## Planning through the service (issue 5)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=PlanningBenchmark`
                Machine: %s

                Kent (LA 886): %,d demo children (`generateDemoDemand`, seed 2026) against the demo register and fees within
                reach (%,d place cells), time limit %d s, default weights. The service run is register → `startPlan` → polling
                `plan.status` until COMPLETED, over HTTP; the CLI run is `java -jar planner/target/planner.jar solve` on the
                problem the service builds from the same data (written out with `ProblemJson`).

                | run | placed | score | total annual cost | wall time |
                |---|---|---|---|---|
                | service | %,d | %s | £%,.2f | %.1f s |
                | CLI, same problem | %,d | %s | | %.1f s |

                Same quality (identical score); service overhead %.1f s over the CLI (target: at most 5 s).
                """, BenchmarkReport.machine(), CHILDREN, settings, SECONDS, servicePlaced, serviceScore, new java.math.BigDecimal(serviceCost), serviceSeconds,
                cliPlaced, cliScore, cliSeconds, serviceSeconds - cliSeconds));
        assertThat(serviceSeconds - cliSeconds).isLessThanOrEqualTo(5.0);
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("schema.graphqls"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
