package uk.sendplan.api.system;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The request time limit ends the work: no field starts after it, on graphql-java itself (no Spring). */
class RequestLimitsTest {

    private final AtomicInteger slowCalls = new AtomicInteger();

    private GraphQL graphQl(Duration timeout) {
        return graphQl(timeout, Duration.ofMillis(100), Integer.MAX_VALUE);
    }

    /** Each call of {@code slow} takes {@code each}; the {@code longCall}-th takes the whole time limit and a second more. */
    private GraphQL graphQl(Duration timeout, Duration each, int longCall) {
        String sdl = "type Query { slow(n: Int): Int items: [Item!]! } type Item { slow: Int }";
        DataFetcher<Integer> slow = env -> {
            int call = slowCalls.incrementAndGet();
            Thread.sleep(call == longCall ? timeout.plusSeconds(1).toMillis() : each.toMillis());
            return 1;
        };
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("slow", slow).dataFetcher("items", env -> List.of(Map.of(), Map.of(), Map.of())))
                .type("Item", t -> t.dataFetcher("slow", slow)).build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
        return GraphQL.newGraphQL(schema).instrumentation(new RequestLimits(12, 100_000, timeout, false)).build();
    }

    @Test
    void fieldsPastTheTimeLimitAreNotResolvedAndSaySo() {
        // a and b take no time and c outlasts the limit, so however busy the machine, d starts after the limit
        ExecutionResult result = graphQl(Duration.ofSeconds(2), Duration.ZERO, 3)
                .execute("{ a: slow b: slow c: slow d: slow e: slow f: slow }");
        // d is refused, and so is everything after it
        assertThat(slowCalls.get()).isEqualTo(3);
        assertThat(result.getErrors()).hasSize(3).allSatisfy(error -> {
            // (in the service, GraphQlErrors passes the message on as it is; plain graphql-java prefixes the field)
            assertThat(error.getMessage()).endsWith("The request ran longer than its limit of 2 s and was stopped; ask for less at a time");
        });
    }

    @Test
    void withinTheTimeLimitEveryFieldIsResolved() {
        ExecutionResult result = graphQl(Duration.ofSeconds(10)).execute("{ a: slow items { slow } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(slowCalls.get()).isEqualTo(4);
    }

    @Test
    void aQueryDeeperOrDearerThanTheLimitsIsRefusedBeforeAnyFieldRuns() {
        GraphQL graphQl = GraphQL.newGraphQL(graphQl(Duration.ofSeconds(10)).getGraphQLSchema())
                .instrumentation(new RequestLimits(1, 100_000, Duration.ofSeconds(10), false)).build();
        ExecutionResult deep = graphQl.execute("{ items { slow } }");
        assertThat(deep.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo("The query is 2 levels deep; the limit is 1."));
        assertThat(slowCalls.get()).isZero();
    }
}
