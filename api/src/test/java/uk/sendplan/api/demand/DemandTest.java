package uk.sendplan.api.demand;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST;

class DemandTest extends GraphQlTestBase {

    @org.junit.jupiter.api.BeforeEach
    void actAsCamdensCommissioner() {
        graphQl = asCommissioner("202");
    }

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** A demo independent special school in Camden, from the demo register. */
    private int camdenSetting() {
        return db.select(uk.sendplan.db.jooq.Tables.SETTING.URN).from(uk.sendplan.db.jooq.Tables.SETTING)
                .where(uk.sendplan.db.jooq.Tables.SETTING.LA_CODE.eq("202")).orderBy(uk.sendplan.db.jooq.Tables.SETTING.URN)
                .limit(1).fetchOne().value1();
    }

    private Map<String, Object> input(String reference) {
        Map<String, Object> input = new HashMap<>();
        input.put("laCode", "202");
        input.put("reference", reference);
        input.put("primaryNeed", "ASD");
        input.put("band", 3);
        input.put("age", 11);
        input.put("home", Map.of("easting", 527751, "northing", 183849));
        input.put("gender", "MALE");
        input.put("startTerm", "2027-AUTUMN");
        return input;
    }

    private static String reference() {
        return "EHC-T" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    @Test
    void createsAPseudonymousRequestWithTheHomeRoundedTo100Metres() {
        int urn = camdenSetting();
        Map<String, Object> input = input(reference());
        input.put("secondaryNeed", "SLCN");
        input.put("preferences", List.of(urn));
        input.put("currentSettingUrn", urn);

        var response = graphQl.documentName("createPlacementRequest").variable("input", input).execute();
        response.path("createPlacementRequest.request.home").entity(Map.class).isEqualTo(Map.of("easting", 527800, "northing", 183800))
                .path("createPlacementRequest.request.phase").entity(String.class).isEqualTo("SECONDARY")
                .path("createPlacementRequest.request.status").entity(String.class).isEqualTo("OPEN")
                .path("createPlacementRequest.request.preferences[*].urn").entityList(Integer.class).containsExactly(urn)
                .path("createPlacementRequest.request.currentSetting.urn").entity(Integer.class).isEqualTo(urn);
        String id = response.path("createPlacementRequest.request.id").entity(String.class).get();

        graphQl.documentName("auditTrail").variable("entityType", "placement_request").variable("entityId", id).execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("PLACEMENT_REQUEST_CREATED")
                .path("auditTrail.edges[0].node.after.easting").entity(Integer.class).isEqualTo(527800)
                .path("auditTrail.edges[0].node.after.preferences").entityList(Integer.class).containsExactly(urn);
    }

    @Test
    void aPostcodeDistrictStandsForTheHome() {
        Map<String, Object> input = input(reference());
        input.remove("home");
        input.put("homeDistrict", "nw1");
        graphQl.documentName("createPlacementRequest").variable("input", input).execute()
                .path("createPlacementRequest.request.home.easting").entity(Integer.class)
                .satisfies(e -> assertThat(e % 100).isZero());
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        String taken = reference();
        graphQl.documentName("createPlacementRequest").variable("input", input(taken)).execute()
                .path("createPlacementRequest.request.id").hasValue();
        int count = db.fetchCount(PLACEMENT_REQUEST);
        int audits = db.fetchCount(AUDIT_EVENT);

        rejects(i -> i.put("reference", "JohnSmith"), "input.reference: an LA case reference must contain a digit");
        rejects(i -> i.put("reference", "has space 1"), "input.reference: an LA case reference is 1-40 letters");
        rejects(i -> i.put("reference", taken), "input.reference: LA 202 already has a request with reference \"" + taken + "\"");
        rejects(i -> i.put("band", 6), "input.band: a complexity band is 1 to 5, got 6");
        rejects(i -> i.put("age", 26), "input.age: an age in the coming school year is 0 to 25, got 26");
        rejects(i -> i.put("secondaryNeed", "ASD"), "input.secondaryNeed: must differ from the primary need ASD");
        rejects(i -> i.put("keepCurrent", true), "input.keepCurrent: a request can only keep its current setting if it has one");
        rejects(i -> i.put("preferences", List.of(899_998)), "input.preferences[0]: no setting with URN 899998");
        rejects(i -> i.put("homeDistrict", "NW1"), "input.home: give either home (a grid point) or homeDistrict");
        rejects(i -> i.remove("home"), "input.home: the child's home is required");
        rejects(i -> i.put("startTerm", "autumn 2027"), "input.startTerm: a start term is a year and a term, e.g. 2027-AUTUMN");
        rejects(i -> i.put("laCode", "999"), "input.laCode: unknown local authority code \"999\"");
        rejects(i -> i.put("siblingGroup", "Smith family"), "input.siblingGroup: a sibling group is 1-40 letters");
        rejects(i -> i.put("siblingGroup", "SMITHS"), "input.siblingGroup: a sibling group must contain a digit");

        assertThat(db.fetchCount(PLACEMENT_REQUEST)).isEqualTo(count);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(audits);
    }

    private void rejects(Consumer<Map<String, Object>> change, String message) {
        Map<String, Object> input = input(reference());
        change.accept(input);
        graphQl.documentName("createPlacementRequest").variable("input", input).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(message)).verify();
    }

    @Test
    void siblingsAndAlternativeProvisionAreSetClearedAndAudited() {
        Map<String, Object> input = input(reference());
        input.put("siblingGroup", " F-0042 ");
        input.put("alternativeProvisionAllowed", false);
        String id = graphQl.documentName("createPlacementRequest").variable("input", input).execute()
                .path("createPlacementRequest.request.siblingGroup").entity(String.class).isEqualTo("F-0042")
                .path("createPlacementRequest.request.alternativeProvisionAllowed").entity(Boolean.class).isEqualTo(false)
                .path("createPlacementRequest.request.id").entity(String.class).get();

        // omitted: kept
        graphQl.documentName("updatePlacementRequest").variable("input", Map.of("id", id, "band", 4)).execute()
                .path("updatePlacementRequest.request.siblingGroup").entity(String.class).isEqualTo("F-0042")
                .path("updatePlacementRequest.request.alternativeProvisionAllowed").entity(Boolean.class).isEqualTo(false);
        // null: cleared, the flag back to the default
        Map<String, Object> clear = new HashMap<>();
        clear.put("id", id);
        clear.put("siblingGroup", null);
        clear.put("alternativeProvisionAllowed", null);
        graphQl.documentName("updatePlacementRequest").variable("input", clear).execute()
                .path("updatePlacementRequest.request.siblingGroup").valueIsNull()
                .path("updatePlacementRequest.request.alternativeProvisionAllowed").valueIsNull();
        graphQl.documentName("auditTrail").variable("entityType", "placement_request").variable("entityId", id).execute()
                .path("auditTrail.edges[0].node.before.sibling_group").entity(String.class).isEqualTo("F-0042")
                .path("auditTrail.edges[0].node.before.alternative_provision_allowed").entity(Boolean.class).isEqualTo(false)
                .path("auditTrail.edges[0].node.after.sibling_group").valueIsNull();

        // a bad group on update changes nothing
        int audits = db.fetchCount(AUDIT_EVENT);
        graphQl.documentName("updatePlacementRequest").variable("input", Map.of("id", id, "siblingGroup", "Jones", "band", 2)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().startsWith("input.siblingGroup: a sibling group must contain a digit")).verify();
        assertThat(db.fetchValue(PLACEMENT_REQUEST.BAND, PLACEMENT_REQUEST.ID.eq(Long.parseLong(id)))).isEqualTo(4);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(audits);
    }

    @Test
    void updatesAndWithdrawsWithAnAuditedBeforeAndAfter() {
        String id = graphQl.documentName("createPlacementRequest").variable("input", input(reference())).execute()
                .path("createPlacementRequest.request.id").entity(String.class).get();

        graphQl.documentName("updatePlacementRequest").variable("input", Map.of("id", id, "band", 4, "age", 16)).execute()
                .path("updatePlacementRequest.request.band").entity(Integer.class).isEqualTo(4)
                .path("updatePlacementRequest.request.phase").entity(String.class).isEqualTo("POST_16");
        graphQl.documentName("auditTrail").variable("entityType", "placement_request").variable("entityId", id).execute()
                .path("auditTrail.edges[0].node.before.band").entity(Integer.class).isEqualTo(3)
                .path("auditTrail.edges[0].node.after.band").entity(Integer.class).isEqualTo(4);

        graphQl.documentName("withdrawPlacementRequest").variable("id", id).variable("reason", " ").execute()
                .errors().expect(e -> e.getMessage().equals("reason: a reason is required to withdraw a request")).verify();
        graphQl.documentName("withdrawPlacementRequest").variable("id", id).variable("reason", "moved out of area").execute()
                .path("withdrawPlacementRequest.request.status").entity(String.class).isEqualTo("WITHDRAWN");
        graphQl.documentName("updatePlacementRequest").variable("input", Map.of("id", id, "band", 2)).execute()
                .errors().expect(e -> e.getMessage().equals("input.id: the request is WITHDRAWN and can no longer change")).verify();
        graphQl.documentName("updatePlacementRequest").variable("input", Map.of("id", "987654321", "band", 2)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN
                        && e.getMessage().equals("updatePlacementRequest: not found in your scope")).verify();
    }

    @Test
    void importsCsvAllOrNothingAndUpdatesByReference() {
        String a = reference();
        String b = reference();
        String header = "reference,primary_need,secondary_need,band,age,easting,northing,home_district,gender,needs_boarding,current_urn,keep_current,preferences,start_term\n";
        String good = header
                + a + ",SEMH,,2,9,530120,184560,,FEMALE,no,,,,2027-AUTUMN\n"
                + b + ",asd,SLCN,4,14,,,NW3,MALE,yes,,,,2027-SPRING\n";

        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", good).variable("dryRun", true).execute()
                .path("importPlacementRequests.created").entity(Integer.class).isEqualTo(2);
        assertThat(db.fetchCount(PLACEMENT_REQUEST, PLACEMENT_REQUEST.REFERENCE.in(a, b))).isZero();

        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", good).execute()
                .path("importPlacementRequests.created").entity(Integer.class).isEqualTo(2);
        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", good).execute()
                .path("importPlacementRequests.unchanged").entity(Integer.class).isEqualTo(2);
        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", good.replace(",2,9,", ",3,9,")).execute()
                .path("importPlacementRequests.updated").entity(Integer.class).isEqualTo(1)
                .path("importPlacementRequests.unchanged").entity(Integer.class).isEqualTo(1);
        assertThat(db.fetchValue(PLACEMENT_REQUEST.BAND, PLACEMENT_REQUEST.REFERENCE.eq(a))).isEqualTo(3);
        assertThat(db.fetchValue(PLACEMENT_REQUEST.NEEDS_BOARDING, PLACEMENT_REQUEST.REFERENCE.eq(b))).isTrue();

        String c = reference();
        String bad = header
                + c + ",ASD,,3,11,530100,184500,,MALE,,,,,2027-AUTUMN\n"          // row 2: fine
                + reference() + ",XYZ,,3,11,530100,184500,,MALE,,,,,2027-AUTUMN\n" // row 3
                + reference() + ",ASD,,9,11,530100,184500,,MALE,,,,,2027-AUTUMN\n" // row 4
                + "Smith,ASD,,3,11,530100,184500,,MALE,,,,,2027-AUTUMN\n"          // row 5
                + reference() + ",ASD,,3,11,,,ZZ99,MALE,,,,,2027-AUTUMN\n"         // row 6
                + reference() + ",ASD,,3,11,530100,184500,,X,,,,,2027-AUTUMN\n";   // row 7
        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", bad).execute()
                .errors().expect(e -> {
                    @SuppressWarnings("unchecked")
                    var rejections = (List<Map<String, Object>>) e.getExtensions().get("rejections");
                    assertThat(rejections).extracting(r -> r.get("row")).containsExactly(3, 4, 5, 6, 7);
                    assertThat(rejections).extracting(r -> r.get("column"))
                            .containsExactly("primary_need", "band", "reference", "home_district", "gender");
                    return e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(
                            "importPlacementRequests.csv: 5 of 6 rows rejected, so nothing was imported; first: row 3 column \"primary_need\"");
                }).verify();
        assertThat(db.fetchCount(PLACEMENT_REQUEST, PLACEMENT_REQUEST.REFERENCE.eq(c))).isZero();
    }

    @Test
    void importReadsSiblingGroupsAndAlternativeProvisionWhenTheColumnsAreThere() {
        String a = reference();
        String b = reference();
        String header = "reference,primary_need,secondary_need,band,age,easting,northing,home_district,gender,needs_boarding,current_urn,keep_current,preferences,start_term";
        String withFamily = header + ",sibling_group,alternative_provision_allowed\n"
                + a + ",SLD,,2,9,530120,184560,,FEMALE,no,,,,2027-AUTUMN,F-0042,yes\n"
                + b + ",SEMH,,3,12,530120,184560,,MALE,no,,,,2027-AUTUMN,,\n";
        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", withFamily).execute()
                .path("importPlacementRequests.created").entity(Integer.class).isEqualTo(2);
        assertThat(db.fetchValue(PLACEMENT_REQUEST.SIBLING_GROUP, PLACEMENT_REQUEST.REFERENCE.eq(a))).isEqualTo("F-0042");
        assertThat(db.fetchValue(PLACEMENT_REQUEST.ALTERNATIVE_PROVISION_ALLOWED, PLACEMENT_REQUEST.REFERENCE.eq(a))).isTrue();
        // empty values: no group, and the default for alternative provision (SEMH only)
        assertThat(db.fetchValue(PLACEMENT_REQUEST.SIBLING_GROUP, PLACEMENT_REQUEST.REFERENCE.eq(b))).isNull();
        assertThat(db.fetchValue(PLACEMENT_REQUEST.ALTERNATIVE_PROVISION_ALLOWED, PLACEMENT_REQUEST.REFERENCE.eq(b))).isNull();

        // a change to the new columns alone is an update, not "unchanged"
        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", withFamily.replace("F-0042,yes", "F-0043,no"))
                .execute()
                .path("importPlacementRequests.updated").entity(Integer.class).isEqualTo(1)
                .path("importPlacementRequests.unchanged").entity(Integer.class).isEqualTo(1);
        assertThat(db.fetchValue(PLACEMENT_REQUEST.SIBLING_GROUP, PLACEMENT_REQUEST.REFERENCE.eq(a))).isEqualTo("F-0043");
        assertThat(db.fetchValue(PLACEMENT_REQUEST.ALTERNATIVE_PROVISION_ALLOWED, PLACEMENT_REQUEST.REFERENCE.eq(a))).isFalse();

        // a file without the columns leaves an existing request's values alone, and gives a new one none
        String c = reference();
        String without = header + "\n"
                + a + ",SLD,,2,9,530120,184560,,FEMALE,no,,,,2027-AUTUMN\n"
                + c + ",SLD,,2,9,530120,184560,,FEMALE,no,,,,2027-AUTUMN\n";
        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", without).execute()
                .path("importPlacementRequests.unchanged").entity(Integer.class).isEqualTo(1)
                .path("importPlacementRequests.created").entity(Integer.class).isEqualTo(1);
        assertThat(db.fetchValue(PLACEMENT_REQUEST.SIBLING_GROUP, PLACEMENT_REQUEST.REFERENCE.eq(a))).isEqualTo("F-0043");
        assertThat(db.fetchValue(PLACEMENT_REQUEST.ALTERNATIVE_PROVISION_ALLOWED, PLACEMENT_REQUEST.REFERENCE.eq(a))).isFalse();
        assertThat(db.fetchValue(PLACEMENT_REQUEST.SIBLING_GROUP, PLACEMENT_REQUEST.REFERENCE.eq(c))).isNull();
        assertThat(db.fetchValue(PLACEMENT_REQUEST.ALTERNATIVE_PROVISION_ALLOWED, PLACEMENT_REQUEST.REFERENCE.eq(c))).isNull();

        // bad values: each row rejected naming the column and the rule, and nothing written, the good row included
        String d = reference();
        String bad = header + ",sibling_group,alternative_provision_allowed\n"
                + d + ",ASD,,3,11,530100,184500,,MALE,,,,,2027-AUTUMN,F-7,\n"              // row 2: fine
                + reference() + ",ASD,,3,11,530100,184500,,MALE,,,,,2027-AUTUMN,Smith,\n"   // row 3: a family name
                + reference() + ",ASD,,3,11,530100,184500,,MALE,,,,,2027-AUTUMN,F 7,\n"     // row 4: a space
                + reference() + ",ASD,,3,11,530100,184500,,MALE,,,,,2027-AUTUMN,,maybe\n";  // row 5
        graphQl.documentName("importPlacementRequests").variable("laCode", "202").variable("csv", bad).execute()
                .errors().expect(e -> {
                    @SuppressWarnings("unchecked")
                    var rejections = (List<Map<String, Object>>) e.getExtensions().get("rejections");
                    assertThat(rejections).extracting(r -> r.get("row")).containsExactly(3, 4, 5);
                    assertThat(rejections).extracting(r -> r.get("column"))
                            .containsExactly("sibling_group", "sibling_group", "alternative_provision_allowed");
                    assertThat(rejections).extracting(r -> r.get("reason")).containsExactly(
                            "a sibling group must contain a digit (children are pseudonymous: never use a family name), got \"Smith\"",
                            "a sibling group is 1-40 letters, digits or / _ . - (no spaces), got \"F 7\"",
                            "expected true or false (or empty for the default, allowed only for SEMH), got \"maybe\"");
                    return e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(
                            "importPlacementRequests.csv: 3 of 4 rows rejected, so nothing was imported; first: row 3 column \"sibling_group\"");
                }).verify();
        assertThat(db.fetchCount(PLACEMENT_REQUEST, PLACEMENT_REQUEST.REFERENCE.eq(d))).isZero();
    }

    @Test
    void demoDemandIsRealisticAndReproducible() {
        graphQl = asCommissioner("213");
        graphQl.documentName("generateDemoDemand").variable("laCode", "213").variable("count", 300).variable("seed", 9).execute()
                .path("generateDemoDemand.created").entity(Integer.class).isEqualTo(300);
        var first = db.select(PLACEMENT_REQUEST.PRIMARY_NEED, PLACEMENT_REQUEST.AGE, PLACEMENT_REQUEST.BAND, PLACEMENT_REQUEST.EASTING, PLACEMENT_REQUEST.NORTHING)
                .from(PLACEMENT_REQUEST).where(PLACEMENT_REQUEST.LA_CODE.eq("213")).and(PLACEMENT_REQUEST.DEMO.isTrue())
                .orderBy(PLACEMENT_REQUEST.ID).fetch();
        String reference = graphQl.documentName("generateDemoDemand").variable("laCode", "213").variable("count", 300).variable("seed", 9).execute()
                .path("generateDemoDemand.firstReference").entity(String.class).get();
        assertThat(reference).isEqualTo("DEMO-213-00301");
        var second = db.select(PLACEMENT_REQUEST.PRIMARY_NEED, PLACEMENT_REQUEST.AGE, PLACEMENT_REQUEST.BAND, PLACEMENT_REQUEST.EASTING, PLACEMENT_REQUEST.NORTHING)
                .from(PLACEMENT_REQUEST).where(PLACEMENT_REQUEST.LA_CODE.eq("213")).and(PLACEMENT_REQUEST.DEMO.isTrue())
                .orderBy(PLACEMENT_REQUEST.ID).offset(300).fetch();
        assertThat(second.map(org.jooq.Record::intoList)).isEqualTo(first.map(org.jooq.Record::intoList).subList(0, 300));

        // ages peak at transfer: 11-year-olds are the largest single age
        var byAge = first.intoGroups(PLACEMENT_REQUEST.AGE);
        assertThat(byAge.get(11).size()).isGreaterThan(byAge.get(9) == null ? 0 : byAge.get(9).size() * 3);
        assertThat(first).allSatisfy(r -> assertThat(r.value4() % 100).isZero());

        graphQl.documentName("demandSummary").variable("laCode", "213").execute()
                .path("demandSummary[*].open").entityList(Integer.class)
                .satisfies(open -> assertThat(open.stream().mapToInt(Integer::intValue).sum()).isEqualTo(600));
        graphQl.documentName("generateDemoDemand").variable("laCode", "213").variable("count", 0).execute()
                .errors().expect(e -> e.getMessage().equals("count: must be between 1 and 20000, got 0")).verify();
    }

    @Test
    void listsAnLasRequestsWithFiltersAndCursors() {
        graphQl = asCommissioner("318");
        graphQl.documentName("generateDemoDemand").variable("laCode", "318").variable("count", 30).execute()
                .path("generateDemoDemand.created").entity(Integer.class).isEqualTo(30);
        var page = graphQl.documentName("placementRequests").variable("filter", Map.of("laCode", "318")).variable("first", 20).execute();
        page.path("placementRequests.totalCount").entity(Integer.class).isEqualTo(30)
                .path("placementRequests.edges").entityList(Object.class).hasSize(20);
        String cursor = page.path("placementRequests.pageInfo.endCursor").entity(String.class).get();
        graphQl.documentName("placementRequests").variable("filter", Map.of("laCode", "318")).variable("first", 20).variable("after", cursor).execute()
                .path("placementRequests.edges").entityList(Object.class).hasSize(10)
                .path("placementRequests.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        graphQl.documentName("placementRequests").variable("filter", Map.of("laCode", "318", "phase", "SECONDARY")).execute()
                .path("placementRequests.edges[*].node.phase").entityList(String.class)
                .satisfies(phases -> assertThat(phases).containsOnly("SECONDARY"));
    }
}
