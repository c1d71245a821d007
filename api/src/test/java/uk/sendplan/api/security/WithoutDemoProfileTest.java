package uk.sendplan.api.security;

import graphql.introspection.Introspection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.sendplan.api.TestJwts;
import uk.sendplan.db.testing.TestDatabase;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as production runs it: no demo profile, JWTs only. Its schema is not introspectable (introspection is
 * the demo profile's, for GraphiQL), and neither GraphiQL nor the demo users' HTTP Basic sign-in exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WithoutDemoProfileTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestJwts::publicKeyLocation);
        registry.add("send.security.jwt.issuer", () -> TestJwts.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestJwts.AUDIENCE);
        // the demo register is the demo contexts' business; this one only answers who may see the schema
        registry.add("send.demo.enabled", () -> "false");
    }

    /**
     * Boot turns introspection off for the whole JVM (graphql-java's Introspection.enabledJvmWide), not for one
     * context: the demo contexts that share this test JVM need it back on.
     */
    @AfterAll
    static void introspectionBackOnForTheDemoContexts() {
        Introspection.enabledJvmWide(true);
    }

    @LocalServerPort
    int port;

    private WebTestClient.Builder server() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port);
    }

    @Test
    void theSchemaIsNotIntrospectable() {
        HttpGraphQlTester signedIn = HttpGraphQlTester.create(server().baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("Authorization", "Bearer " + TestJwts.token("jwt-introspector")).build());
        signedIn.document("{ me { subject } }").execute().path("me.subject").entity(String.class).isEqualTo("jwt-introspector");
        signedIn.document("{ __schema { queryType { name } } }").execute().errors()
                .expect(e -> e.getMessage().equals("Introspection has been disabled for this request")).verify()
                .path("__schema").pathDoesNotExist();
        signedIn.document("{ __type(name: \"Query\") { fields { name } } }").execute().errors()
                .expect(e -> e.getMessage().equals("Introspection has been disabled for this request")).verify()
                .path("__type").pathDoesNotExist();
    }

    @Test
    void thereIsNoGraphiqlAndNoBasicSignIn() {
        String bearer = "Bearer " + TestJwts.token("jwt-introspector");
        server().build().get().uri("/graphiql").header("Authorization", bearer).exchange().expectStatus().isForbidden();
        server().build().get().uri("/webjars/graphiql/2.4.7/graphiql.min.js").header("Authorization", bearer).exchange().expectStatus().isForbidden();
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:any-password".getBytes());
        server().build().post().uri("/graphql").header("Authorization", basic).header("Content-Type", "application/json")
                .bodyValue("{\"query\":\"{ me { subject } }\"}").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void thePagesOfferNoDemoSignIn() {
        server().build().get().uri("/sign-in").exchange().expectStatus().isOk().expectBody(String.class)
                .value(page -> assertThat(page).doesNotContain("commissioner-camden").contains("no way to sign in to its pages yet"));
        server().build().get().uri("/demand").exchange().expectStatus().isFound().expectHeader()
                .value("Location", location -> assertThat(location).endsWith("/sign-in"));
    }
}
