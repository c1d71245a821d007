package uk.sendplan.api.planning;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import uk.sendplan.api.SendApplication;
import uk.sendplan.api.TestJwts;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the service while a plan solves keeps the plan's best result. The service runs as it does for a user:
 * its own process with the embedded PostgreSQL in a data directory, stopped with SIGTERM (what Ctrl-C, systemd and
 * docker stop send), so every JVM shutdown hook runs, not just Spring's.
 */
class PlanShutdownTest {

    private static final String PASSWORD = "shutdown-test";
    private static final String LA = "420";
    private static final int URN = 790_001;
    private static final int PRIMARY_URN = 790_002;

    @TempDir
    Path directory;

    private Process service;

    @AfterEach
    void killService() {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
        }
    }

    @Test
    void stoppingTheServiceMidSolveSavesTheBestResultBeforeTheDatabaseStops() throws Exception {
        int httpPort = freePort();
        int databasePort = freePort();
        Path log = directory.resolve("service.log");
        service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), SendApplication.class.getName(),
                "--spring.profiles.active=demo", "--server.port=" + httpPort,
                "--send.database.directory=" + directory.resolve("pg"), "--send.database.port=" + databasePort,
                "--send.demo.enabled=false", "--send.demo.password=" + PASSWORD, "--send.planning.concurrent-plans=1",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestJwts.publicKeyLocation(),
                "--send.security.jwt.issuer=" + TestJwts.ISSUER, "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestJwts.AUDIENCE)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpGraphQlTester admin = tester(httpPort, "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()));
        awaitStarted(admin, log);

        // five secondary places for six children and a primary place for a seventh, the sibling of one of them: siblings
        // who can never share a setting keep local search going (a plan of per-child rules stops at once, proven)
        String provider = admin.documentName("registerProvider").variable("input", Map.of("name", "Shutdown Test Trust", "kind", "INDEPENDENT", "forProfit", false))
                .execute().path("registerProvider.provider.id").entity(String.class).get();
        admin.documentName("registerSetting").variable("input", Map.of("urn", URN, "name", "Shutdown Test Special School", "type", "STATE_SPECIAL",
                "providerId", provider, "laCode", LA, "location", Map.of("easting", 90_300, "northing", 10_500), "ageFrom", 4, "ageTo", 16,
                "places", List.of(Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 5, "occupied", 0)))).execute()
                .path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(URN);
        admin.documentName("registerSetting").variable("input", Map.of("urn", PRIMARY_URN, "name", "Shutdown Test Primary Base", "type", "STATE_SPECIAL",
                "providerId", provider, "laCode", LA, "location", Map.of("easting", 90_400, "northing", 10_500), "ageFrom", 4, "ageTo", 11,
                "places", List.of(Map.of("need", "ASD", "phase", "PRIMARY", "capacity", 1, "occupied", 0)))).execute()
                .path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(PRIMARY_URN);
        String framework = admin.documentName("createRateFramework").variable("input", Map.of("financialYear", "2026-27", "name", "Shutdown test",
                "description", "For the shutdown test", "maxUpliftPercent", 5.0,
                "bands", List.of(Map.of("code", "DAY-3", "description", "Day, complexity 3", "kind", "DAY", "complexity", 3,
                        "referenceRate", "50000.00", "ceiling", "60000.00")),
                "areaAdjustments", List.of(Map.of("regionCode", "E12000009", "multiplier", 1.0))))
                .execute().path("createRateFramework.framework.id").entity(String.class).get();
        admin.documentName("publishRateFramework").variable("input", Map.of("id", framework)).execute()
                .path("publishRateFramework.framework.status").entity(String.class).isEqualTo("PUBLISHED");
        for (int urn : List.of(URN, PRIMARY_URN)) {
            admin.document("mutation($input: SubmitFeesInput!) { submitFees(input: $input) { fees { id } } }")
                    .variable("input", Map.of("urn", urn, "financialYear", "2026-27", "fees", List.of(Map.of("band", 3, "kind", "DAY", "annualFee", "25000.00"))))
                    .execute().path("submitFees.fees").entityList(Object.class).hasSize(1);
        }
        admin.document("mutation { setUserScope(input: {subject: \"shutdown-commissioner\", role: COMMISSIONER, laCode: \"" + LA + "\"}) { user { role } } }")
                .execute().path("setUserScope.user.role").entity(String.class).isEqualTo("COMMISSIONER");
        String token = TestJwts.token("shutdown-commissioner");
        HttpGraphQlTester commissioner = tester(httpPort, "Bearer " + token);
        for (int i = 1; i <= 7; i++) {
            Map<String, Object> child = new java.util.HashMap<>(Map.of("laCode", LA, "reference", "STOP-" + i, "primaryNeed", "ASD",
                    "band", 3, "age", i == 7 ? 8 : 12, "home", Map.of("easting", 90_000 + 100 * i, "northing", 10_600), "gender", "MALE",
                    "startTerm", "2027-AUTUMN"));
            if (i == 1 || i == 7) {
                child.put("siblingGroup", "F-1");
            }
            commissioner.documentName("createPlacementRequest").variable("input", child)
                    .execute().path("createPlacementRequest.request.id").hasValue();
        }
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA,
                "financialYear", "2026-27", "timeLimitSeconds", 120)).execute().path("startPlan.plan.id").entity(String.class).get();
        Map<?, ?> best = WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + httpPort + "/graphql-ws"), new StandardWebSocketClient())
                .headers(h -> h.setBearerAuth(token)).build()
                .documentName("planProgress").variable("planId", planId).executeSubscription()
                .toFlux("planProgress", Map.class).filter(r -> r.get("placed") != null).next().block(Duration.ofSeconds(60));
        assertThat(best.get("placed")).isEqualTo(6);
        // one plan solves at a time here, so this one waits
        String queuedId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA,
                "financialYear", "2026-27", "timeLimitSeconds", 120)).execute().path("startPlan.plan.status").entity(String.class).isEqualTo("QUEUED")
                .path("startPlan.plan.id").entity(String.class).get();

        long stopping = 0;
        String jdbc = "jdbc:postgresql://localhost:" + databasePort + "/send?user=postgres";
        try (Connection slow = DriverManager.getConnection(jdbc)) {
            // saving a large plan takes seconds: hold the plan table for three, so any shutdown that stops the
            // database without waiting for the save loses it
            slow.setAutoCommit(false);
            try (Statement lock = slow.createStatement()) {
                lock.execute("LOCK TABLE send.plan IN SHARE MODE");
            }
            stopping = System.nanoTime();
            service.destroy();  // SIGTERM
            Thread.sleep(3_000);
            slow.commit();
        } catch (SQLException e) {
            // the database stopped under us: what the plan's save met too
        }
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("the service stops").isTrue();
        // the three seconds of the held table, then saving and closing
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(20));

        List<String> errors = Files.readAllLines(log).stream().filter(line -> line.contains(" ERROR ")).toList();
        assertThat(errors).as("errors while stopping").isEmpty();
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("pg")).setCleanDataDirectory(false)
                .setPort(databasePort).start();
             Connection connection = database.getDatabase("postgres", "send").getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet plan = statement.executeQuery("SELECT status, placed, unplaced, failure, "
                    + "(SELECT count(*) FROM send.plan_assignment a WHERE a.plan_id = p.id) AS assignments FROM send.plan p WHERE id = " + planId)) {
                assertThat(plan.next()).isTrue();
                assertThat(plan.getString("status")).isEqualTo("INTERRUPTED");
                assertThat(plan.getString("failure")).contains("the best result so far is kept");
                assertThat(plan.getInt("placed")).isEqualTo(6);
                assertThat(plan.getInt("unplaced")).isEqualTo(1);
                assertThat(plan.getInt("assignments")).isEqualTo(6);
            }
            try (ResultSet queued = statement.executeQuery("SELECT status, failure FROM send.plan WHERE id = " + queuedId)) {
                assertThat(queued.next()).isTrue();
                assertThat(queued.getString("status")).isEqualTo("INTERRUPTED");
                assertThat(queued.getString("failure")).isEqualTo("the service stopped before this plan started solving");
            }
        }
    }

    private static HttpGraphQlTester tester(int port, String authorization) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(60)).defaultHeader("Authorization", authorization).build());
    }

    private void awaitStarted(HttpGraphQlTester admin, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited at start:\n" + Files.readString(log));
            }
            try {
                admin.document("{ me { subject } }").execute().path("me.subject").entity(String.class).isEqualTo("admin");
                return;
            } catch (AssertionError | RuntimeException notYet) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the service did not start in 240 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
