package uk.sendplan.api.market;

import org.springframework.graphql.test.tester.GraphQlTester;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A market in Northumberland (LA 929) for one test: two independent providers, each with an independent special
 * school within a kilometre of the centre of one of the LA's postcode districts, with secondary places for one need
 * (ASD unless said), and children of the LA with that need living in that district.
 * Every world has its own providers, settings and children, so tests don't share places or referrals.
 */
final class MarketWorld {

    static final String LA = "929";
    /**
     * Northumberland postcode districts at least about 5 km apart, with their centres: each world lives in the next, so
     * a referral's nearest settings are its own world's, not those of the tests before it.
     */
    private static final List<Object[]> DISTRICTS = List.of(new Object[]{"NE66", 417_396, 614_800}, new Object[]{"NE19", 394_054, 587_238},
            new Object[]{"NE48", 383_061, 581_981}, new Object[]{"NE49", 370_592, 563_639}, new Object[]{"NE47", 384_247, 559_530},
            new Object[]{"NE46", 393_423, 564_815}, new Object[]{"NE43", 406_388, 561_665}, new Object[]{"NE18", 409_020, 571_574},
            new Object[]{"NE20", 414_277, 573_112}, new Object[]{"NE65", 416_581, 601_899}, new Object[]{"NE67", 419_507, 626_840},
            new Object[]{"NE70", 411_684, 633_178}, new Object[]{"NE71", 397_543, 628_812}, new Object[]{"TD15", 399_282, 650_837},
            new Object[]{"NE61", 420_092, 587_079}, new Object[]{"NE23", 426_588, 576_674}, new Object[]{"NE64", 430_876, 587_852});
    private static final AtomicInteger NEXT = new AtomicInteger(0);

    final String district;
    final String providerA;
    final String providerB;
    final int settingA;
    final int settingB;
    private final GraphQlTester admin;
    private final GraphQlTester commissioner;
    private final int id;
    private final String need;

    MarketWorld(GraphQlTester admin, GraphQlTester commissioner, int placesA, int placesB) {
        this(admin, commissioner, placesA, placesB, "ASD");
    }

    /** A world whose settings and children are of one need (ASD unless said). */
    MarketWorld(GraphQlTester admin, GraphQlTester commissioner, int placesA, int placesB, String need) {
        this.need = need;
        this.admin = admin;
        this.commissioner = commissioner;
        this.id = NEXT.incrementAndGet();
        Object[] home = DISTRICTS.get(id % DISTRICTS.size());
        this.district = (String) home[0];
        int easting = (Integer) home[1];
        int northing = (Integer) home[2];
        providerA = provider("Market Test Provider A " + id, true);
        providerB = provider("Market Test Provider B " + id, false);
        settingA = setting(3_100_000 + id * 2, "Market Test School A " + id, providerA, easting + 600, northing + 200, placesA);
        settingB = setting(3_100_001 + id * 2, "Market Test School B " + id, providerB, easting - 400, northing - 700, placesB);
    }

    /** The first day of the next term to begin after today: a start term a referral may ask for. */
    static String nextTerm() {
        LocalDate today = LocalDate.now();
        for (int year = today.getYear(); ; year++) {
            for (var term : List.of(Map.entry("SPRING", LocalDate.of(year, Month.JANUARY, 1)), Map.entry("SUMMER", LocalDate.of(year, Month.APRIL, 15)),
                    Map.entry("AUTUMN", LocalDate.of(year, Month.SEPTEMBER, 1)))) {
                if (term.getValue().isAfter(today)) {
                    return year + "-" + term.getKey();
                }
            }
        }
    }

    /** A start date for offers: a Monday three weeks ahead (in the financial year whose framework is published). */
    static LocalDate startDate() {
        return LocalDate.now().plusWeeks(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    static LocalDate validUntil() {
        return LocalDate.now().plusWeeks(2);
    }

    private String provider(String name, boolean forProfit) {
        return admin.documentName("registerProvider").variable("input", Map.of("name", name, "kind", "INDEPENDENT", "forProfit", forProfit))
                .execute().path("registerProvider.provider.id").entity(String.class).get();
    }

    private int setting(int urn, String name, String provider, int easting, int northing, int secondaryPlaces) {
        admin.documentName("registerSetting").variable("input", Map.of("urn", urn, "name", name, "type", "INDEPENDENT_SPECIAL",
                        "providerId", provider, "laCode", LA, "location", Map.of("easting", easting, "northing", northing), "ageFrom", 7, "ageTo", 18))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        admin.documentName("setPlaces").variable("input", Map.of("urn", urn, "places",
                        List.of(Map.of("need", need, "phase", "SECONDARY", "capacity", secondaryPlaces, "occupied", 0))))
                .execute().path("setPlaces.setting.urn").entity(Integer.class).isEqualTo(urn);
        return urn;
    }

    /** A child of the LA at home in the world's district who needs a secondary day place for the world's need; returns the request id. */
    String child(String label) {
        return commissioner.documentName("createPlacementRequest").variable("input", Map.of("laCode", LA, "reference", "MKT-" + id + "-" + label,
                        "primaryNeed", need, "band", 3, "age", 12, "homeDistrict", district, "gender", "MALE", "startTerm", nextTerm()))
                .execute().path("createPlacementRequest.request.id").entity(String.class).get();
    }

    String refer(String requestId) {
        return commissioner.documentName("createReferral").fragmentName("referralFields").variable("input", Map.of("requestId", requestId))
                .execute().path("createReferral.referral.id").entity(String.class).get();
    }

    /** Offer terms from a setting: the fee split into education and care. */
    static Map<String, Object> offer(String referralId, int urn, String annualFee, String justification) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("referralId", referralId);
        input.put("urn", urn);
        input.put("kind", "DAY");
        input.put("annualFee", annualFee);
        java.math.BigDecimal fee = new java.math.BigDecimal(annualFee);
        java.math.BigDecimal care = new java.math.BigDecimal("5000.00");
        input.put("breakdown", Map.of("education", fee.subtract(care).toPlainString(), "care", care.toPlainString(), "therapies", "0.00",
                "other", "0.00"));
        input.put("startDate", startDate().toString());
        input.put("validUntil", validUntil().toString());
        if (justification != null) {
            input.put("justification", justification);
        }
        return input;
    }

    /** £60,000 a year: care £5,000, {@code other} of which {@code surplus} is surplus, and education the rest. */
    static Map<String, Object> withSurplus(String referralId, int urn, String other, String surplus) {
        Map<String, Object> input = offer(referralId, urn, "60000.00", null);
        java.math.BigDecimal education = new java.math.BigDecimal("55000.00").subtract(new java.math.BigDecimal(other));
        input.put("breakdown", Map.of("education", education.toPlainString(), "care", "5000.00", "therapies", "0.00", "other", other, "surplus", surplus));
        return input;
    }
}
