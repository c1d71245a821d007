package uk.sendplan.api.fees;

import org.springframework.graphql.test.tester.GraphQlTester;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Providers, settings, frameworks and fees made through the API, in URNs (600000+) and financial years (2040-41 on)
 * that neither other tests nor the demo data (2025-26 to 2027-28) use, so tests never depend on each other.
 */
final class FeeFixtures {

    static final String LONDON = "E12000007";
    static final String NORTH_EAST = "E12000001";
    /** Camden, in London (area cost adjustment 1.200 in the test framework). */
    static final String CAMDEN = "202";
    /** Gateshead, in the North East (no area cost adjustment). */
    static final String GATESHEAD = "390";

    private static final AtomicInteger NEXT_URN = new AtomicInteger(600_000);
    private static final AtomicInteger NEXT_YEAR = new AtomicInteger(2040);

    private final GraphQlTester graphQl;

    FeeFixtures(GraphQlTester graphQl) {
        this.graphQl = graphQl;
    }

    /** Two consecutive financial years no other test uses, e.g. {"2040-41", "2041-42"}. */
    static String[] freshYears() {
        int start = NEXT_YEAR.getAndAdd(3);
        return new String[]{year(start), year(start + 1)};
    }

    static String year(int start) {
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    String provider(String name, String kind, Boolean forProfit) {
        Map<String, Object> input = new HashMap<>();
        input.put("name", name);
        input.put("kind", kind);
        input.put("forProfit", forProfit);
        return graphQl.documentName("registerProvider").variable("input", input)
                .execute().path("registerProvider.provider.id").entity(String.class).get();
    }

    /** A setting aged 7-18 with places for each need given (20 secondary places each). */
    int setting(String providerId, String type, String laCode, boolean boarding, String... needs) {
        int urn = NEXT_URN.incrementAndGet();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("urn", urn);
        input.put("name", "Fee Test " + type + " " + urn);
        input.put("type", type);
        input.put("providerId", providerId);
        input.put("laCode", laCode);
        input.put("ageFrom", 7);
        input.put("ageTo", 18);
        input.put("boarding", boarding);
        int capacity = 20 + 5 * needs.length;
        List<Map<String, Object>> places = new ArrayList<>();
        for (String need : needs) {
            places.add(Map.of("need", need, "phase", "SECONDARY", "capacity", capacity, "occupied", 10));
            capacity -= 5;
        }
        input.put("places", places);
        graphQl.documentName("registerSetting").variable("input", input)
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        return urn;
    }

    static Map<String, Object> band(String code, String kind, int complexity, List<String> needs, String reference, String ceiling) {
        Map<String, Object> band = new LinkedHashMap<>();
        band.put("code", code);
        band.put("description", "Test band " + code);
        band.put("kind", kind);
        band.put("complexity", complexity);
        if (needs != null) {
            band.put("needs", needs);
        }
        band.put("referenceRate", reference);
        band.put("ceiling", ceiling);
        return band;
    }

    /** The test framework: no DAY band at complexity 1, an ASD band beside the generic one at complexity 3. */
    static List<Map<String, Object>> bands() {
        return List.of(
                band("DAY-2", "DAY", 2, null, "40000.00", "48000.00"),
                band("DAY-3", "DAY", 3, null, "50000.00", "60000.00"),
                band("DAY-3-ASD", "DAY", 3, List.of("ASD"), "55000.00", "66000.00"),
                band("RES52-4", "RESIDENTIAL_52_WEEK", 4, null, "150000.00", "180000.00"),
                band("P16-3", "POST_16", 3, null, "36000.00", "43200.00"));
    }

    static Map<String, Object> frameworkInput(String year) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("financialYear", year);
        input.put("name", "Test framework");
        input.put("description", "For tests");
        input.put("maxUpliftPercent", 5.0);
        input.put("bands", bands());
        input.put("areaAdjustments", List.of(Map.of("regionCode", LONDON, "multiplier", 1.2)));
        return input;
    }

    /** Creates the test framework for a year as a DRAFT; returns its id. */
    String draft(String year) {
        return graphQl.documentName("createRateFramework").variable("input", frameworkInput(year)).execute()
                .path("createRateFramework.framework.id").entity(String.class).get();
    }

    String publish(String frameworkId) {
        graphQl.documentName("publishRateFramework").variable("input", Map.of("id", frameworkId)).execute()
                .path("publishRateFramework.framework.status").entity(String.class).isEqualTo("PUBLISHED");
        return frameworkId;
    }

    /** Creates and publishes the test framework for a year; returns its id. */
    String published(String year) {
        return publish(draft(year));
    }

    static Map<String, Object> fee(int band, String kind, String annualFee) {
        Map<String, Object> fee = new LinkedHashMap<>();
        fee.put("band", band);
        fee.put("kind", kind);
        fee.put("annualFee", annualFee);
        return fee;
    }

    static Map<String, Object> justified(Map<String, Object> fee, String justification) {
        Map<String, Object> copy = new LinkedHashMap<>(fee);
        copy.put("justification", justification);
        return copy;
    }

    GraphQlTester.Response submit(int urn, String year, List<Map<String, Object>> fees) {
        return graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", year, "fees", fees)).execute();
    }

    /** Submits fees that must be accepted; returns their ids in order. */
    List<String> submitted(int urn, String year, List<Map<String, Object>> fees) {
        return submit(urn, year, fees).path("submitFees.fees[*].id").entityList(String.class).hasSize(fees.size()).get();
    }
}
