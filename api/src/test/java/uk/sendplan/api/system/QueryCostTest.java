package uk.sendplan.api.system;

import graphql.execution.CoercedVariables;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import uk.sendplan.api.GraphQlTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/** The query cost model on the real schema: every list is bounded, and nested lists multiply. */
class QueryCostTest extends GraphQlTestBase {

    @Autowired
    GraphQlSource graphQlSource;

    private QueryCost.Estimate estimate(String query) {
        var schema = graphQlSource.schema();
        var operation = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(schema, Parser.parse(query), null,
                CoercedVariables.emptyVariables());
        return new QueryCost(schema).estimate(operation);
    }

    @Test
    void everyListInTheSchemaHasABoundOrAPageSize() {
        assertThat(QueryCost.unboundedLists(graphQlSource.schema())).isEmpty();
    }

    @Test
    void aFieldCostsItsWeightPlusItsSelectionsTimesWhatItsListCanReturn() {
        // setting 1 + urn 1 + places (1 + 60 x (need 1 + vacancies 1))
        assertThat(estimate("{ setting(urn: 1) { urn places { need vacancies } } }").cost()).isEqualTo(1 + 1 + 1 + 60 * 2);
        // settings 20 + edges (1 + 7 x (node 1 + urn 1)) + totalCount 1
        assertThat(estimate("{ settings(first: 7) { totalCount edges { node { urn } } } }").cost()).isEqualTo(20 + 1 + 1 + 7 * 2);
        // the default page when first is left out
        assertThat(estimate("{ settings { edges { node { urn } } } }").cost()).isEqualTo(20 + 1 + 20 * 2);
    }

    @Test
    void nestedListsMultiplySoAWalkThroughProvidersIsPricedByWhatItCouldReturn() {
        QueryCost.Estimate chain = estimate("{ setting(urn: 1) { provider { settings { provider { settings { urn } } } } } }");
        // setting 1 + provider (1 + settings (1 + 500 x provider (1 + settings (1 + 500 x urn 1))))
        assertThat(chain.cost()).isEqualTo(1 + 1 + 1 + 500 * (1 + 1 + 500.0));
        assertThat(chain.depth()).isEqualTo(6);
    }

    @Test
    void heavyFieldsCarryTheirOwnWeightAndAliasesAddUp() {
        String one = "suitableSettingsFor(profile: {laCode: \"202\", need: ASD, band: 3, age: 11, gender: MALE}, limit: 5) { suitable { fee } }";
        assertThat(estimate("{ " + one + " }").cost()).isEqualTo(2_000 + 1 + 5);
        assertThat(estimate("{ a: " + one + " b: " + one + " }").cost()).isEqualTo(2 * (2_000 + 1 + 5));
    }

    @Test
    void introspectionIsLeftToGraphqlJavasOwnChecks() {
        assertThat(estimate("{ __schema { types { fields { name } } } }").cost()).isZero();
        assertThat(QueryCost.onlyIntrospection(ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(
                graphQlSource.schema(), Parser.parse("{ __schema { queryType { name } } }"), null, CoercedVariables.emptyVariables()))).isTrue();
    }
}
