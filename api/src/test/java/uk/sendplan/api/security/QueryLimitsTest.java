package uk.sendplan.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import uk.sendplan.api.GraphQlTestBase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits that keep one request from taking the service down. */
class QueryLimitsTest extends GraphQlTestBase {

    @Test
    void aQueryDeeperThanTwelveLevelsIsRefusedBeforeItRuns() {
        // region → LA → region → ... : 14 levels
        String deep = "{ regions { localAuthorities { region { localAuthorities { region { localAuthorities { region { localAuthorities {"
                + " region { localAuthorities { region { localAuthorities { region { code } } } } } } } } } } } } } }";
        graphQl.document(deep).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("The query is 14 levels deep; the limit is 12.")).verify();
    }

    @Test
    void aQueryOverTheCostBudgetIsRefusedBeforeItRunsWithItsEstimateAndTheLimit() {
        // 100 pages of 100 settings, each with up to 60 place cells: far more than any screen needs
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            wide.append(" a").append(i).append(": settings(first: 100) { edges { node { urn places { need vacancies } } } }");
        }
        wide.append(" }");
        graphQl.document(wide.toString()).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().startsWith("The query's estimated cost is 1,232,100 (from what its lists can return")
                        && e.getMessage().contains("over the limit of 100,000")
                        && Long.valueOf(1_232_100).equals(((Number) e.getExtensions().get("estimatedCost")).longValue())).verify();
    }

    @Test
    void aSubscriptionOverPlainHttpIsRefusedAndNamesTheWebSocketEndpoint() {
        graphQl.document("subscription { planProgress(planId: \"1\") { planId status } }").execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().contains("open it over the WebSocket endpoint /graphql-ws")
                        && "/graphql-ws".equals(e.getExtensions().get("endpoint"))).verify();
    }

    @Test
    void pageSizesAreCappedAtOneHundred() {
        graphQl.document("{ providers(first: 1000) { totalCount } }").execute().errors()
                .expect(e -> e.getMessage().equals("first: page size must be between 1 and 100, got 1000")).verify();
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedUnread() {
        String huge = "x".repeat(101 * 1024 * 1024);
        client().build().post().contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                .bodyValue(Map.of("query", "{ regions { code } }", "variables", Map.of("pad", huge)))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void theDemoProfileOffersIntrospectionAndGraphiql() {
        graphQl.document("{ __schema { queryType { name } } }").execute()
                .path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
        var page = org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        page.get().uri("/graphiql").exchange().expectStatus().isUnauthorized();
        page.get().uri("/graphiql").header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                .exchange().expectStatus().isOk().expectBody(String.class).value(html -> assertThat(html).contains("/webjars/graphiql/2.4.7/graphiql.min.js"));
        page.get().uri("/actuator").exchange().expectStatus().isUnauthorized();
    }
}
