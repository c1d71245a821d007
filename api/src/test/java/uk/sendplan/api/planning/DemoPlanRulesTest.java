package uk.sendplan.api.planning;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans a commissioner would sign, on the demo register and demo demand as a newcomer sees them (issue 11): no boarding
 * placement beyond the boarding reach, no child in alternative provision whose request doesn't allow it, and an LA's
 * limit on independent places kept.
 */
class DemoPlanRulesTest extends GraphQlTestBase {

    private static final String CAMDEN = "202";
    private static final String YEAR = "2026-27";
    /** A term no other test uses, so the plan holds this test's children only. */
    private static final String TERM = "2031-AUTUMN";
    private static final Set<String> INDEPENDENT = Set.of("INDEPENDENT_SPECIAL", "SPECIALIST_POST_16");

    @Test
    void demoPlansKeepTheBoardingReachTheAlternativeProvisionRuleAndTheIndependentLimit() throws Exception {
        HttpGraphQlTester camden = asCommissioner(CAMDEN);
        camden.documentName("generateDemoDemand").variable("laCode", CAMDEN).variable("count", 300).variable("startTerm", TERM)
                .variable("seed", 11).execute().path("generateDemoDemand.created").entity(Integer.class).isEqualTo(300);

        String free = start(camden, Map.of());
        camden.documentName("planResult").variable("id", free).execute()
                .path("plan.provenOptimal").entity(Boolean.class).isEqualTo(true);
        List<Map<String, String>> placed = placedRows(camden, free);
        int boarding = 0;
        for (Map<String, String> row : placed) {
            if (row.get("boarding").equals("true")) {
                boarding++;
                assertThat(Double.parseDouble(row.get("distance_km"))).as("boarding placement of %s", row.get("reference")).isLessThanOrEqualTo(200.0);
            }
            if (row.get("setting_type").equals("ALTERNATIVE_PROVISION")) {
                // demo requests take the default: alternative provision only for SEMH
                assertThat(row.get("need")).as("%s placed in alternative provision", row.get("reference")).isEqualTo("SEMH");
            }
        }
        assertThat(boarding).as("boarding placements checked").isPositive();

        // a limit that binds: half the independent placements the plan made without one (children kept there count too)
        long independent = placed.stream().filter(r -> INDEPENDENT.contains(r.get("setting_type"))).count();
        long keptIndependent = placed.stream().filter(r -> INDEPENDENT.contains(r.get("setting_type")) && r.get("pinned").equals("true")).count();
        int requests = camden.documentName("planResult").variable("id", free).execute().path("plan.requests").entity(Integer.class).get();
        long cap = Math.max(keptIndependent, independent / 2);
        assertThat(cap).isLessThan(independent);
        // the share as a percentage with one decimal, rounded down so it allows at most `cap` children
        double share = Math.floor(cap * 1000.0 / requests) / 10;
        String limited = start(camden, Map.of("maxIndependentShare", share));
        long allowed = (long) Math.floor(share / 100 * requests + 1e-9);
        long independentLimited = placedRows(camden, limited).stream().filter(r -> INDEPENDENT.contains(r.get("setting_type"))).count();
        assertThat(independentLimited).isLessThanOrEqualTo(allowed);
    }

    private String start(HttpGraphQlTester commissioner, Map<String, Object> extra) throws InterruptedException {
        Map<String, Object> input = new HashMap<>(Map.of("scope", "LOCAL_AUTHORITY", "code", CAMDEN, "financialYear", YEAR, "startTerm", TERM,
                "timeLimitSeconds", 20));
        input.putAll(extra);
        String planId = commissioner.documentName("startPlan").variable("input", input).execute().path("startPlan.plan.id").entity(String.class).get();
        for (int i = 0; i < 1200; i++) {
            String status = commissioner.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).get();
            if (!List.of("QUEUED", "SOLVING").contains(status)) {
                assertThat(status).isEqualTo("COMPLETED");
                return planId;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan " + planId + " still running after 120 s");
    }

    /** The plan's placed children as CSV rows by column name. */
    private static List<Map<String, String>> placedRows(HttpGraphQlTester commissioner, String planId) {
        List<Csv.Row> rows = Csv.parse(commissioner.documentName("planCsv").variable("id", planId).execute().path("planCsv").entity(String.class).get());
        List<String> header = rows.getFirst().fields();
        List<Map<String, String>> placed = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            Map<String, String> byName = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.put(header.get(i), row.fields().get(i));
            }
            if (byName.get("outcome").equals("PLACED")) {
                placed.add(byName);
            }
        }
        return placed;
    }
}
