package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ehcpForecast on the demo's SEN2 statistics: each role's scope, a region as the sum of its LAs (intervals from summed
 * simulations, so narrower than the LAs' intervals added up), and the breakdowns adding up to the total.
 */
class EhcpForecastTest extends GraphQlTestBase {

    static final String FIGURE = "{ central lower80 upper80 lower95 upper95 }";
    static final String QUERY = "query($la: ID, $region: ID, $years: Int) { ehcpForecast(laCode: $la, regionCode: $region, years: $years) {"
            + " scope laCode regionCode baseJanuary baseYear simulations localAuthorities missingLocalAuthorities"
            + " years { january year total " + FIGURE + " specialSchools " + FIGURE + " byAge { age plans " + FIGURE + " }"
            + " byPhase { phase plans " + FIGURE + " } byPlacement { placement plans " + FIGURE + " } byNeed { need plans " + FIGURE + " } } } }";

    @Test
    void aCommissionerGetsTheirOwnLaAndNoOther() {
        GraphQlTester.Response own = as("commissioner-camden").document(QUERY).execute();
        own.path("ehcpForecast.scope").entity(String.class).isEqualTo("Camden");
        own.path("ehcpForecast.baseYear").entity(String.class).isEqualTo("2024/25");
        own.path("ehcpForecast.years[*].year").entityList(String.class).containsExactly("2025/26", "2026/27", "2027/28", "2028/29", "2029/30");
        Map<String, Object> first = own.path("ehcpForecast.years[0]").entity(Map.class).get();
        double total = central(first.get("total"));
        // DfE counted 1,607 Camden plans in January 2025 (1,532 a year before, 1,385 in 2019)
        assertThat(total).isBetween(1_500.0, 2_000.0);
        assertThat(sum(first.get("byAge"))).isCloseTo(total, within(1.0));
        assertThat(sum(first.get("byPhase"))).isCloseTo(total, within(1.0));
        assertThat(sum(first.get("byPlacement"))).isCloseTo(total, within(1.0));
        assertThat(sum(first.get("byNeed"))).isCloseTo(total, within(1.0));
        assertOrdered(first.get("total"));

        forbidden(as("commissioner-camden").document(QUERY).variable("la", "204").execute());
        forbidden(as("commissioner-camden").document(QUERY).variable("region", "E12000007").execute());
    }

    @Test
    void aRegionIsTheSumOfItsLasWithIntervalsFromTheSummedSimulations() {
        GraphQlTester.Response region = as("planner-london").document(QUERY).variable("years", 1).execute();
        region.path("ehcpForecast.scope").entity(String.class).isEqualTo("London");
        List<String> las = region.path("ehcpForecast.localAuthorities").entityList(String.class).get();
        assertThat(las).hasSize(33);
        Map<String, Object> total = region.path("ehcpForecast.years[0].total").entity(Map.class).get();
        assertOrdered(total);
        double centralSum = 0;
        double widthSum = 0;
        for (String la : las) {
            Map<String, Object> own = as("planner-london").document(QUERY).variable("la", la).variable("years", 1).execute()
                    .path("ehcpForecast.years[0].total").entity(Map.class).get();
            centralSum += central(own);
            widthSum += ((Number) own.get("upper95")).doubleValue() - ((Number) own.get("lower95")).doubleValue();
        }
        assertThat(central(total)).isCloseTo(centralSum, within(0.1 * las.size()));
        double width = ((Number) total.get("upper95")).doubleValue() - ((Number) total.get("lower95")).doubleValue();
        assertThat(width).isPositive().isLessThan(0.5 * widthSum);

        forbidden(as("planner-london").document(QUERY).variable("region", "E12000008").execute());
        forbidden(as("planner-london").document(QUERY).variable("la", "886").execute());
    }

    @Test
    void regulatorsAndAdminsGetEnglandAndProvidersNothing() {
        for (String user : List.of("regulator", "admin")) {
            GraphQlTester.Response england = as(user).document(QUERY).variable("years", 1).execute();
            england.path("ehcpForecast.scope").entity(String.class).isEqualTo("England");
            List<String> las = england.path("ehcpForecast.localAuthorities").entityList(String.class).get();
            List<String> missing = england.path("ehcpForecast.missingLocalAuthorities").entityList(String.class).get();
            assertThat(las.size() + missing.size()).isEqualTo(153);
            assertThat(missing).contains("883").isSubsetOf("878", "883");
            // DfE counted 638,745 plans in January 2025: a year on, the forecast is some way above
            assertThat(central(england.path("ehcpForecast.years[0].total").entity(Map.class).get())).isBetween(640_000.0, 760_000.0);
        }
        forbidden(as("provider-demo").document(QUERY).execute());
    }

    @Test
    void yearsOutsideOneToFiveAreRefused() {
        as("regulator").document(QUERY).variable("la", "202").variable("years", 6).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("years: must be 1 to 5 (was 6)")).verify();
    }

    private static void forbidden(GraphQlTester.Response response) {
        response.errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().startsWith("ehcpForecast: ")).verify();
    }

    @SuppressWarnings("unchecked")
    private static double central(Object figure) {
        return ((Number) ((Map<String, Object>) figure).get("central")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static double sum(Object rows) {
        return ((List<Map<String, Object>>) rows).stream().mapToDouble(r -> central(r.get("plans"))).sum();
    }

    @SuppressWarnings("unchecked")
    private static void assertOrdered(Object figure) {
        Map<String, Object> f = (Map<String, Object>) figure;
        List<Double> values = List.of("lower95", "lower80", "central", "upper80", "upper95").stream()
                .map(k -> ((Number) f.get(k)).doubleValue()).toList();
        assertThat(values).isSorted();
    }
}
