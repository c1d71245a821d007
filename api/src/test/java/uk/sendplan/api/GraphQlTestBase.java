package uk.sendplan.api;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.jooq.DSLContext;
import uk.sendplan.db.testing.TestDatabase;

import java.time.Duration;

/**
 * GraphQL tests over real HTTP against the real service on a real PostgreSQL (see {@link TestDatabase}).
 * All subclasses share one Spring context and one database, which starts with the demo register loaded, as a
 * newcomer's service does; tests work on data they create themselves or on what the demo data guarantees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GraphQlTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected DSLContext db;

    protected HttpGraphQlTester graphQl;

    @BeforeEach
    void graphQlClient() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(60))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
        graphQl = HttpGraphQlTester.create(client);
    }
}
