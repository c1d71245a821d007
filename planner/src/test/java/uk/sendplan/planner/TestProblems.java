package uk.sendplan.planner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;

/**
 * Builders for hand-made test settings and requests. Defaults: a mixed state special school for
 * ages 4–19 catering for ASD at (500000, 200000) with 5 places and fees for every band; an
 * 11-year-old boy with ASD, band 3, living 5 km (straight line) away, so 6.5 road km and 13 minutes.
 */
public final class TestProblems {

    private TestProblems() {
    }

    public static String exampleJson() {
        try (InputStream in = TestProblems.class.getResourceAsStream("/example-problem.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SettingBuilder setting(String id) {
        return new SettingBuilder(id);
    }

    public static RequestBuilder request(String id) {
        return new RequestBuilder(id);
    }

    public static final class SettingBuilder {
        private final String id;
        private SettingType type = SettingType.STATE_SPECIAL;
        private String laCode = "873";
        private double easting = 500_000;
        private double northing = 200_000;
        private int ageFrom = 4;
        private int ageTo = 19;
        private Set<Need> needs = EnumSet.of(Need.ASD);
        private int capacity = 5;
        private Map<Integer, Long> fees = new TreeMap<>(Map.of(1, 20_000L, 2, 22_000L, 3, 25_000L, 4, 28_000L,
                5, 32_000L));
        private SettingGender gender = SettingGender.MIXED;
        private boolean boarding;
        private Set<String> reservedFor = Set.of();
        private Map<Integer, Long> boardingFees = Map.of();

        private SettingBuilder(String id) {
            this.id = id;
        }

        public SettingBuilder type(SettingType value) {
            type = value;
            return this;
        }

        public SettingBuilder laCode(String value) {
            laCode = value;
            return this;
        }

        public SettingBuilder at(double e, double n) {
            easting = e;
            northing = n;
            return this;
        }

        public SettingBuilder ages(int from, int to) {
            ageFrom = from;
            ageTo = to;
            return this;
        }

        public SettingBuilder needs(Need... values) {
            needs = EnumSet.copyOf(List.of(values));
            return this;
        }

        public SettingBuilder capacity(int value) {
            capacity = value;
            return this;
        }

        public SettingBuilder fees(Map<Integer, Long> value) {
            fees = new TreeMap<>(value);
            return this;
        }

        public SettingBuilder gender(SettingGender value) {
            gender = value;
            return this;
        }

        public SettingBuilder boardingFees(Map<Integer, Long> value) {
            boardingFees = value;
            return this;
        }

        public SettingBuilder boarding(boolean value) {
            boarding = value;
            return this;
        }

        public SettingBuilder reservedFor(String... laCodes) {
            reservedFor = Set.of(laCodes);
            return this;
        }

        public Setting build() {
            return new Setting(id, "Setting " + id, type, laCode, easting, northing, ageFrom, ageTo, needs, capacity,
                    fees, gender, boarding, boardingFees, reservedFor);
        }
    }

    public static final class RequestBuilder {
        private final String id;
        private String laCode = "873";
        private Need need = Need.ASD;
        private int band = 3;
        private int age = 11;
        private double easting = 503_000;
        private double northing = 204_000;
        private Gender gender = Gender.MALE;
        private boolean needsBoarding;
        private String currentSettingId;
        private boolean keepCurrent;
        private List<String> preferences = new ArrayList<>();
        private String siblingGroup;
        private Boolean alternativeProvisionAllowed;

        private RequestBuilder(String id) {
            this.id = id;
        }

        public RequestBuilder laCode(String value) {
            laCode = value;
            return this;
        }

        public RequestBuilder need(Need value) {
            need = value;
            return this;
        }

        public RequestBuilder band(int value) {
            band = value;
            return this;
        }

        public RequestBuilder age(int value) {
            age = value;
            return this;
        }

        public RequestBuilder at(double e, double n) {
            easting = e;
            northing = n;
            return this;
        }

        public RequestBuilder gender(Gender value) {
            gender = value;
            return this;
        }

        public RequestBuilder needsBoarding(boolean value) {
            needsBoarding = value;
            return this;
        }

        public RequestBuilder current(String settingId, boolean keep) {
            currentSettingId = settingId;
            keepCurrent = keep;
            return this;
        }

        public RequestBuilder preferences(String... ids) {
            preferences = List.of(ids);
            return this;
        }

        public RequestBuilder siblingGroup(String value) {
            siblingGroup = value;
            return this;
        }

        public RequestBuilder alternativeProvisionAllowed(Boolean value) {
            alternativeProvisionAllowed = value;
            return this;
        }

        public PlacementRequest build() {
            return new PlacementRequest(id, laCode, need, band, age, easting, northing, gender, needsBoarding,
                    currentSettingId, keepCurrent, preferences, siblingGroup, alternativeProvisionAllowed);
        }
    }
}
