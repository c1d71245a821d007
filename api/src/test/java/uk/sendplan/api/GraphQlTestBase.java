package uk.sendplan.api;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.sendplan.db.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static uk.sendplan.db.jooq.Tables.APP_USER;

/**
 * GraphQL tests over real HTTP against the real service on a real PostgreSQL (see {@link TestDatabase}).
 * All subclasses share one Spring context and one database, which starts with the demo register loaded, as a
 * newcomer's service does; tests work on data they create themselves or on what the demo data guarantees.
 * The context runs the demo profile (HTTP Basic for the demo users) and also accepts JWTs signed with
 * {@link TestJwts}'s locally generated key, as production would with its identity provider's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
public abstract class GraphQlTestBase {

    protected static final String PASSWORD = "test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("send.demo.password", () -> PASSWORD);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestJwts::publicKeyLocation);
        registry.add("send.security.jwt.issuer", () -> TestJwts.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestJwts.AUDIENCE);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected DSLContext db;

    /** Signed in as the demo admin; most register tests act as one. */
    protected HttpGraphQlTester graphQl;

    @BeforeEach
    void graphQlClient() {
        graphQl = as("admin");
    }

    protected WebTestClient.Builder client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(120))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024));
    }

    /** The demo profile's named users: only they sign in with HTTP Basic and the demo password. */
    protected static final List<String> DEMO_USERS =
            List.of("commissioner-camden", "commissioner-hackney", "planner-london", "provider-demo", "regulator", "admin");

    /** A tester signed in as the subject: a demo user with HTTP Basic, anyone else with a JWT as in production. */
    protected HttpGraphQlTester as(String subject) {
        return HttpGraphQlTester.create(client().defaultHeader("Authorization", authorization(subject)).build());
    }

    /** The Authorization header that signs the subject in (see {@link #as}). */
    protected static String authorization(String subject) {
        return DEMO_USERS.contains(subject)
                ? "Basic " + Base64.getEncoder().encodeToString((subject + ":" + PASSWORD).getBytes())
                : "Bearer " + TestJwts.token(subject, TestJwts.ISSUER, List.of(TestJwts.AUDIENCE), Instant.now().plusSeconds(3600));
    }

    /** A tester signed in with a bearer token. */
    protected HttpGraphQlTester withToken(String token) {
        return HttpGraphQlTester.create(client().defaultHeader("Authorization", "Bearer " + token).build());
    }

    protected HttpGraphQlTester anonymous() {
        return HttpGraphQlTester.create(client().build());
    }

    /** A commissioner for the LA (created for tests as "test-commissioner-<la>"). */
    protected HttpGraphQlTester asCommissioner(String laCode) {
        return as(user("test-commissioner-" + laCode, "COMMISSIONER", laCode, null, null));
    }

    protected HttpGraphQlTester asPlanner(String regionCode) {
        return as(user("test-planner-" + regionCode, "REGIONAL_PLANNER", null, regionCode, null));
    }

    protected HttpGraphQlTester asProvider(long providerId) {
        return as(user("test-provider-" + providerId, "PROVIDER", null, null, providerId));
    }

    protected String user(String subject, String role, String laCode, String regionCode, Long providerId) {
        Instant now = Instant.now();
        db.insertInto(APP_USER).set(APP_USER.SUBJECT, subject).set(APP_USER.ROLE, role).set(APP_USER.LA_CODE, laCode)
                .set(APP_USER.REGION_CODE, regionCode).set(APP_USER.PROVIDER_ID, providerId).set(APP_USER.ACTIVE, true)
                .set(APP_USER.CREATED_AT, now).set(APP_USER.UPDATED_AT, now)
                .onConflict(APP_USER.SUBJECT).doNothing().execute();
        return subject;
    }

    /** Waits (at most 60 s) until a plan the user started is no longer QUEUED or SOLVING. */
    protected static void awaitFinished(HttpGraphQlTester user, String planId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String status = user.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).get();
            if (!List.of("QUEUED", "SOLVING").contains(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan " + planId + " still running after 60 s");
    }
}
