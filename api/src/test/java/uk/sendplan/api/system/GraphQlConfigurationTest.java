package uk.sendplan.api.system;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.SchemaMappingInspector;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service refuses to start when a schema field has nothing to answer it. */
class GraphQlConfigurationTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { answered: String unanswered: String }"), RuntimeWiring.newRuntimeWiring().build());
    private static final DataFetcher<String> FETCHER = env -> "x";

    @Test
    void anUnmappedFieldStopsStartUp() {
        var report = SchemaMappingInspector.inspect(SCHEMA, Map.of("Query", Map.of("answered", FETCHER)));
        assertThatThrownBy(() -> GraphQlConfiguration.requireComplete(report))
                .hasMessageContaining("The GraphQL schema and the controllers disagree").hasMessageContaining("Unmapped fields: {Query=[unanswered]}");
    }

    @Test
    void aCompleteMappingPasses() {
        var report = SchemaMappingInspector.inspect(SCHEMA, Map.of("Query", Map.of("answered", FETCHER, "unanswered", FETCHER)));
        assertThatCode(() -> GraphQlConfiguration.requireComplete(report)).doesNotThrowAnyException();
    }
}
