package uk.sendplan.api.security;

import com.zaxxer.hikari.HikariDataSource;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import uk.sendplan.api.GraphQlTestBase;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queries that took the service down in the security review (issue 9): refused before they run, quickly, while
 * everybody else's requests keep answering; and one request never holds more than one database connection.
 */
class QueryAttackTest extends GraphQlTestBase {

    /** Depth 9, inside the depth limit: setting → provider → settings → … */
    static final String PROVIDER_CHAIN_9 = "{ setting(urn: 9202013) { provider { settings { provider { settings { provider { settings"
            + " { provider { settings { urn } } } } } } } } } }";
    /** Depth 11. */
    static final String PROVIDER_CHAIN_11 = "{ setting(urn: 9202013) { provider { settings { provider { settings { provider { settings"
            + " { provider { settings { provider { name } } } } } } } } } } }";
    /** 199 tailored lists in one request (29,000 characters). */
    static final String ALIASED_TAILORED_LISTS = aliasedTailoredLists(199);
    /** 60 of them, short enough to be read (9,000 characters) and priced. */
    static final String SIXTY_TAILORED_LISTS = aliasedTailoredLists(60);

    private static String aliasedTailoredLists(int count) {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            query.append(" t").append(i).append(": suitableSettingsFor(profile: {laCode: \"202\", need: ASD, band: 3, age: 11,"
                    + " homeDistrict: \"NW1\", gender: MALE}) { suitable { setting { urn } } }");
        }
        return query.append(" }").toString();
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    DataSource dataSource;

    private HttpRequest post(String subject, String query) throws Exception {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((subject + ":" + PASSWORD).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", query)))).build();
    }

    private JsonNode send(String subject, String query) throws Exception {
        HttpResponse<String> response = http.send(post(subject, query), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void theAttackQueriesAreRefusedInUnderASecondWithTheirEstimatedCostOrTheirSize() throws Exception {
        Map<String, String> expected = Map.of(PROVIDER_CHAIN_9, "The query's estimated cost is ",
                PROVIDER_CHAIN_11, "The query's estimated cost is ",
                SIXTY_TAILORED_LISTS, "The query's estimated cost is 122,460 ",
                ALIASED_TAILORED_LISTS, "More than 10,000 characters have been presented");
        for (var attack : expected.entrySet()) {
            long started = System.nanoTime();
            JsonNode result = send("commissioner-camden", attack.getKey());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(result.path("data").isMissingNode() || result.path("data").isNull()).isTrue();
            JsonNode error = result.path("errors").get(0);
            assertThat(error.path("message").asString()).startsWith(attack.getValue());
            if (attack.getValue().startsWith("The query's estimated cost")) {
                assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
                assertThat(error.path("message").asString()).contains("over the limit of 100,000");
                assertThat(error.path("extensions").path("estimatedCost").asLong()).isGreaterThan(100_000);
            } else {
                assertThat(error.path("extensions").path("classification").asString()).isEqualTo("InvalidSyntax");
            }
            System.out.printf("attack of %,d characters refused in %d ms%n", attack.getKey().length(), millis);
            assertThat(millis).as("refused in %d ms", millis).isLessThan(1_000);
        }
    }

    @Test
    void othersKeepBeingAnsweredWhileTheAttacksAndTwentyConcurrentCopiesAreSent() throws Exception {
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger attacksSent = new AtomicInteger();
        List<Long> meMillis = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> attackers = new ArrayList<>();
            for (int copy = 0; copy < 21; copy++) {
                String attack = List.of(PROVIDER_CHAIN_9, PROVIDER_CHAIN_11, SIXTY_TAILORED_LISTS, ALIASED_TAILORED_LISTS).get(copy % 4);
                attackers.add(pool.submit(() -> {
                    // bounded: at most 30 requests a copy, and never past the measurement
                    for (int i = 0; i < 30 && attacking.get(); i++) {
                        http.send(post("provider-demo", attack), HttpResponse.BodyHandlers.discarding());
                        attacksSent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 100; i++) {
                long started = System.nanoTime();
                JsonNode me = send("commissioner-hackney", "{ me { subject } }");
                meMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertThat(me.path("data").path("me").path("subject").asString()).isEqualTo("commissioner-hackney");
            }
            attacking.set(false);
            for (Future<?> attacker : attackers) {
                attacker.get(60, TimeUnit.SECONDS);
            }
        }
        List<Long> sorted = meMillis.stream().sorted().toList();
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        System.out.printf("{ me } under attack (%d attack requests): p50 %d ms, p95 %d ms, max %d ms%n", attacksSent.get(),
                sorted.get(sorted.size() / 2), p95, sorted.getLast());
        assertThat(attacksSent.get()).as("attack requests sent during the measurement").isGreaterThan(21);
        assertThat(p95).as("{ me } p95 under attack, ms (all: %s)", sorted).isLessThan(500);
    }

    @Test
    void aUserWithTooManyRequestsInFlightIsToldToWaitAtOnce() throws Exception {
        List<HttpResponse<String>> responses = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 30; i++) {
                pool.submit(() -> {
                    start.await();
                    responses.add(http.send(post("regulator", "{ vacancies { capacity rows { need phase vacancies } } }"),
                            HttpResponse.BodyHandlers.ofString()));
                    return null;
                });
            }
            start.countDown();
        }
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(responses).hasSize(30).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).contains("1");
            assertThat(r.body()).isEqualTo("Too many requests at once for regulator: at most 4 may run at the same time."
                    + " Wait for one to finish and try again.");
        });
        assertThat(responses.size() - refused.size()).as("answered").isGreaterThanOrEqualTo(4);
    }

    @Test
    void oneRequestHoldsAtMostOneDatabaseConnectionAtATime() throws Exception {
        // 40 fields that each read the database on their own: run side by side they would take 40 connections
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            wide.append(" s").append(i).append(": setting(urn: ").append(9202001 + i).append(") { urn name places { need } }");
            wide.append(" p").append(i).append(": providers(first: 2) { totalCount }");
        }
        String query = wide.append(" }").toString();
        var pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
        int before = pool.getActiveConnections();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger mostActive = new AtomicInteger();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                mostActive.accumulateAndGet(pool.getActiveConnections(), Math::max);
                Thread.onSpinWait();
            }
        });
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(send("admin", query).path("errors").isMissingNode()).isTrue();
            }
        } finally {
            running.set(false);
            sampler.join();
        }
        assertThat(mostActive.get() - before).as("connections the request held at once").isLessThanOrEqualTo(1);
    }

    @Test
    void graphiqlsIntrospectionQueryIsAnsweredInTheDemoProfile() throws Exception {
        JsonNode result = send("commissioner-camden", IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(result.path("errors").isMissingNode()).as("errors: %s", result.path("errors")).isTrue();
        assertThat(result.path("data").path("__schema").path("queryType").path("name").asString()).isEqualTo("Query");
        assertThat(result.path("data").path("__schema").path("types").size()).isGreaterThan(100);
    }
}
