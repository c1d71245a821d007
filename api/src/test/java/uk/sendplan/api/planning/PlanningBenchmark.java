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
 * solved by the planner's CLI with the same time limit, then a 20,000-child plan for the LA's region: each from
 * {@code startPlan} to COMPLETED. Run with the benchmark profile (README); writes its section of docs/benchmarks.md.
 */
class PlanningBenchmark extends GraphQlTestBase {

    static final String LA = "886";  // Kent: the LA with most EHC plans, and a register to match
    static final String REGION = "E12000008";  // South East, Kent's region
    static final int CHILDREN = 2_000;
    static final int REGION_CHILDREN = 20_000;
    static final int SECONDS = 30;

    @Autowired
    ProblemBuilder builder;

    @Autowired
    CurrentUser currentUser;

    PhaseLog phases;

    /** After the Spring context has set up logging (which detaches appenders added before). */
    @org.junit.jupiter.api.BeforeEach
    void listenToPlanJobs() {
        phases = new PhaseLog();
    }

    @Test
    void aServicePlanMatchesTheCliOnTheSameDataWithinFiveSecondsOfOverhead() throws Exception {
        String machine = BenchmarkReport.machine();  // its load average is the one before the run
        var commissioner = asCommissioner(LA);
        commissioner.documentName("generateDemoDemand").variable("laCode", LA).variable("count", CHILDREN).variable("seed", 2026).execute()
                .path("generateDemoDemand.created").entity(Integer.class).isEqualTo(CHILDREN);
        String year = uk.sendplan.api.kernel.FinancialYears.of(java.time.LocalDate.now());

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
        double kentStartSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(awaitEnd(commissioner, planId)).isEqualTo("COMPLETED");
        double serviceSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> kentPhases = phases.of(Long.parseLong(planId));
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

        // the same plan again, as a service that has planned before runs it (its solver's classes loaded and compiled)
        long w0 = System.nanoTime();
        String warmPlanId = commissioner.documentName("startPlan")
                .variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA, "financialYear", year, "timeLimitSeconds", SECONDS))
                .execute().path("startPlan.plan.id").entity(String.class).get();
        double warmStartSeconds = (System.nanoTime() - w0) / 1e9;
        assertThat(awaitEnd(commissioner, warmPlanId)).isEqualTo("COMPLETED");
        double warmSeconds = (System.nanoTime() - w0) / 1e9;
        Map<String, Double> warmPhases = phases.of(Long.parseLong(warmPlanId));
        commissioner.documentName("planStatus").variable("id", warmPlanId).execute()
                .path("plan.placed").entity(Integer.class).isEqualTo(servicePlaced)
                .path("plan.score").entity(String.class).isEqualTo(serviceScore);

        // the region: the rest of its LAs' children, then one plan for all of them
        List<String> regionLas = db.select(uk.sendplan.db.jooq.Tables.LOCAL_AUTHORITY.CODE).from(uk.sendplan.db.jooq.Tables.LOCAL_AUTHORITY)
                .where(uk.sendplan.db.jooq.Tables.LOCAL_AUTHORITY.REGION_CODE.eq(REGION)).and(uk.sendplan.db.jooq.Tables.LOCAL_AUTHORITY.CODE.ne(LA))
                .orderBy(uk.sendplan.db.jooq.Tables.LOCAL_AUTHORITY.CODE).fetch(uk.sendplan.db.jooq.Tables.LOCAL_AUTHORITY.CODE);
        int perLa = (REGION_CHILDREN - CHILDREN) / regionLas.size();
        for (String la : regionLas) {
            asCommissioner(la).documentName("generateDemoDemand").variable("laCode", la).variable("count", perLa).variable("seed", 2026).execute()
                    .path("generateDemoDemand.created").entity(Integer.class).isEqualTo(perLa);
        }
        int regionChildren = CHILDREN + perLa * regionLas.size();
        var planner = asPlanner(REGION);
        long r0 = System.nanoTime();
        String regionPlanId = planner.documentName("startPlan")
                .variable("input", Map.of("scope", "REGION", "code", REGION, "financialYear", year, "timeLimitSeconds", SECONDS))
                .execute().path("startPlan.plan.id").entity(String.class).get();
        double regionStartSeconds = (System.nanoTime() - r0) / 1e9;
        assertThat(awaitEnd(planner, regionPlanId)).isEqualTo("COMPLETED");
        double regionSeconds = (System.nanoTime() - r0) / 1e9;
        Map<String, Double> regionPhases = phases.of(Long.parseLong(regionPlanId));
        // a regional planner sees the plan's figures, not its children
        var regionResult = planner.documentName("planStatus").variable("id", regionPlanId).execute();
        int regionPlaced = regionResult.path("plan.placed").entity(Integer.class).get();
        String regionScore = regionResult.path("plan.score").entity(String.class).get();

        List<Map<String, Double>> runs = List.of(kentPhases, warmPhases, regionPhases);
        double[] requests = {kentStartSeconds, warmStartSeconds, regionStartSeconds};
        double[] totals = {serviceSeconds, warmSeconds, regionSeconds};
        StringBuilder phaseRows = new StringBuilder();
        phaseRows.append(row("`startPlan` request (checks, reads settings and fees, plan row, audit)", requests));
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        runs.forEach(run -> names.addAll(run.keySet()));
        for (String phase : names) {
            phaseRows.append(row(phase, runs.stream().mapToDouble(run -> run.getOrDefault(phase, 0.0)).toArray()));
        }
        double[] rest = new double[runs.size()];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = totals[i] - requests[i] - runs.get(i).values().stream().mapToDouble(Double::doubleValue).sum();
        }
        // the job starts as startPlan commits, before its response arrives, so this may be a little below zero
        phaseRows.append(row("rest: the `startPlan` response and the job's start overlapping, seeing COMPLETED (50 ms polls)", rest));
        phaseRows.append(row("**total, `startPlan` to COMPLETED**", totals));

        BenchmarkReport.write("planning-benchmark", String.format(Locale.ROOT, """
                ## Planning through the service (issues 5 and 11)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=PlanningBenchmark`
                Machine: %s

                Kent (LA 886): %,d demo children (`generateDemoDemand`, seed 2026) against the demo register and fees within
                reach (%,d place cells), default weights and rules (no limit on independent places, no sibling groups, so
                the exact construction is the proven optimum and no local search runs). The service run is `startPlan` →
                polling `plan.status` every 50 ms until COMPLETED, over HTTP: the problem built from the database, solved,
                the plan saved. The CLI run is `java -jar planner/target/planner.jar solve` on the problem the service builds
                from the same data (written out with `ProblemJson`), including the JVM's start. The region run adds demo
                children for the other %d LAs of the South East (%,d each) and plans the region as its regional planner.

                | run | children | placed | score | total annual cost | wall time | target |
                |---|---|---|---|---|---|---|
                | service, Kent (the service's first plan since it started) | %,d | %,d | %s | £%,.2f | %.1f s | under 2 s |
                | service, Kent again | %,d | %,d | %s | | %.1f s | under 2 s |
                | CLI, same problem | %,d | %,d | %s | | %.1f s | |
                | service, South East region | %,d | %,d | %s | | %.1f s | under 5 s |

                Where the service's time goes, phase by phase (the plan job's own timings, from the log line it writes at the
                end of every plan, `Plan n COMPLETED in … s: …`; 1-minute load average at the end of the run %.2f; the CLI's time against its 2.8 s
                at load 2.2 shows how much other builds on the same 2 cores slow a run down):

                | phase | Kent, first | Kent, again | South East, 20,000 |
                |---|---:|---:|---:|
                %s
                *solve* is the planner engine's own run, as the CLI runs it: validating the problem, preparing its network
                of suitable pairs, the reactive baseline, the exact min-cost flow, and assembling the plan with every
                child's explanation while the other core works out the place values. With every rule per child the flow is
                the proven optimum, so no OptaPlanner solver is built (it is only for plans with an independent limit or
                sibling groups). Everything else is the service's. The first plan after the service starts also loads and
                compiles the planner's and the database code's classes, as the CLI does each time.

                *save place values* is the value of one more place in each full cell (the rows `placeValues` and
                `whereToInvest` read); it was counted in the save before it was timed apart.

                Before `startPlan` read the fees lean (commit b9513df on main, the same benchmark on 2026-12-01 at load 18.67,
                with two full test suites running beside it): Kent 6.2 s the first time and 4.3 s again (`startPlan` 1.95 s
                and 0.73 s, solve 2.0 s and 2.1 s, save 1.3 s and 0.6 s), the South East 6.7 s (`startPlan` 0.45 s, solve
                2.4 s, save 2.7 s). In a Java Flight Recording of that run, reading the fees' latest checks whole (every
                column, reasons included) was most of `startPlan`'s own CPU; it now reads each current fee's verdict only. The
                fee read alone, old and new queries alternately in one service, 12 times each (a probe run on 2026-12-01 at load
                17.7 to 18.0): Kent's 1,571 settings within reach with 7,246 current fees, old median 437 ms (309 to 1,213), new
                median 56 ms (19 to 331); the South East's 2,705 settings with 11,738 fees, old median 474 ms, new median 62 ms.
                At these loads one run's phases move by a second from run to run (the CLI on the same problem took 4.1 s
                before and 6.6 s after), so the probe, not the two runs, is the measure of the change.
                Before the latency work of issue 11 (commit d15f478, at load 11.75): Kent 20.1 s the first time and 5.5 s
                again, the South East 37.3 s.
                """, machine, CHILDREN, settings, regionLas.size(), perLa, CHILDREN, servicePlaced, serviceScore,
                new java.math.BigDecimal(serviceCost), serviceSeconds, CHILDREN, servicePlaced, serviceScore, warmSeconds, CHILDREN, cliPlaced, cliScore, cliSeconds, regionChildren,
                regionPlaced, regionScore, regionSeconds,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), phaseRows));
        assertThat(serviceSeconds - cliSeconds).isLessThanOrEqualTo(5.0);
    }

    private static String row(String phase, double[] seconds) {
        StringBuilder row = new StringBuilder("| ").append(phase).append(" |");
        for (double s : seconds) {
            row.append(String.format(Locale.ROOT, " %.3f s |", s));
        }
        return row.append('\n').toString();
    }

    /** The plan job's timings, read from its end-of-plan log line (the PlanPhases it logs), by plan id. */
    static final class PhaseLog extends ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> {

        private final Map<Long, Map<String, Double>> byPlan = new java.util.concurrent.ConcurrentHashMap<>();

        PhaseLog() {
            setContext((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory());
            start();
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PlanJobs.class)).addAppender(this);
        }

        @Override
        protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
            Object[] args = event.getArgumentArray();
            if (args != null && args.length == 4 && args[3] instanceof PlanPhases timings) {
                byPlan.put((Long) args[0], timings.seconds());
            }
        }

        /** The log line comes just after the status is saved, so it may trail the poll that saw COMPLETED. */
        Map<String, Double> of(long planId) throws InterruptedException {
            for (int i = 0; i < 200 && !byPlan.containsKey(planId); i++) {
                Thread.sleep(10);
            }
            return byPlan.get(planId);
        }
    }

    private static String awaitEnd(org.springframework.graphql.test.tester.HttpGraphQlTester user, String planId) throws InterruptedException {
        String status;
        do {
            Thread.sleep(50);
            status = user.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).get();
        } while (List.of("QUEUED", "SOLVING").contains(status));
        return status;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("schema.graphqls"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
