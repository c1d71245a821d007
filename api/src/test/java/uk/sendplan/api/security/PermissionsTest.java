package uk.sendplan.api.security;

import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * The README's permission table, proved: every operation and guarded nested field is run as every role (in its
 * scope and, where the table says "own", outside it) and anonymously, and the outcome must be what the table says.
 * The table must name every operation of the schema.
 */
class PermissionsTest extends GraphQlTestBase {

    static final List<String> ROLES = List.of("COMMISSIONER", "REGIONAL_PLANNER", "PROVIDER", "REGULATOR", "ADMIN");
    static final Map<String, String> USERS = Map.of("COMMISSIONER", "commissioner-camden", "REGIONAL_PLANNER", "planner-london",
            "PROVIDER", "provider-demo", "REGULATOR", "regulator", "ADMIN", "admin");
    static final String YEAR = "2026-27";
    static final String OWN_LA = "202";
    static final String OTHER_LA = "204";            // Hackney, also London: out of the commissioner's scope, in the planner's
    static final String FAR_LA = "886";              // Kent: out of every test user's scope
    static final String OWN_REGION = "E12000007";
    static final String OTHER_REGION = "E12000008";
    static final AtomicInteger NEXT = new AtomicInteger(741_000);

    /** What each probe may refer to, made once. */
    record World(long ownProvider, long otherProvider, int ownSetting, int otherSetting, String ownRequest, String otherRequest,
                 String ownFee, String otherFee, String ownFinding, String otherFinding, String ownPlan, String farPlan,
                 String regionPlan, String otherRegionPlan, String framework, String notesPlan) {
    }

    /** Children of Camden and Hackney in a solved London plan, each with a preference it could not honour (a note). */
    static final String NOTE_TERM = "2031-SPRING";
    static final String OWN_NOTE_CHILD = "PERM-NOTE-202";
    static final String OTHER_NOTE_CHILD = "PERM-NOTE-204";

    static World world;

    /**
     * The market's records for the probes, written straight to the tables (their own tests make them through the
     * service): a Camden referral sent to the demo provider's setting and another provider's, with the demo provider's
     * open offer and the other's withdrawn one; a Hackney referral sent only to the other provider, with its open offer;
     * and a declined agreement on each side.
     */
    record Market(String ownReferral, String otherReferral, String ownOffer, String otherOffer, String withdrawnOffer, String ownAgreement,
                  String otherAgreement, String ownRenewal, String otherRenewal, String ownContract, String otherContract,
                  String ownScenario, String otherScenario) {
    }

    static Market market;

    /** One call: a document and its variables. */
    record Call(String document, Map<String, Object> variables) {
    }

    /** Builds the call for a role, inside its scope (own) or outside it. */
    interface Probe {
        Call call(String role, boolean own);
    }

    final Map<String, Probe> probes = new LinkedHashMap<>();

    @Autowired
    GraphQlSource graphQlSource;
    /** Extra checks for "filtered" cells: the rows that came back are all in the role's scope. */
    final Map<String, BiConsumer<String, GraphQlTester.Response>> filters = new HashMap<>();

    @BeforeEach
    void worldAndProbes() {
        if (world == null) {
            world = makeWorld();
            market = makeMarket(world);
        }
        defineProbes();
    }

    // ------------------------------------------------------------------ the table

    record Row(List<String> operations, Map<String, String> cells) {
    }

    static List<Row> readmeTable() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        List<String> lines = Files.readAllLines(dir.resolve("README.md"));
        int header = lines.indexOf("| operation | COMMISSIONER | REGIONAL_PLANNER | PROVIDER | REGULATOR | ADMIN |");
        assertThat(header).as("the README's permission table").isNotNegative();
        List<Row> rows = new ArrayList<>();
        Pattern operation = Pattern.compile("`([A-Za-z0-9.]+)`");
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            List<String> operations = new ArrayList<>();
            Matcher m = operation.matcher(cells[1]);
            while (m.find()) {
                operations.add(m.group(1));
            }
            Map<String, String> byRole = new LinkedHashMap<>();
            for (int i = 0; i < ROLES.size(); i++) {
                byRole.put(ROLES.get(i), cells[i + 2].trim());
            }
            rows.add(new Row(operations, byRole));
        }
        return rows;
    }

    @Test
    void theTableNamesEveryOperationOfTheSchema() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("schema.graphqls"))) {
            dir = dir.getParent();
        }
        Document schema = Parser.parse(Files.readString(dir.resolve("schema.graphqls")));
        Set<String> operations = new LinkedHashSet<>();
        schema.getDefinitionsOfType(ObjectTypeDefinition.class).stream()
                .filter(t -> List.of("Query", "Mutation", "Subscription").contains(t.getName()))
                .forEach(t -> t.getFieldDefinitions().stream().map(FieldDefinition::getName).forEach(operations::add));
        schema.getDefinitionsOfType(ObjectTypeExtensionDefinition.class).stream()
                .filter(t -> List.of("Query", "Mutation", "Subscription").contains(t.getName()))
                .forEach(t -> t.getFieldDefinitions().stream().map(FieldDefinition::getName).forEach(operations::add));
        Set<String> inTable = new LinkedHashSet<>();
        readmeTable().forEach(r -> inTable.addAll(r.operations()));
        assertThat(inTable).containsAll(operations);
        assertThat(probes.keySet()).containsAll(inTable);
    }

    @Test
    void everyRoleGetsWhatTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Row row : readmeTable()) {
            for (String operation : row.operations()) {
                for (String role : ROLES) {
                    String cell = row.cells().get(role);
                    switch (cell) {
                        case "yes" -> expect(wrong, operation, role, true, true, cell);
                        case "–" -> expect(wrong, operation, role, true, false, cell);
                        case "own LA", "own region", "own" -> {
                            expect(wrong, operation, role, true, true, cell);
                            expect(wrong, operation, role, false, false, cell);
                        }
                        case "filtered", "counts" -> {
                            GraphQlTester.Response response = expect(wrong, operation, role, true, true, cell);
                            if (response != null && filters.containsKey(operation)) {
                                try {
                                    filters.get(operation).accept(role, response);
                                } catch (AssertionError e) {
                                    wrong.add(operation + " as " + role + ": not filtered to its scope: " + e.getMessage());
                                }
                            }
                        }
                        default -> wrong.add(operation + " as " + role + ": unknown table cell \"" + cell + "\"");
                    }
                }
            }
        }
        assertThat(wrong).as("operations whose outcome differs from the README's table").isEmpty();
    }

    @Test
    void anonymousCallersGet401ForEveryOperation() throws Exception {
        for (Row row : readmeTable()) {
            for (String operation : row.operations()) {
                Call call = probes.get(operation).call("ADMIN", true);
                if (call.document().startsWith("subscription")) {
                    continue;  // the WebSocket upgrade itself is refused: see below
                }
                client().build().post().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("query", call.document(), "variables", call.variables())).exchange()
                        .expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
            }
        }
        org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/graphql-ws").exchange().expectStatus().isUnauthorized();
    }

    /**
     * The rule behind the table, on everything a user can read rather than on each operation's probe: every field of
     * every type reachable from the root queries (generated from the schema, see {@link ScopeSweep}), read as each demo
     * user, names no child outside the user's own LA (a commissioner's; nobody else's at all), and reaches no record
     * that the record's own query refuses the user (a provider reading its finding must not get the audit's national
     * statistics through it).
     */
    @Test
    void noUserReadsAChildOfAnotherLaOrARecordItsOwnQueryRefusesThem() throws Exception {
        Map<String, Set<String>> lasByReference = new HashMap<>();
        db.select(PLACEMENT_REQUEST.REFERENCE, PLACEMENT_REQUEST.LA_CODE).from(PLACEMENT_REQUEST)
                .forEach(r -> lasByReference.computeIfAbsent(r.value1(), k -> new LinkedHashSet<>()).add(r.value2()));
        ScopeSweep sweep = new ScopeSweep(graphQlSource.schema(),
                subject -> client().defaultHeaders(h -> h.setBasicAuth(subject, PASSWORD)).build(), lasByReference);
        Map<String, List<Map<String, Object>>> arguments = sweepArguments();
        assertThat(arguments.keySet()).as("root queries the sweep is told how to call").containsAll(sweep.queriesNeedingArguments());
        List<ScopeSweep.RootCall> calls = new ArrayList<>();
        for (String query : sweep.queries()) {
            arguments.getOrDefault(query, List.of(Map.of())).forEach(a -> calls.add(new ScopeSweep.RootCall(query, a)));
        }
        List<String> problems = new ArrayList<>();
        // two users at a time: the sweep waits on the service more than it works
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<ScopeSweep.Run>> runs = new ArrayList<>();
        for (String subject : USERS.values()) {
            var user = db.selectFrom(APP_USER).where(APP_USER.SUBJECT.eq(subject)).fetchOne();
            Set<String> childLas = "COMMISSIONER".equals(user.getRole()) ? Set.of(user.getLaCode()) : Set.of();
            ScopeSweep.Run run = sweep.new Run(subject, childLas);
            runs.add(pool.submit(() -> {
                run.sweep(calls);
                return run;
            }));
        }
        pool.shutdown();
        for (Future<ScopeSweep.Run> future : runs) {
            ScopeSweep.Run run = future.get(5, TimeUnit.MINUTES);
            problems.addAll(run.problems);
            if (!run.childLas.isEmpty()) {
                assertThat(run.ownChildren).as(run.subject + " reads its own children in the sweep (else it proves nothing)").isPositive();
            }
        }
        assertThat(problems).as("what users read outside their scope").isEmpty();
    }

    /** Arguments for the root queries that need them, on the world's records; several sets where scope varies. */
    private Map<String, List<Map<String, Object>>> sweepArguments() {
        World w = world;
        String audit = String.valueOf(db.select(org.jooq.impl.DSL.max(FEE_AUDIT.ID)).from(FEE_AUDIT).fetchOne().value1());
        String notedChild = String.valueOf(db.select(PLACEMENT_REQUEST.ID).from(PLACEMENT_REQUEST)
                .where(PLACEMENT_REQUEST.REFERENCE.eq(OTHER_NOTE_CHILD)).fetchOne().value1());
        Map<String, List<Map<String, Object>>> a = new LinkedHashMap<>();
        a.put("setting", List.of(Map.of("urn", w.ownSetting()), Map.of("urn", w.otherSetting())));
        // small pages: a rule shows on the first rows, and the sweep stays quick
        a.put("localAuthorities", List.of(Map.of("regionCode", OWN_REGION)));
        a.put("settings", List.of(Map.of("filter", Map.of("laCode", OTHER_LA), "first", 5)));
        a.put("providers", List.of(Map.of("first", 5)));
        a.put("provider", List.of(Map.of("id", String.valueOf(w.otherProvider()))));
        a.put("auditTrail", List.of(Map.of("first", 50), Map.of("entityType", "placement_request", "first", 50)));
        a.put("placementRequest", List.of(Map.of("id", w.ownRequest()), Map.of("id", w.otherRequest()), Map.of("id", notedChild)));
        a.put("placementRequests", List.of(Map.of("filter", Map.of("laCode", OWN_LA)), Map.of("filter", Map.of("laCode", OTHER_LA))));
        a.put("demandSummary", List.of(Map.of(), Map.of("laCode", OTHER_LA)));
        a.put("rateFrameworks", List.of(Map.of("financialYear", YEAR)));
        a.put("rateFramework", List.of(Map.of("id", w.framework())));
        a.put("publishedRateFramework", List.of(Map.of("financialYear", YEAR)));
        a.put("nationalBanding", List.of(Map.of("financialYear", YEAR), Map.of("financialYear", YEAR, "laCode", OTHER_LA)));
        a.put("fees", List.of(Map.of("urn", w.ownSetting(), "financialYear", YEAR), Map.of("urn", w.otherSetting(), "financialYear", YEAR)));
        a.put("fee", List.of(Map.of("id", w.ownFee()), Map.of("id", w.otherFee())));
        a.put("checkFee", List.of(Map.of("input", Map.of("urn", w.ownSetting(), "financialYear", YEAR, "band", 3, "kind", "DAY", "annualFee", "50000.00"))));
        a.put("feeAudits", List.of(Map.of("first", 5)));
        a.put("feeAudit", List.of(Map.of("id", audit)));
        a.put("feeFindings", List.of(Map.of("first", 10)));
        a.put("feeFinding", List.of(Map.of("id", w.ownFinding()), Map.of("id", w.otherFinding())));
        a.put("plan", List.of(Map.of("id", w.notesPlan()), Map.of("id", w.ownPlan())));
        a.put("plans", List.of(Map.of("first", 10)));
        a.put("suitableSettings", List.of(Map.of("requestId", w.ownRequest(), "limit", 5), Map.of("requestId", w.otherRequest(), "limit", 5)));
        a.put("suitableSettingsFor", List.of(Map.of("profile", Map.of("laCode", OTHER_LA, "need", "SEMH", "band", 2, "age", 12, "homeDistrict", "E8",
                "gender", "MALE"), "limit", 5)));
        a.put("planCsv", List.of(Map.of("id", w.notesPlan())));
        // an LA plan: its register is one LA's, so each of the sweep's many reads builds a small problem (a London
        // plan's took 0.5-0.9 s a read, 90 s of the sweep); Investment names settings and totals, never a child
        a.put("whereToInvest", List.of(Map.of("planId", w.ownPlan(), "places", 5)));
        Market m = market;
        a.put("referral", List.of(Map.of("id", m.ownReferral()), Map.of("id", m.otherReferral())));
        a.put("offer", List.of(Map.of("id", m.ownOffer()), Map.of("id", m.otherOffer())));
        a.put("placementAgreement", List.of(Map.of("id", m.ownAgreement()), Map.of("id", m.otherAgreement())));
        a.put("blockContract", List.of(Map.of("id", m.ownContract()), Map.of("id", m.otherContract())));
        a.put("scenario", List.of(Map.of("id", m.ownScenario()), Map.of("id", m.otherScenario())));
        a.put("scenariosCsv", List.of(Map.of("ids", List.of(m.ownScenario())), Map.of("ids", List.of(m.otherScenario()))));
        HostConsultationIds hc = hostConsultations();
        a.put("hostConsultation", List.of(Map.of("id", hc.own()), Map.of("id", hc.other())));
        // financial oversight: a provider's figures, its own and another's; the regulator's year
        a.put("providerFigures", List.of(Map.of("providerId", String.valueOf(w.ownProvider())), Map.of("providerId", String.valueOf(w.otherProvider()))));
        a.put("financialOversight", List.of(Map.of("financialYear", YEAR)));
        a.put("financialOversightCsv", List.of(Map.of("financialYear", YEAR, "table", "FLAGS")));
        return a;
    }

    /** Runs the probe; records a mismatch; returns the response when the call went through. */
    private GraphQlTester.Response expect(List<String> wrong, String operation, String role, boolean own, boolean allowed, String cell) {
        Probe probe = probes.get(operation);
        if (probe == null) {
            wrong.add(operation + ": no probe");
            return null;
        }
        Call call = probe.call(role, own);
        List<ResponseError> errors;
        GraphQlTester.Response response = null;
        if (call.document().startsWith("subscription")) {
            errors = subscribe(role, call);
        } else {
            response = as(USERS.get(role)).document(call.document()).variables(call.variables()).execute();
            List<ResponseError> collected = new ArrayList<>();
            response.errors().satisfy(collected::addAll);
            errors = collected;
            response.errors().filter(e -> true).verify();
        }
        boolean forbidden = errors.stream().anyMatch(e -> e.getErrorType() == ErrorType.FORBIDDEN);
        if (forbidden == allowed) {
            wrong.add(operation + " as " + role + (own ? " in scope" : " out of scope") + " (table: " + cell + "): "
                    + (allowed ? "refused: " + errors : "allowed"));
        }
        return response;
    }

    private List<ResponseError> subscribe(String role, Call call) {
        WebSocketGraphQlTester tester = WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql-ws"), new StandardWebSocketClient())
                .headers(h -> h.setBasicAuth(USERS.get(role), PASSWORD)).build();
        List<ResponseError> errors = new ArrayList<>();
        try {
            tester.document(call.document()).variables(call.variables()).executeSubscription().toFlux()
                    .take(1).doOnNext(response -> response.errors().satisfy(errors::addAll)).blockLast(Duration.ofSeconds(30));
        } catch (org.springframework.graphql.client.SubscriptionErrorException e) {
            errors.addAll(e.getErrors());
        }
        return errors;
    }

    // ------------------------------------------------------------------ probes

    private static Call call(String document, Object... keysAndValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Call(document, variables);
    }

    /** A probe that ignores scope. */
    private void any(String operation, Call call) {
        probes.put(operation, (role, own) -> call);
    }

    private void defineProbes() {
        World w = world;
        any("me", call("{ me { subject } }"));
        any("regions", call("{ regions { code } }"));
        any("localAuthorities", call("{ localAuthorities { code } }"));
        any("needTypes", call("{ needTypes { code } }"));
        any("phases", call("{ phases { code } }"));
        any("settingTypes", call("{ settingTypes { code } }"));
        any("setting", call("query($urn: Int!) { setting(urn: $urn) { urn } }", "urn", w.ownSetting()));
        any("settings", call("{ settings(first: 1) { totalCount } }"));
        any("vacancies", call("{ vacancies(laCode: \"202\") { vacancies } }"));
        any("provider", call("query($id: ID!) { provider(id: $id) { name } }", "id", String.valueOf(w.ownProvider())));
        any("providers", call("{ providers(first: 1) { totalCount } }"));
        any("Setting.placements", call("query($urn: Int!) { setting(urn: $urn) { placements { id request { reference } } } }",
                "urn", w.ownSetting()));
        filters.put("Setting.placements", (role, response) -> response.path("setting.placements[*].id").entityList(String.class)
                .satisfies(ids -> ids.forEach(id -> assertThat(db.fetchValue(PLACEMENT.LA_CODE, PLACEMENT.ID.eq(Long.parseLong(id)))).isEqualTo(OWN_LA))));
        any("auditTrail", call("{ auditTrail(first: 100) { edges { node { id } } } }"));
        filters.put("auditTrail", (role, response) -> response.path("auditTrail.edges[*].node.id").entityList(String.class).satisfies(ids -> {
            assertThat(ids).isNotEmpty();
            for (String id : ids) {
                var event = db.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.eq(Long.parseLong(id))).fetchOne();
                if (!List.of("PROVIDER", "REGULATOR", "ADMIN").contains(role)) {
                    // cost breakdowns are the provider's, the regulator's and the admin's alone (as Fee.breakdown), in the trail as anywhere
                    assertThat(event.getAfter() == null ? "" : event.getAfter().data()).doesNotContain("breakdown");
                }
                switch (role) {
                    case "COMMISSIONER" -> assertThat(event.getLaCode()).isEqualTo(OWN_LA);
                    case "REGIONAL_PLANNER" -> {
                        assertThat(event.getChildLevel()).isFalse();
                        assertThat(db.fetchValue(LOCAL_AUTHORITY.REGION_CODE, LOCAL_AUTHORITY.CODE.eq(event.getLaCode()))).isEqualTo(OWN_REGION);
                    }
                    case "PROVIDER" -> {
                        assertThat(event.getChildLevel()).isFalse();
                        assertThat(event.getProviderId()).isEqualTo(w.ownProvider());
                    }
                    case "REGULATOR", "ADMIN" -> assertThat(event.getChildLevel()).isFalse();
                    default -> fail("no filter rule for " + role);
                }
            }
        }));

        // the register
        probes.put("registerSetting", (role, own) -> call("mutation($input: RegisterSettingInput!) { registerSetting(input: $input) { setting { urn } } }",
                "input", Map.of("urn", NEXT.incrementAndGet(), "name", "Permission probe", "type", "INDEPENDENT_SPECIAL",
                        "providerId", String.valueOf(own ? w.ownProvider() : w.otherProvider()), "laCode", OWN_LA, "ageFrom", 7, "ageTo", 16)));
        probes.put("updateSetting", (role, own) -> call("mutation($input: UpdateSettingInput!) { updateSetting(input: $input) { setting { urn } } }",
                "input", Map.of("urn", own ? w.ownSetting() : w.otherSetting(), "ofstedRating", "GOOD")));
        probes.put("setPlaces", (role, own) -> call("mutation($input: SetPlacesInput!) { setPlaces(input: $input) { setting { urn } } }",
                "input", Map.of("urn", own ? w.ownSetting() : w.otherSetting(), "places",
                        List.of(Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 10, "occupied", 2)))));
        any("setRegistrationStatus", call("mutation($input: SetRegistrationStatusInput!) { setRegistrationStatus(input: $input) { setting { urn } } }",
                "input", Map.of("urn", w.otherSetting(), "status", "OPEN")));
        any("registerProvider", call("mutation { registerProvider(input: {name: \"Probe Ltd\", kind: INDEPENDENT}) { provider { id } } }"));
        any("importSettings", call("mutation($csv: String) { importSettings(csv: $csv, dryRun: true) { rows } }",
                "csv", "\"URN\",\"LA (code)\",\"EstablishmentName\",\"TypeOfEstablishment (name)\",\"EstablishmentStatus (name)\",\"StatutoryLowAge\",\"StatutoryHighAge\"\n"));
        any("users", call("{ users { subject } }"));
        any("setUserScope", call("mutation { setUserScope(input: {subject: \"probe-user\", role: REGULATOR}) { user { role } } }"));
        any("deactivateUser", call("mutation { deactivateUser(subject: \"probe-user\") { user { active } } }"));

        // demand
        probes.put("placementRequest", (role, own) -> call("query($id: ID!) { placementRequest(id: $id) { reference } }",
                "id", own ? w.ownRequest() : w.otherRequest()));
        probes.put("placementRequests", (role, own) -> call("query($la: ID!) { placementRequests(filter: {laCode: $la}, first: 1) { totalCount } }",
                "la", own ? OWN_LA : OTHER_LA));
        probes.put("createPlacementRequest", (role, own) -> call("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) { request { id } } }",
                "input", Map.of("laCode", own ? OWN_LA : OTHER_LA, "reference", "PERM-" + NEXT.incrementAndGet(), "primaryNeed", "ASD", "band", 2,
                        "age", 9, "homeDistrict", "NW1", "gender", "FEMALE", "startTerm", "2027-AUTUMN")));
        probes.put("updatePlacementRequest", (role, own) -> call("mutation($id: ID!) { updatePlacementRequest(input: {id: $id, band: 3}) { request { id } } }",
                "id", own ? w.ownRequest() : w.otherRequest()));
        probes.put("withdrawPlacementRequest", (role, own) -> call("mutation($id: ID!) { withdrawPlacementRequest(id: $id, reason: \"probe\") { request { id } } }",
                "id", own ? freshRequest() : w.otherRequest()));
        probes.put("importPlacementRequests", (role, own) -> call("mutation($la: ID!) { importPlacementRequests(laCode: $la, csv: \"reference,primary_need,band,age,gender,start_term\\n\", dryRun: true) { rows } }",
                "la", own ? OWN_LA : OTHER_LA));
        probes.put("generateDemoDemand", (role, own) -> call("mutation($la: ID!) { generateDemoDemand(laCode: $la, count: 1) { created } }",
                "la", own ? OWN_LA : OTHER_LA));
        probes.put("demandSummary", (role, own) -> "REGIONAL_PLANNER".equals(role)
                ? call("query($r: ID) { demandSummary(regionCode: $r) { need } }", "r", own ? OWN_REGION : OTHER_REGION)
                : call("query($la: ID) { demandSummary(laCode: $la) { need } }", "la", own ? OWN_LA : FAR_LA));

        // fees
        any("rateFrameworks", call("{ rateFrameworks { id } }"));
        any("rateFramework", call("query($id: ID!) { rateFramework(id: $id) { id } }", "id", w.framework()));
        any("publishedRateFramework", call("{ publishedRateFramework(financialYear: \"2026-27\") { id } }"));
        any("createRateFramework", call("mutation { createRateFramework(input: {financialYear: \"2070-71\", name: \"Probe\"}) { framework { id } } }"));
        any("updateRateFramework", call("mutation($id: ID!) { updateRateFramework(input: {id: $id, name: \"x\"}) { framework { id } } }", "id", w.framework()));
        any("publishRateFramework", call("mutation($id: ID!) { publishRateFramework(input: {id: $id}) { framework { id } } }", "id", w.framework()));
        probes.put("fees", (role, own) -> call("query($urn: Int!) { fees(urn: $urn, financialYear: \"2026-27\") { id } }",
                "urn", own ? w.ownSetting() : w.otherSetting()));
        probes.put("fee", (role, own) -> call("query($id: ID!) { fee(id: $id) { id } }", "id", own ? w.ownFee() : w.otherFee()));
        probes.put("Fee.breakdown", (role, own) -> call("query($id: ID!) { fee(id: $id) { breakdown { education } } }",
                "id", own ? w.ownFee() : w.otherFee()));
        probes.put("FeeCheck.surplus", (role, own) -> call("query($id: ID!) { fee(id: $id) { check { surplus } } }",
                "id", own ? w.ownFee() : w.otherFee()));
        probes.put("checkFee", (role, own) -> call("query($urn: Int!) { checkFee(input: {urn: $urn, financialYear: \"2026-27\", band: 3, kind: DAY, annualFee: \"50000.00\"}) { verdict } }",
                "urn", own ? w.ownSetting() : w.otherSetting()));
        probes.put("submitFees", (role, own) -> call("mutation($urn: Int!) { submitFees(input: {urn: $urn, financialYear: \"2026-27\", fees: [{band: 3, kind: DAY, annualFee: \"50000.00\"}]}) { fees { id } } }",
                "urn", own ? w.ownSetting() : w.otherSetting()));
        probes.put("reviseFee", (role, own) -> call("mutation($urn: Int!) { reviseFee(input: {urn: $urn, financialYear: \"2026-27\", band: 3, kind: DAY, revises: 99, annualFee: \"50000.00\", reason: \"probe\"}) { fee { id } } }",
                "urn", own ? w.ownSetting() : w.otherSetting()));
        // an audit is the regulator's and a finding the regulator's and its provider's, however a query reaches them
        probes.put("Fee.finding", (role, own) -> call("query($id: ID!) { fee(id: $id) { finding { id } } }", "id", own ? w.ownFee() : w.otherFee()));
        probes.put("FeeFinding.audit", (role, own) -> call("query($id: ID!) { feeFinding(id: $id) { audit { id statistics { fees } } } }",
                "id", own ? w.ownFinding() : w.otherFinding()));
        probes.put("FeeCheck.audit", (role, own) -> call("query($id: ID!) { fee(id: $id) { checks { audit { id providersWithMostFindings { findings } } } } }",
                "id", own ? w.ownFee() : w.otherFee()));
        any("feeAudits", call("{ feeAudits(first: 1) { edges { node { id } } } }"));
        any("feeAudit", call("query($id: ID!) { feeAudit(id: $id) { id } }", "id", "1"));
        any("runFeeAudit", call("mutation($p: ID) { runFeeAudit(financialYear: \"2026-27\", scope: {providerId: $p}) { audit { id } } }",
                "p", String.valueOf(w.ownProvider())));
        any("feeFindings", call("{ feeFindings(first: 100) { edges { node { id provider { id } } } } }"));
        filters.put("feeFindings", (role, response) -> response.path("feeFindings.edges[*].node.provider.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().containsOnly(String.valueOf(w.ownProvider()))));
        any("feeFindingsCsv", call("query($p: ID) { feeFindingsCsv(filter: {providerId: $p}) }", "p", String.valueOf(w.ownProvider())));
        probes.put("feeFinding", (role, own) -> call("query($id: ID!) { feeFinding(id: $id) { id } }", "id", own ? w.ownFinding() : w.otherFinding()));
        probes.put("setFeeFindingStatus", (role, own) -> call("mutation($id: ID!, $status: FeeFindingStatus!) { setFeeFindingStatus(input: {id: $id, status: $status, note: \"probe\"}) { finding { id } } }",
                "id", own ? w.ownFinding() : w.otherFinding(), "status", "PROVIDER".equals(role) ? "PROVIDER_RESPONDED" : "ESCALATED"));
        any("suspendSettings", call("mutation($urn: Int!) { suspendSettings(input: {urns: [$urn], reason: \"probe\"}) { settings { urn } } }", "urn", w.otherSetting()));
        any("reinstateSettings", call("mutation($urn: Int!) { reinstateSettings(input: {urns: [$urn], reason: \"probe\"}) { settings { urn } } }", "urn", w.otherSetting()));

        // planning
        probes.put("plan", (role, own) -> call("query($id: ID!) { plan(id: $id) { id } }", "id", planFor(role, own)));
        probes.put("planProgress", (role, own) -> call("subscription($id: ID!) { planProgress(planId: $id) { status } }", "id", planFor(role, own)));
        probes.put("startPlan", (role, own) -> "REGIONAL_PLANNER".equals(role)
                ? call("mutation($code: ID!) { startPlan(input: {scope: REGION, code: $code, timeLimitSeconds: 1}) { plan { id } } }", "code", own ? OWN_REGION : OTHER_REGION)
                : call("mutation($code: ID!) { startPlan(input: {scope: LOCAL_AUTHORITY, code: $code, timeLimitSeconds: 1}) { plan { id } } }", "code", own ? OWN_LA : FAR_LA));
        probes.put("cancelPlan", (role, own) -> call("mutation($id: ID!) { cancelPlan(id: $id) { plan { id } } }", "id", planFor(role, own)));
        any("plans", call("{ plans(first: 100) { edges { node { id scope code } } } }"));
        filters.put("plans", (role, response) -> response.path("plans.edges[*].node").entityList(Map.class).satisfies(plans -> {
            assertThat(plans).isNotEmpty();
            for (Map<?, ?> p : plans) {
                String la = "LOCAL_AUTHORITY".equals(p.get("scope")) ? (String) p.get("code") : null;
                String region = la == null ? (String) p.get("code") : db.fetchValue(LOCAL_AUTHORITY.REGION_CODE, LOCAL_AUTHORITY.CODE.eq(la));
                assertThat(region).isEqualTo(OWN_REGION);
                if ("COMMISSIONER".equals(role) && la != null) {
                    assertThat(la).isEqualTo(OWN_LA);
                }
            }
        }));
        any("Plan.notes", call("query($id: ID!) { plan(id: $id) { notes } }", "id", w.notesPlan()));
        filters.put("Plan.notes", (role, response) -> response.path("plan.notes").entityList(String.class).satisfies(notes -> {
            assertThat(String.join("\n", notes)).doesNotContain(OTHER_NOTE_CHILD);
            if ("COMMISSIONER".equals(role)) {
                assertThat(notes).anyMatch(n -> n.startsWith("request " + OWN_NOTE_CHILD + ": preferred setting " + w.ownSetting()));
            } else {
                assertThat(String.join("\n", notes)).doesNotContain(OWN_NOTE_CHILD);
                assertThat(notes).containsExactly("2 children had preferred settings with no available places for their need and phase in this plan (2 preferences)");
            }
        }));
        probes.put("Plan.assignments", (role, own) -> call("query($id: ID!) { plan(id: $id) { assignments { totalCount } } }", "id", planFor(role, own)));
        probes.put("Plan.unplacedRequests", (role, own) -> call("query($id: ID!) { plan(id: $id) { unplacedRequests { reason } } }", "id", planFor(role, own)));
        probes.put("planCsv", (role, own) -> call("query($id: ID!) { planCsv(id: $id) }", "id", planFor(role, own)));
        probes.put("approvePlan", (role, own) -> call("mutation($id: ID!) { approvePlan(input: {planId: $id}) { approved } }", "id", planFor(role, own)));
        probes.put("suitableSettings", (role, own) -> call("query($id: ID!) { suitableSettings(requestId: $id) { suitable { vacancies } } }",
                "id", own ? w.ownRequest() : w.otherRequest()));
        probes.put("suitableSettingsFor", (role, own) -> call("query($la: ID!) { suitableSettingsFor(profile: {laCode: $la, need: ASD, band: 2, age: 9, homeDistrict: \"E8\", gender: MALE}) { suitable { vacancies } } }",
                "la", own ? ("REGIONAL_PLANNER".equals(role) ? OTHER_LA : OWN_LA) : FAR_LA));

        // the market: in scope, each mutation is refused for a reason of its own input, never for the caller's scope
        Market m = market;
        any("referrals", call("{ referrals(first: 100) { edges { node { id } } } }"));
        filters.put("referrals", (role, response) -> response.path("referrals.edges[*].node.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(visibleReferral(role, Long.parseLong(id))).isTrue())));
        any("referralsCsv", call("{ referralsCsv }"));
        filters.put("referralsCsv", (role, response) -> response.path("referralsCsv").entity(String.class).satisfies(csv -> {
            List<String> lines = csv.lines().skip(1).toList();
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(visibleReferral(role, Long.parseLong(line.substring(0, line.indexOf(','))))).isTrue());
            if ("PROVIDER".equals(role)) {
                assertThat(csv).doesNotContain("PERM-OWN-1").doesNotContain("PERM-OTHER-1");
            }
        }));
        any("placementAgreements", call("{ placementAgreements(first: 100) { edges { node { id } } } }"));
        filters.put("placementAgreements", (role, response) -> response.path("placementAgreements.edges[*].node.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().allSatisfy(id -> {
                    var a = db.selectFrom(PLACEMENT_AGREEMENT).where(PLACEMENT_AGREEMENT.ID.eq(Long.parseLong(id))).fetchOne();
                    assertThat("COMMISSIONER".equals(role) ? a.getLaCode().equals(OWN_LA) : a.getProviderId() == w.ownProvider()).isTrue();
                })));
        probes.put("referral", (role, own) -> call("query($id: ID!) { referral(id: $id) { id } }", "id", own ? m.ownReferral() : m.otherReferral()));
        probes.put("offer", (role, own) -> call("query($id: ID!) { offer(id: $id) { id } }", "id", own ? m.ownOffer() : m.otherOffer()));
        probes.put("placementAgreement", (role, own) -> call("query($id: ID!) { placementAgreement(id: $id) { id } }",
                "id", own ? m.ownAgreement() : m.otherAgreement()));
        probes.put("Referral.comparison", (role, own) -> call("query($id: ID!) { referral(id: $id) { comparison { kind } } }",
                "id", own ? m.ownReferral() : m.otherReferral()));
        probes.put("createReferral", (role, own) -> call("mutation($id: ID!) { createReferral(input: {requestId: $id, startTerm: \"2020-AUTUMN\"}) { referral { id } } }",
                "id", own ? w.ownRequest() : w.otherRequest()));
        probes.put("referUnplaced", (role, own) -> call("mutation($id: ID!) { referUnplaced(input: {planId: $id, respondBy: \"not a date\"}) { skipped { reason } } }",
                "id", own ? w.ownPlan() : w.farPlan()));
        probes.put("addReferralSetting", (role, own) -> call("mutation($id: ID!, $urn: Int!) { addReferralSetting(referralId: $id, urn: $urn) { referral { id } } }",
                "id", own ? m.ownReferral() : m.otherReferral(), "urn", w.ownSetting()));
        probes.put("removeReferralSetting", (role, own) -> call("mutation($id: ID!) { removeReferralSetting(referralId: $id, urn: 100001) { referral { id } } }",
                "id", own ? m.ownReferral() : m.otherReferral()));
        probes.put("withdrawReferral", (role, own) -> call("mutation($id: ID!, $reason: String!) { withdrawReferral(id: $id, reason: $reason) { referral { id } } }",
                "id", own ? m.ownReferral() : m.otherReferral(), "reason", own ? " " : "probe"));
        probes.put("awardOffer", (role, own) -> call("mutation($id: ID!) { awardOffer(offerId: $id) { agreement { id } } }",
                "id", own ? m.withdrawnOffer() : m.otherOffer()));
        probes.put("declineReferral", (role, own) -> call("mutation($id: ID!, $urn: Int!) { declineReferral(input: {referralId: $id, urn: $urn, reason: OTHER}) { referral { id } } }",
                "id", own ? m.ownReferral() : m.otherReferral(), "urn", own ? w.ownSetting() : w.otherSetting()));
        probes.put("makeOffer", (role, own) -> call("mutation($input: MakeOfferInput!) { makeOffer(input: $input) { offer { id } } }",
                "input", Map.of("referralId", own ? m.ownReferral() : m.otherReferral(), "urn", own ? w.ownSetting() : w.otherSetting(), "kind", "DAY",
                        "annualFee", "50000.00", "breakdown", Map.of("education", "50000.00", "care", "0.00", "therapies", "0.00", "other", "0.00"),
                        "startDate", java.time.LocalDate.now().plusDays(40).toString(), "validUntil", java.time.LocalDate.now().plusDays(20).toString())));
        probes.put("reviseOffer", (role, own) -> call("mutation($input: ReviseOfferInput!) { reviseOffer(input: $input) { offer { id } } }",
                "input", Map.of("offerId", own ? m.ownOffer() : m.otherOffer(), "kind", "DAY", "annualFee", "50000.00",
                        "breakdown", Map.of("education", "1.00", "care", "0.00", "therapies", "0.00", "other", "0.00"),
                        "startDate", java.time.LocalDate.now().plusDays(40).toString(), "validUntil", java.time.LocalDate.now().plusDays(20).toString())));
        probes.put("withdrawOffer", (role, own) -> call("mutation($id: ID!, $reason: String!) { withdrawOffer(id: $id, reason: $reason) { offer { id } } }",
                "id", own ? m.ownOffer() : m.otherOffer(), "reason", own ? " " : "probe"));
        probes.put("acceptPlacementAgreement", (role, own) -> call("mutation($id: ID!) { acceptPlacementAgreement(id: $id) { agreement { id } } }",
                "id", own ? m.ownAgreement() : m.otherAgreement()));
        probes.put("proposeRenewal", (role, own) -> call("mutation($id: ID!) { proposeRenewal(input: {agreementId: $id, annualFee: \"51000.00\"}) { renewal { id } } }",
                "id", own ? m.ownAgreement() : m.otherAgreement()));
        probes.put("renewAgreement", (role, own) -> call("mutation($id: ID!) { renewAgreement(renewalId: $id) { agreement { id } } }",
                "id", own ? m.ownRenewal() : m.otherRenewal()));
        probes.put("rejectRenewal", (role, own) -> call("mutation($id: ID!) { rejectRenewal(renewalId: $id, reason: \"probe\") { renewal { id } } }",
                "id", own ? m.ownRenewal() : m.otherRenewal()));
        probes.put("declinePlacementAgreement", (role, own) -> call("mutation($id: ID!) { declinePlacementAgreement(id: $id, reason: \"probe\") { agreement { id } } }",
                "id", own ? m.ownAgreement() : m.otherAgreement()));

        // block contracts: the LA's (commissioner, as a party; lead for decisions) and the provider's own
        any("blockContracts", call("{ blockContracts { id } }"));
        filters.put("blockContracts", (role, response) -> response.path("blockContracts[*].id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().allSatisfy(id -> {
                    long contract = Long.parseLong(id);
                    assertThat("COMMISSIONER".equals(role)
                            ? db.fetchExists(BLOCK_CONTRACT_PARTY, BLOCK_CONTRACT_PARTY.CONTRACT_ID.eq(contract).and(BLOCK_CONTRACT_PARTY.LA_CODE.eq(OWN_LA)))
                            : db.fetchValue(BLOCK_CONTRACT.PROVIDER_ID, BLOCK_CONTRACT.ID.eq(contract)) == w.ownProvider()).isTrue();
                })));
        probes.put("blockContract", (role, own) -> call("query($id: ID!) { blockContract(id: $id) { id annualFee parties { filled } } }",
                "id", own ? m.ownContract() : m.otherContract()));
        probes.put("proposeBlockContract", (role, own) -> call("mutation($la: String!) { proposeBlockContract(input: {urn: 100001, need: ASD, "
                + "phase: PRIMARY, financialYear: \"2020-21\", band: 2, kind: DAY, annualFee: \"50000.00\", parties: [{laCode: $la, places: 1}]}) "
                + "{ contract { id } } }", "la", OWN_LA));
        for (String decision : List.of("acceptBlockContract", "withdrawBlockContract", "endBlockContract")) {
            probes.put(decision, (role, own) -> call("mutation($id: ID!) { " + decision + ("acceptBlockContract".equals(decision) ? "(id: $id)"
                    : "(id: $id, reason: \"probe\")") + " { contract { id } } }", "id", own ? m.ownContract() : m.otherContract()));
        }
        probes.put("declineBlockContract", (role, own) -> call("mutation($id: ID!) { declineBlockContract(id: $id, reason: \"probe\") { contract { id } } }",
                "id", own ? m.ownContract() : m.otherContract()));

        // host LA consultations: a commissioner's LA's, a provider's own settings'; regional planners none
        HostConsultationIds hc = hostConsultations();
        BiConsumer<String, List<String>> consultationsInScope = (role, ids) -> assertThat(ids).isNotEmpty().allSatisfy(id -> {
            var row = db.selectFrom(HOST_CONSULTATION).where(HOST_CONSULTATION.ID.eq(Long.parseLong(id))).fetchOne();
            assertThat("COMMISSIONER".equals(role) ? row.getLaCode().equals(OWN_LA) : row.getProviderId() == w.ownProvider()).isTrue();
        });
        any("hostConsultations", call("{ hostConsultations(first: 200) { id } }"));
        filters.put("hostConsultations", (role, response) -> response.path("hostConsultations[*].id").entityList(String.class)
                .satisfies(ids -> consultationsInScope.accept(role, ids)));
        any("Setting.hostConsultations", call("query($urn: Int!) { setting(urn: $urn) { hostConsultations { id answer } } }", "urn", w.ownSetting()));
        filters.put("Setting.hostConsultations", (role, response) -> response.path("setting.hostConsultations[*].id").entityList(String.class)
                .satisfies(ids -> consultationsInScope.accept(role, ids)));
        probes.put("hostConsultation", (role, own) -> call("query($id: ID!) { hostConsultation(id: $id) { id summary } }", "id",
                own ? hc.own() : hc.other()));
        probes.put("answerHostConsultation", (role, own) -> call("mutation($id: ID!) { answerHostConsultation(input: {id: $id, answer: NO_VIEW}) "
                + "{ consultation { id } } }", "id", own ? hc.own() : hc.other()));

        // scenarios: a commissioner's LA's, a planner's region's
        any("scenarios", call("{ scenarios { id scopeCode } }"));
        filters.put("scenarios", (role, response) -> response.path("scenarios[*].id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().allSatisfy(id -> {
                    var row = db.selectFrom(SCENARIO).where(SCENARIO.ID.eq(Long.parseLong(id))).fetchOne();
                    assertThat("COMMISSIONER".equals(role) ? row.getScopeCode().equals(OWN_LA) : row.getRegionCode().equals(OWN_REGION)).isTrue();
                })));
        probes.put("scenario", (role, own) -> call("query($id: ID!) { scenario(id: $id) { id summary } }", "id", own ? m.ownScenario() : m.otherScenario()));
        probes.put("scenariosCsv", (role, own) -> call("query($id: ID!) { scenariosCsv(ids: [$id]) }", "id", own ? m.ownScenario() : m.otherScenario()));
        // regulators and admins run scenarios on forecast demand only (they read no plan); a blank name is refused after the scope
        probes.put("runScenario", (role, own) -> "REGULATOR".equals(role) || "ADMIN".equals(role)
                ? call("mutation($la: ID!) { runScenario(input: {forecastJanuary: 2026, laCode: $la, name: \" \", "
                + "changes: {closeSettings: [100001]}}) { scenario { id } } }", "la", own ? OWN_LA : "204")
                : call("mutation($id: ID!) { runScenario(input: {planId: $id, name: \" \", "
                + "changes: {closeSettings: [100001]}}) { scenario { id } } }", "id", planFor(role, own)));
        // places: 0 is refused after the plan's scope is checked, so a permitted probe plans nothing
        probes.put("whereToInvest", (role, own) -> call("query($id: ID!) { whereToInvest(planId: $id, places: 0) { summary } }", "id",
                planFor(role, own)));

        // market intelligence: a commissioner's LA, a planner's region; a provider gets its own row alone wherever it asks
        for (String statistics : List.of("marketStatistics", "marketStatisticsCsv")) {
            String selection = "marketStatistics".equals(statistics) ? " { providers { providerId } }" : "";
            probes.put(statistics, (role, own) -> "REGIONAL_PLANNER".equals(role)
                    ? call("query($r: ID) { " + statistics + "(regionCode: $r)" + selection + " }", "r", own ? OWN_REGION : OTHER_REGION)
                    : call("query($la: ID) { " + statistics + "(laCode: $la)" + selection + " }", "la", own ? OWN_LA : OTHER_LA));
        }
        filters.put("marketStatistics", (role, response) -> response.path("marketStatistics.providers[*].providerId").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().containsOnly(String.valueOf(w.ownProvider()))));
        filters.put("marketStatisticsCsv", (role, response) -> response.path("marketStatisticsCsv").entity(String.class).satisfies(csv -> {
            List<uk.sendplan.api.system.Csv.Row> rows = uk.sendplan.api.system.Csv.parse(csv);
            assertThat(rows.stream().filter(r -> "PROVIDER".equals(r.fields().get(2))).map(r -> r.fields().get(3)))
                    .isNotEmpty().containsOnly(String.valueOf(w.ownProvider()));
        }));

        // financial oversight: a provider's own figures; a turnover of nothing is refused after the scope, so nothing is written
        probes.put("providerFigures", (role, own) -> call("query($p: ID!) { providerFigures(providerId: $p) { financialYear marginPercent } }",
                "p", String.valueOf(own ? w.ownProvider() : w.otherProvider())));
        probes.put("stateProviderFigures", (role, own) -> call("mutation($p: ID!) { stateProviderFigures(input: {providerId: $p, financialYear: \"2026-27\", "
                + "turnover: \"0.00\", operatingSurplus: \"0.00\", netDebt: \"0.00\", ownerKind: CHARITY}) { figures { providerId } } }",
                "p", String.valueOf(own ? w.ownProvider() : w.otherProvider())));
        any("financialOversight", call("{ financialOversight(financialYear: \"2026-27\") { providersStating flags { kind providerId } } }"));
        any("financialOversightCsv", call("{ financialOversightCsv(financialYear: \"2026-27\", table: FLAGS) }"));
        // national banding of state fees (issue 15, item 4): a commissioner's LA, a planner's region; providers are refused
        probes.put("nationalBanding", (role, own) -> "REGIONAL_PLANNER".equals(role)
                ? call("query($r: ID) { nationalBanding(financialYear: \"" + YEAR + "\", regionCode: $r) { scope outside } }", "r", own ? OWN_REGION : OTHER_REGION)
                : call("query($la: ID) { nationalBanding(financialYear: \"" + YEAR + "\", laCode: $la) { scope outside } }", "la", own ? OWN_LA : OTHER_LA));

        // sufficiency: the SEN2 import (a dry run of a file with no columns: rejected rows, nothing written) and the forecast
        any("importSen2", call("mutation { importSen2(file: CASELOAD, csv: \"time_period\\n\", dryRun: true) { rows rejected } }"));
        probes.put("ehcpForecast", (role, own) -> switch (role) {
            case "COMMISSIONER" -> call("query($la: ID) { ehcpForecast(laCode: $la, years: 1) { scope years { total { central } } } }",
                    "la", own ? OWN_LA : FAR_LA);
            case "REGIONAL_PLANNER" -> call("query($r: ID) { ehcpForecast(regionCode: $r, years: 1) { scope years { total { central } } } }",
                    "r", own ? OWN_REGION : OTHER_REGION);
            default -> call("{ ehcpForecast(years: 1) { scope years { total { central } } } }");
        });
        probes.put("sufficiency", (role, own) -> switch (role) {
            case "COMMISSIONER" -> call("query($la: ID) { sufficiency(laCode: $la, years: 1) { scope years { rows { summary } } } }",
                    "la", own ? OWN_LA : FAR_LA);
            case "REGIONAL_PLANNER" -> call("query($r: ID) { sufficiency(regionCode: $r, years: 1) { scope years { rows { summary } } } }",
                    "r", own ? OWN_REGION : OTHER_REGION);
            default -> call("{ sufficiency(years: 1) { scope years { rows { summary } } } }");
        });
    }

    /** A commissioner's LA's referral, or one sent to the provider's settings. */
    private boolean visibleReferral(String role, long id) {
        if ("COMMISSIONER".equals(role)) {
            return db.fetchValue(REFERRAL.LA_CODE, REFERRAL.ID.eq(id)).equals(OWN_LA);
        }
        return db.fetchExists(REFERRAL_RECIPIENT, REFERRAL_RECIPIENT.REFERRAL_ID.eq(id).and(REFERRAL_RECIPIENT.PROVIDER_ID.eq(world.ownProvider())));
    }

    /** A plan inside the role's scope (an LA plan of its LA, or its region's plan) or outside every test user's. */
    private String planFor(String role, boolean own) {
        if (!own) {
            return "REGIONAL_PLANNER".equals(role) ? world.otherRegionPlan() : world.farPlan();
        }
        return "REGIONAL_PLANNER".equals(role) ? world.regionPlan() : world.ownPlan();
    }

    private String freshRequest() {
        return as("commissioner-camden").document("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) { request { id } } }")
                .variable("input", Map.of("laCode", OWN_LA, "reference", "PERM-" + NEXT.incrementAndGet(), "primaryNeed", "SEMH", "band", 2, "age", 12,
                        "homeDistrict", "NW1", "gender", "MALE", "startTerm", "2027-AUTUMN"))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
    }

    // ------------------------------------------------------------------ the world the probes act on

    private World makeWorld() {
        long ownProvider = db.select(APP_USER.PROVIDER_ID).from(APP_USER).where(APP_USER.SUBJECT.eq("provider-demo")).fetchOne(APP_USER.PROVIDER_ID);
        long otherProvider = Long.parseLong(graphQl.document("mutation { registerProvider(input: {name: \"Permissions Other Ltd\", kind: INDEPENDENT, forProfit: true}) { provider { id } } }")
                .execute().path("registerProvider.provider.id").entity(String.class).get());
        int ownSetting = setting(ownProvider);
        int otherSetting = setting(otherProvider);
        String ownFee = fee(ownSetting);
        String otherFee = fee(otherSetting);
        var regulator = as("regulator");
        regulator.document("mutation($p: ID) { runFeeAudit(financialYear: \"2026-27\", scope: {providerId: $p}) { audit { id } } }")
                .variable("p", String.valueOf(ownProvider)).execute().path("runFeeAudit.audit.id").hasValue();
        regulator.document("mutation($p: ID) { runFeeAudit(financialYear: \"2026-27\", scope: {providerId: $p}) { audit { id } } }")
                .variable("p", String.valueOf(otherProvider)).execute().path("runFeeAudit.audit.id").hasValue();
        String ownFinding = finding(regulator, ownSetting);
        String otherFinding = finding(regulator, otherSetting);
        String ownRequest = as("commissioner-camden").document("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) { request { id } } }")
                .variable("input", Map.of("laCode", OWN_LA, "reference", "PERM-OWN-1", "primaryNeed", "ASD", "band", 2, "age", 9, "homeDistrict", "NW1",
                        "gender", "MALE", "startTerm", "2027-AUTUMN"))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
        String otherRequest = as("commissioner-hackney").document("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) { request { id } } }")
                .variable("input", Map.of("laCode", OTHER_LA, "reference", "PERM-OTHER-1", "primaryNeed", "ASD", "band", 2, "age", 9, "homeDistrict", "E8",
                        "gender", "MALE", "startTerm", "2027-AUTUMN"))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
        String framework = as("regulator").document("{ publishedRateFramework(financialYear: \"2026-27\") { id } }").execute()
                .path("publishedRateFramework.id").entity(String.class).get();
        return new World(ownProvider, otherProvider, ownSetting, otherSetting, ownRequest, otherRequest, ownFee, otherFee, ownFinding, otherFinding,
                plan(PlanScope.LOCAL_AUTHORITY, OWN_LA), plan(PlanScope.LOCAL_AUTHORITY, FAR_LA), plan(PlanScope.REGION, OWN_REGION), plan(PlanScope.REGION, OTHER_REGION), framework,
                notesPlan(ownSetting));
    }

    private Market makeMarket(World w) {
        long ownReferral = referral(w.ownRequest(), OWN_LA, w.ownSetting(), w.ownProvider(), w.otherSetting(), w.otherProvider());
        long otherReferral = referral(w.otherRequest(), OTHER_LA, w.otherSetting(), w.otherProvider());
        long ownOffer = offer(ownReferral, w.ownSetting(), w.ownProvider(), "OPEN");
        long withdrawn = offer(ownReferral, w.otherSetting(), w.otherProvider(), "WITHDRAWN");
        long otherOffer = offer(otherReferral, w.otherSetting(), w.otherProvider(), "OPEN");
        long ownAgreement = agreement(ownReferral, offer(ownReferral, w.ownSetting(), w.ownProvider(), "CLOSED"), w.ownRequest(), OWN_LA,
                w.ownProvider(), w.ownSetting());
        long otherAgreement = agreement(otherReferral, offer(otherReferral, w.otherSetting(), w.otherProvider(), "CLOSED"), w.otherRequest(), OTHER_LA,
                w.otherProvider(), w.otherSetting());
        return new Market(String.valueOf(ownReferral), String.valueOf(otherReferral), String.valueOf(ownOffer), String.valueOf(otherOffer),
                String.valueOf(withdrawn), String.valueOf(ownAgreement), String.valueOf(otherAgreement),
                String.valueOf(renewal(ownAgreement, "REJECTED")), String.valueOf(renewal(otherAgreement, "PROPOSED")),
                String.valueOf(contract(OWN_LA, w.ownProvider(), w.ownSetting())), String.valueOf(contract(OTHER_LA, w.otherProvider(), w.otherSetting())),
                String.valueOf(scenario(w.ownPlan(), OWN_LA, OWN_REGION)), String.valueOf(scenario(w.farPlan(), FAR_LA, OTHER_REGION)));
    }

    /** A saved scenario on an LA's plan, written straight to the table (ScenarioTest runs them through the service). */
    private long scenario(String planId, String laCode, String regionCode) {
        org.jooq.JSONB outcome = org.jooq.JSONB.valueOf("{\"children\":1,\"placed\":1,\"unplaced\":0,\"totalCostPence\":100,"
                + "\"independentShare\":0.0,\"outOfAreaShare\":0.0,\"averageTravelMinutes\":0.0,\"elapsedMs\":1}");
        return db.insertInto(SCENARIO).set(SCENARIO.NAME, "probe").set(SCENARIO.PLAN_ID, Long.parseLong(planId))
                .set(SCENARIO.SCOPE_TYPE, uk.sendplan.db.types.PlanScope.LOCAL_AUTHORITY).set(SCENARIO.SCOPE_CODE, laCode)
                .set(SCENARIO.REGION_CODE, regionCode).set(SCENARIO.FINANCIAL_YEAR, YEAR).set(SCENARIO.CHANGES, org.jooq.JSONB.valueOf("{}"))
                .set(SCENARIO.CHANGES_TEXT, new String[]{"probe"}).set(SCENARIO.BASE, outcome).set(SCENARIO.OUTCOME, outcome)
                .set(SCENARIO.CREATED_BY, "permissions-test").returning(SCENARIO.ID).fetchOne(SCENARIO.ID);
    }

    /** An ended block contract the LA proposed with the provider's setting: every decision on it is refused for its status. */
    private long contract(String laCode, long providerId, int urn) {
        long id = db.insertInto(BLOCK_CONTRACT).set(BLOCK_CONTRACT.SETTING_URN, urn).set(BLOCK_CONTRACT.PROVIDER_ID, providerId)
                .set(BLOCK_CONTRACT.NEED_CODE, "ASD").set(BLOCK_CONTRACT.PHASE_CODE, "PRIMARY").set(BLOCK_CONTRACT.FINANCIAL_YEAR, YEAR)
                .set(BLOCK_CONTRACT.BAND, 2).set(BLOCK_CONTRACT.KIND, uk.sendplan.db.types.ProvisionKind.DAY).set(BLOCK_CONTRACT.ANNUAL_FEE_PENCE, 5_000_000L)
                .set(BLOCK_CONTRACT.FRAMEWORK_ID, Long.parseLong(world.framework())).set(BLOCK_CONTRACT.FRAMEWORK_VERSION, 1)
                .set(BLOCK_CONTRACT.VERDICT, uk.sendplan.db.types.FeeVerdict.WITHIN_REFERENCE).set(BLOCK_CONTRACT.REASONS, new String[]{"probe"})
                .set(BLOCK_CONTRACT.LEAD_LA_CODE, laCode).set(BLOCK_CONTRACT.STATUS, uk.sendplan.db.types.BlockContractStatus.ENDED)
                .set(BLOCK_CONTRACT.PROPOSED_BY, "permissions-test").set(BLOCK_CONTRACT.DECIDED_BY, "permissions-test")
                .set(BLOCK_CONTRACT.DECIDED_AT, java.time.Instant.now()).returning(BLOCK_CONTRACT.ID).fetchOne(BLOCK_CONTRACT.ID);
        db.insertInto(BLOCK_CONTRACT_PARTY).set(BLOCK_CONTRACT_PARTY.CONTRACT_ID, id).set(BLOCK_CONTRACT_PARTY.LA_CODE, laCode)
                .set(BLOCK_CONTRACT_PARTY.PLACES, 2).execute();
        return id;
    }

    private long renewal(long agreementId, String status) {
        return db.insertInto(AGREEMENT_RENEWAL).set(AGREEMENT_RENEWAL.AGREEMENT_ID, agreementId).set(AGREEMENT_RENEWAL.FINANCIAL_YEAR, "2027-28")
                .set(AGREEMENT_RENEWAL.ANNUAL_FEE_PENCE, 5_100_000L).set(AGREEMENT_RENEWAL.UPLIFT_PERCENT, new java.math.BigDecimal("2.00"))
                .set(AGREEMENT_RENEWAL.MAX_UPLIFT_PERCENT, new java.math.BigDecimal("5.00")).set(AGREEMENT_RENEWAL.FRAMEWORK_ID, Long.parseLong(world.framework()))
                .set(AGREEMENT_RENEWAL.FRAMEWORK_VERSION, 1).set(AGREEMENT_RENEWAL.VERDICT, uk.sendplan.db.types.FeeVerdict.WITHIN_REFERENCE)
                .set(AGREEMENT_RENEWAL.REASONS, new String[]{"probe"}).set(AGREEMENT_RENEWAL.STATUS, uk.sendplan.db.types.RenewalStatus.valueOf(status))
                .set(AGREEMENT_RENEWAL.PROPOSED_BY, "permissions-test").returning(AGREEMENT_RENEWAL.ID).fetchOne(AGREEMENT_RENEWAL.ID);
    }

    /** A referral of the request to the settings (pairs of URN and provider id). */
    private long referral(String requestId, String laCode, long... settingsAndProviders) {
        long id = db.insertInto(REFERRAL).set(REFERRAL.REQUEST_ID, Long.parseLong(requestId)).set(REFERRAL.LA_CODE, laCode)
                .set(REFERRAL.PRIMARY_NEED, "ASD").set(REFERRAL.BAND, 2).set(REFERRAL.AGE, 9).set(REFERRAL.NC_YEAR, 4).set(REFERRAL.PHASE_CODE, "PRIMARY")
                .set(REFERRAL.GENDER, uk.sendplan.db.types.ChildGender.MALE).set(REFERRAL.NEEDS_BOARDING, false).set(REFERRAL.HOME_DISTRICT, "NW1")
                .set(REFERRAL.HOME_EASTING, 529_000).set(REFERRAL.HOME_NORTHING, 183_000).set(REFERRAL.PROVISION, uk.sendplan.db.types.ProvisionKind.DAY)
                .set(REFERRAL.START_TERM, "2027-AUTUMN").set(REFERRAL.RESPOND_BY, java.time.LocalDate.now().plusDays(20))
                .set(REFERRAL.WHY_NOT_STATE, new String[]{"probe: no state place"}).set(REFERRAL.CREATED_BY, "permissions-test")
                .returning(REFERRAL.ID).fetchOne(REFERRAL.ID);
        for (int i = 0; i < settingsAndProviders.length; i += 2) {
            db.insertInto(REFERRAL_RECIPIENT).set(REFERRAL_RECIPIENT.REFERRAL_ID, id).set(REFERRAL_RECIPIENT.SETTING_URN, (int) settingsAndProviders[i])
                    .set(REFERRAL_RECIPIENT.PROVIDER_ID, settingsAndProviders[i + 1]).set(REFERRAL_RECIPIENT.MATCHED, true).execute();
        }
        return id;
    }

    private long offer(long referralId, int urn, long providerId, String status) {
        long id = db.insertInto(OFFER).set(OFFER.REFERRAL_ID, referralId).set(OFFER.SETTING_URN, urn).set(OFFER.PROVIDER_ID, providerId)
                .set(OFFER.STATUS, uk.sendplan.db.types.OfferStatus.valueOf(status)).returning(OFFER.ID).fetchOne(OFFER.ID);
        long framework = Long.parseLong(world.framework());
        db.insertInto(OFFER_REVISION).set(OFFER_REVISION.OFFER_ID, id).set(OFFER_REVISION.REVISION, 1)
                .set(OFFER_REVISION.KIND, uk.sendplan.db.types.ProvisionKind.DAY).set(OFFER_REVISION.ANNUAL_FEE_PENCE, 5_000_000L)
                .set(OFFER_REVISION.EDUCATION_PENCE, 5_000_000L).set(OFFER_REVISION.CARE_PENCE, 0L).set(OFFER_REVISION.THERAPIES_PENCE, 0L)
                .set(OFFER_REVISION.OTHER_PENCE, 0L).set(OFFER_REVISION.START_DATE, java.time.LocalDate.now().plusDays(40))
                .set(OFFER_REVISION.VALID_UNTIL, java.time.LocalDate.now().plusDays(20)).set(OFFER_REVISION.FINANCIAL_YEAR, YEAR)
                .set(OFFER_REVISION.FRAMEWORK_ID, framework).set(OFFER_REVISION.FRAMEWORK_VERSION, 1)
                .set(OFFER_REVISION.VERDICT, uk.sendplan.db.types.FeeVerdict.WITHIN_REFERENCE).set(OFFER_REVISION.REASONS, new String[]{"probe"})
                .set(OFFER_REVISION.CREATED_BY, "permissions-test").execute();
        return id;
    }

    private long agreement(long referralId, long offerId, String requestId, String laCode, long providerId, int urn) {
        return db.insertInto(PLACEMENT_AGREEMENT).set(PLACEMENT_AGREEMENT.REFERRAL_ID, referralId).set(PLACEMENT_AGREEMENT.OFFER_ID, offerId)
                .set(PLACEMENT_AGREEMENT.OFFER_REVISION, 1).set(PLACEMENT_AGREEMENT.REQUEST_ID, Long.parseLong(requestId))
                .set(PLACEMENT_AGREEMENT.LA_CODE, laCode).set(PLACEMENT_AGREEMENT.PROVIDER_ID, providerId).set(PLACEMENT_AGREEMENT.SETTING_URN, urn)
                .set(PLACEMENT_AGREEMENT.NEED_CODE, "ASD").set(PLACEMENT_AGREEMENT.PHASE_CODE, "PRIMARY")
                .set(PLACEMENT_AGREEMENT.KIND, uk.sendplan.db.types.ProvisionKind.DAY)
                .set(PLACEMENT_AGREEMENT.START_DATE, java.time.LocalDate.now().plusDays(40))
                .set(PLACEMENT_AGREEMENT.END_DATE, java.time.LocalDate.now().plusDays(300)).set(PLACEMENT_AGREEMENT.ANNUAL_FEE_PENCE, 5_000_000L)
                .set(PLACEMENT_AGREEMENT.FRAMEWORK_ID, Long.parseLong(world.framework())).set(PLACEMENT_AGREEMENT.FRAMEWORK_VERSION, 1)
                .set(PLACEMENT_AGREEMENT.STATUS, uk.sendplan.db.types.AgreementStatus.DECLINED).set(PLACEMENT_AGREEMENT.AWARDED_BY, "permissions-test")
                .returning(PLACEMENT_AGREEMENT.ID).fetchOne(PLACEMENT_AGREEMENT.ID);
    }

    /**
     * A London plan, solved, of one Camden and one Hackney child who both prefer a setting without places for their
     * need (so each gets a note); a term of their own keeps every other child out of it.
     */
    private String notesPlan(int preferred) {
        for (var child : List.of(List.of("commissioner-camden", OWN_LA, OWN_NOTE_CHILD, "NW1"), List.of("commissioner-hackney", OTHER_LA, OTHER_NOTE_CHILD, "E8"))) {
            as(child.get(0)).document("mutation($input: PlacementRequestInput!) { createPlacementRequest(input: $input) { request { id } } }")
                    .variable("input", Map.of("laCode", child.get(1), "reference", child.get(2), "primaryNeed", "SEMH", "band", 2, "age", 12,
                            "homeDistrict", child.get(3), "gender", "MALE", "startTerm", NOTE_TERM, "preferences", List.of(preferred)))
                    .execute().path("createPlacementRequest.request.id").hasValue();
        }
        GraphQlTester planner = as("planner-london");
        String id = planner.document("mutation($input: StartPlanInput!) { startPlan(input: $input) { plan { id } } }")
                .variable("input", Map.of("scope", "REGION", "code", OWN_REGION, "financialYear", YEAR, "startTerm", NOTE_TERM, "timeLimitSeconds", 1))
                .execute().path("startPlan.plan.id").entity(String.class).get();
        for (int i = 0; i < 600; i++) {
            String status = planner.document("query($id: ID!) { plan(id: $id) { status } }").variable("id", id).execute()
                    .path("plan.status").entity(String.class).get();
            if ("COMPLETED".equals(status)) {
                return id;
            }
            assertThat(status).as("the London plan of the noted children").isIn("QUEUED", "SOLVING");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the London plan " + id + " still runs after 60 s");
    }

    private int setting(long provider) {
        int urn = NEXT.incrementAndGet();
        graphQl.document("mutation($input: RegisterSettingInput!) { registerSetting(input: $input) { setting { urn } } }")
                .variable("input", Map.of("urn", urn, "name", "Permissions Setting " + urn, "type", "INDEPENDENT_SPECIAL", "providerId", String.valueOf(provider),
                        "laCode", OWN_LA, "location", Map.of("easting", 528_000, "northing", 184_000), "ageFrom", 7, "ageTo", 16,
                        "places", List.of(Map.of("need", "ASD", "phase", "SECONDARY", "capacity", 10, "occupied", 2))))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        return urn;
    }

    /** The consultations the probes ask for: the own setting's registration in Camden, and one in Hackney for the other provider. */
    record HostConsultationIds(String own, String other) {
    }

    static HostConsultationIds hostConsultationIds;

    private HostConsultationIds hostConsultations() {
        if (hostConsultationIds == null) {
            long own = db.select(HOST_CONSULTATION.ID).from(HOST_CONSULTATION).where(HOST_CONSULTATION.SETTING_URN.eq(world.ownSetting()))
                    .orderBy(HOST_CONSULTATION.ID).limit(1).fetchOne().value1();
            long other = db.insertInto(HOST_CONSULTATION).set(HOST_CONSULTATION.SETTING_URN, world.otherSetting())
                    .set(HOST_CONSULTATION.LA_CODE, OTHER_LA).set(HOST_CONSULTATION.PROVIDER_ID, world.otherProvider())
                    .set(HOST_CONSULTATION.CHANGE, uk.sendplan.db.types.ConsultationChange.MORE_PLACES)
                    .returning(HOST_CONSULTATION.ID).fetchOne().getId();
            hostConsultationIds = new HostConsultationIds(String.valueOf(own), String.valueOf(other));
        }
        return hostConsultationIds;
    }

    /** A fee far above any ceiling, with a breakdown, so the audit opens a finding on it. */
    private String fee(int urn) {
        return graphQl.document("mutation($urn: Int!) { submitFees(input: {urn: $urn, financialYear: \"2026-27\", fees: [{band: 3, kind: DAY, annualFee: \"300000.00\","
                        + " breakdown: {education: \"200000.00\", care: \"50000.00\", therapies: \"20000.00\", transport: \"0.00\", overheads: \"20000.00\", surplus: \"10000.00\"}}]}) { fees { id } } }")
                .variable("urn", urn).execute().path("submitFees.fees[0].id").entity(String.class).get();
    }

    private String finding(GraphQlTester regulator, int urn) {
        return regulator.document("query($urn: Int) { feeFindings(filter: {urn: $urn}, first: 1) { edges { node { id } } } }").variable("urn", urn)
                .execute().path("feeFindings.edges[0].node.id").entity(String.class).get();
    }

    private String plan(PlanScope scope, String code) {
        long id = db.insertInto(PLAN).set(PLAN.NAME, "Permissions probe plan").set(PLAN.SCOPE_TYPE, scope).set(PLAN.SCOPE_CODE, code)
                .set(PLAN.FINANCIAL_YEAR, YEAR).set(PLAN.STATUS, PlanStatus.COMPLETED).set(PLAN.TIME_LIMIT_SECONDS, 1)
                .set(PLAN.WEIGHTS, org.jooq.JSONB.valueOf("{\"preferenceMiss\":2000,\"independentPlacement\":5000,\"outOfArea\":1000,\"moveFromCurrent\":3000}"))
                .set(PLAN.CREATED_BY, "test").set(PLAN.STARTED_AT, Instant.now()).set(PLAN.FINISHED_AT, Instant.now())
                .set(PLAN.REQUESTS, 0).set(PLAN.PLACED, 0).set(PLAN.UNPLACED, 0).set(PLAN.TOTAL_COST_PENCE, 0L)
                .returning(PLAN.ID).fetchOne(PLAN.ID);
        return String.valueOf(id);
    }
}
