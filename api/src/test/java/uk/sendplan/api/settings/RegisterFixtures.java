package uk.sendplan.api.settings;

import org.springframework.graphql.test.tester.GraphQlTester;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Registers providers and settings through the API, with URNs no other test uses. */
final class RegisterFixtures {

    private static final AtomicInteger NEXT_URN = new AtomicInteger(800_000);

    private final GraphQlTester graphQl;

    RegisterFixtures(GraphQlTester graphQl) {
        this.graphQl = graphQl;
    }

    static int nextUrn() {
        return NEXT_URN.incrementAndGet();
    }

    String provider(String name) {
        return graphQl.documentName("registerProvider")
                .variable("input", Map.of("name", name, "kind", "INDEPENDENT", "forProfit", true))
                .execute().path("registerProvider.provider.id").entity(String.class).get();
    }

    static Map<String, Object> place(String need, String phase, int capacity, int occupied) {
        return Map.of("need", need, "phase", phase, "capacity", capacity, "occupied", occupied);
    }

    static Map<String, Object> settingInput(int urn, String providerId, String laCode, int easting, int northing, List<Map<String, Object>> places) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("urn", urn);
        input.put("name", "Test Independent Special School " + urn);
        input.put("type", "INDEPENDENT_SPECIAL");
        input.put("providerId", providerId);
        input.put("laCode", laCode);
        input.put("postcode", "nw1 2db");
        input.put("location", Map.of("easting", easting, "northing", northing));
        input.put("ageFrom", 7);
        input.put("ageTo", 18);
        input.put("places", places);
        return input;
    }

    int setting(String providerId, String laCode, int easting, int northing, List<Map<String, Object>> places) {
        int urn = nextUrn();
        graphQl.documentName("registerSetting").variable("input", settingInput(urn, providerId, laCode, easting, northing, places))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        return urn;
    }
}
