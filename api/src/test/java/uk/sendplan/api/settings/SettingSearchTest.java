package uk.sendplan.api.settings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static uk.sendplan.api.settings.RegisterFixtures.place;

class SettingSearchTest extends GraphQlTestBase {

    String providerId;
    int near;
    int middle;
    int far;

    @BeforeEach
    void threeSettingsOfOneProvider() {
        RegisterFixtures fixtures = new RegisterFixtures(graphQl);
        providerId = fixtures.provider("Search Test Group");
        // on a line east of (500000, 200000): 1 km, 4 km and 9 km away
        far = fixtures.setting(providerId, "919", 509000, 200000, List.of(place("ASD", "SECONDARY", 10, 10)));
        near = fixtures.setting(providerId, "919", 501000, 200000, List.of(place("ASD", "SECONDARY", 10, 4), place("SEMH", "PRIMARY", 5, 5)));
        middle = fixtures.setting(providerId, "919", 504000, 200000, List.of(place("SEMH", "PRIMARY", 6, 2)));
    }

    private Map<String, Object> filter(Map<String, Object> more) {
        var filter = new java.util.HashMap<String, Object>(Map.of("providerId", providerId));
        filter.putAll(more);
        return filter;
    }

    @Test
    void pagesThroughResultsWithCursorsAndATotalCount() {
        var first = graphQl.documentName("settings").variable("filter", filter(Map.of())).variable("first", 2).execute();
        first.path("settings.totalCount").entity(Integer.class).isEqualTo(3)
                .path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(far, near) // URN order
                .path("settings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = first.path("settings.pageInfo.endCursor").entity(String.class).get();

        graphQl.documentName("settings").variable("filter", filter(Map.of())).variable("first", 2).variable("after", cursor).execute()
                .path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(middle)
                .path("settings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void filtersByNeedPhaseAndVacancy() {
        graphQl.documentName("settings").variable("filter", filter(Map.of("need", "ASD"))).execute()
                .path("settings.edges[*].node.urn").entityList(Integer.class).satisfies(urns -> assertThat(urns).containsExactlyInAnyOrder(near, far));
        graphQl.documentName("settings").variable("filter", filter(Map.of("need", "ASD", "hasVacancy", true))).execute()
                .path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(near);
        graphQl.documentName("settings").variable("filter", filter(Map.of("need", "SEMH", "phase", "PRIMARY", "hasVacancy", true))).execute()
                .path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(middle);
        graphQl.documentName("settings").variable("filter", filter(Map.of("hasVacancy", false))).execute()
                .path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(far);
        graphQl.documentName("settings").variable("filter", filter(Map.of("nameContains", "school " + middle))).execute()
                .path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(middle);
        graphQl.documentName("settings").variable("filter", filter(Map.of("laCode", "919", "regionCode", "E12000006", "types", List.of("INDEPENDENT_SPECIAL")))).execute()
                .path("settings.totalCount").entity(Integer.class).isEqualTo(3);
        graphQl.documentName("settings").variable("filter", filter(Map.of("laCode", "202"))).execute()
                .path("settings.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void nearestFirstWithinTheRadiusWithDistances() {
        var response = graphQl.documentName("settings")
                .variable("filter", filter(Map.of("near", Map.of("easting", 500000, "northing", 200000, "withinKm", 5)))).execute();
        response.path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(near, middle)
                .path("settings.totalCount").entity(Integer.class).isEqualTo(2);
        List<Double> distances = response.path("settings.edges[*].distanceKm").entityList(Double.class).get();
        assertThat(distances.get(0)).isCloseTo(1.0, within(1e-9));
        assertThat(distances.get(1)).isCloseTo(4.0, within(1e-9));

        String cursor = graphQl.documentName("settings")
                .variable("filter", filter(Map.of("near", Map.of("easting", 500000, "northing", 200000, "withinKm", 10)))).variable("first", 1)
                .execute().path("settings.pageInfo.endCursor").entity(String.class).get();
        graphQl.documentName("settings")
                .variable("filter", filter(Map.of("near", Map.of("easting", 500000, "northing", 200000, "withinKm", 10))))
                .variable("first", 5).variable("after", cursor).execute()
                .path("settings.edges[*].node.urn").entityList(Integer.class).containsExactly(middle, far);
    }

    @Test
    void refusesPageSizesRadiiAndCursorsOutsideTheRules() {
        graphQl.documentName("settings").variable("first", 101).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("first: page size must be between 1 and 100, got 101")).verify();
        graphQl.documentName("settings").variable("filter", Map.of("near", Map.of("easting", 500000, "northing", 200000, "withinKm", 500))).execute()
                .errors().expect(e -> e.getMessage().equals("filter.near.withinKm: must be more than 0 and at most 200 km, got 500.0")).verify();
        graphQl.documentName("settings").variable("after", "garbage").execute()
                .errors().expect(e -> e.getMessage().startsWith("after: not a cursor from this connection")).verify();
        graphQl.documentName("settings").variable("filter", Map.of("laCode", "000")).execute()
                .errors().expect(e -> e.getMessage().startsWith("filter.laCode: unknown local authority code \"000\"")).verify();
    }

    @Test
    void vacanciesRefuseTwoScopes() {
        graphQl.documentName("vacancies").variable("laCode", "202").variable("regionCode", "E12000007").execute()
                .errors().expect(e -> e.getMessage().equals("laCode: give either laCode or regionCode, not both")).verify();
    }

    @Test
    void providersAreSearchableByNameWithTheirSettings() {
        graphQl.documentName("providers").variable("nameContains", "search test group").execute()
                .path("providers.totalCount").entity(Integer.class).satisfies(count -> assertThat(count).isGreaterThanOrEqualTo(1))
                .path("providers.edges[?(@.node.id == '" + providerId + "')].node.settings[*].urn").entityList(Integer.class)
                .satisfies(urns -> assertThat(urns).containsExactlyInAnyOrder(near, middle, far));
    }
}
