package uk.sendplan.api.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.execution.SchemaReport;

/** GraphQL wiring: custom scalars, and a schema that refuses to start with fields nothing answers. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GraphQlConfiguration.class);

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(Scalars.LONG).scalar(Scalars.MONEY).scalar(Scalars.DATE_TIME).scalar(Scalars.JSON);
    }

    /** Fail fast: an unmapped schema field would otherwise answer null at run time. */
    @Bean
    GraphQlSourceBuilderCustomizer failOnUnmappedSchema() {
        return builder -> builder.inspectSchemaMappings(GraphQlConfiguration::requireComplete);
    }

    static void requireComplete(SchemaReport report) {
        if (report.unmappedFields().isEmpty() && report.unmappedRegistrations().isEmpty() && report.unmappedArguments().isEmpty()) {
            log.debug("{}", report);
            return;
        }
        throw new IllegalStateException("The GraphQL schema and the controllers disagree:\n" + report);
    }
}
