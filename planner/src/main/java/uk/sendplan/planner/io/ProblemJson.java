package uk.sendplan.planner.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.IndependentLimit;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Phase;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.ProblemValidationException;
import uk.sendplan.planner.domain.ProblemValidator;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;
import uk.sendplan.planner.domain.ValidationError;
import uk.sendplan.planner.domain.Weights;

/**
 * Reads and writes the problem JSON described in {@code docs/problem-format.md}. Reading is
 * lenient where the format allows (missing parameters take their defaults, unknown fields are
 * ignored, ids may be numbers or strings) and strict everywhere else: every malformed field and
 * every rule {@link ProblemValidator} checks is reported at once in one
 * {@link ProblemValidationException}, and no problem is returned.
 */
public final class ProblemJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final List<ValidationError> errors = new ArrayList<>();
    /** "item|field" of fields already reported while reading, so validation does not report them twice. */
    private final Set<String> reported = new HashSet<>();

    private ProblemJson() {
    }

    public static PlacementProblem read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** @throws ProblemValidationException listing every problem in the input */
    public static PlacementProblem read(String json) {
        return new ProblemJson().parse(json);
    }

    public static String write(PlacementProblem problem) {
        return MAPPER.writeValueAsString(problem);
    }

    public static void write(PlacementProblem problem, Path file) throws IOException {
        Files.writeString(file, write(problem), StandardCharsets.UTF_8);
    }

    private PlacementProblem parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ProblemValidationException(List.of(new ValidationError("", "(document)",
                    "not valid JSON: " + e.getOriginalMessage() + location(e))));
        }
        if (root == null || !root.isObject()) {
            throw new ProblemValidationException(List.of(new ValidationError("", "(document)",
                    "expected a JSON object with name, parameters, settings and requests")));
        }
        String name = text(root, "", "name", true);
        Parameters parameters = parameters(root.get("parameters"));
        List<Setting> settings = new ArrayList<>();
        JsonNode settingNodes = array(root, "", "settings");
        for (int i = 0; i < settingNodes.size(); i++) {
            settings.add(setting(settingNodes.get(i), i));
        }
        List<PlacementRequest> requests = new ArrayList<>();
        JsonNode requestNodes = array(root, "", "requests");
        for (int i = 0; i < requestNodes.size(); i++) {
            requests.add(request(requestNodes.get(i), i));
        }
        PlacementProblem problem = new PlacementProblem(name, parameters, settings, requests);
        for (ValidationError error : ProblemValidator.validate(problem)) {
            if (!reported.contains(key(error.item(), error.field()))) {
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemValidationException(errors);
        }
        return problem;
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private Parameters parameters(JsonNode node) {
        Parameters d = Parameters.DEFAULTS;
        String item = "parameters";
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            fail(item, "(object)", "expected an object");
            return d;
        }
        BigDecimal costPerKm = has(node, "costPerKm") ? decimal(node, item, "costPerKm") : d.costPerKm();
        int schoolDays = has(node, "schoolDays") ? integer(node, item, "schoolDays") : d.schoolDays();
        double roadFactor = has(node, "roadFactor") ? number(node, item, "roadFactor") : d.roadFactor();
        double speedKmh = has(node, "speedKmh") ? number(node, item, "speedKmh") : d.speedKmh();
        int boardingTrips = has(node, "boardingTripsPerYear") ? integer(node, item, "boardingTripsPerYear")
                : d.boardingTripsPerYear();
        Map<Phase, Integer> limits = new EnumMap<>(d.maxTravelMinutes());
        JsonNode limitNode = node.get("maxTravelMinutes");
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.isObject()) {
                fail(item, "maxTravelMinutes", "expected an object of minutes by phase");
            } else {
                for (Map.Entry<String, JsonNode> entry : limitNode.properties()) {
                    Phase phase = enumValue(Phase.class, entry.getKey());
                    if (phase == null) {
                        fail(item, "maxTravelMinutes." + entry.getKey(), "unknown phase \"" + entry.getKey()
                                + "\"; expected one of " + names(Phase.values()));
                    } else {
                        limits.put(phase, integer(limitNode, item, entry.getKey(), "maxTravelMinutes." + phase));
                    }
                }
            }
        }
        Weights w = d.weights();
        JsonNode weightNode = node.get("weights");
        if (weightNode != null && !weightNode.isNull()) {
            if (!weightNode.isObject()) {
                fail(item, "weights", "expected an object of pounds by penalty");
            } else {
                w = new Weights(
                        pounds(weightNode, "preferenceMiss", w.preferenceMiss()),
                        pounds(weightNode, "independentPlacement", w.independentPlacement()),
                        pounds(weightNode, "outOfArea", w.outOfArea()),
                        pounds(weightNode, "moveFromCurrent", w.moveFromCurrent()),
                        pounds(weightNode, "distanceFromHome", w.distanceFromHome()),
                        pounds(weightNode, "siblingsApart", w.siblingsApart()));
            }
        }
        double localRadiusKm = has(node, "localRadiusKm") ? number(node, item, "localRadiusKm") : d.localRadiusKm();
        double maxBoardingKm = has(node, "maxBoardingKm") ? number(node, item, "maxBoardingKm") : d.maxBoardingKm();
        return new Parameters(costPerKm, schoolDays, roadFactor, speedKmh, boardingTrips, limits, w, localRadiusKm,
                maxBoardingKm, independentLimits(node.get("independentLimits"), item));
    }

    /** {"202": {"maxPlacements": 20}, "203": {"maxShare": 0.25}}: limits by LA code. */
    private Map<String, IndependentLimit> independentLimits(JsonNode node, String item) {
        Map<String, IndependentLimit> limits = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return limits;
        }
        if (!node.isObject()) {
            fail(item, "independentLimits", "expected an object of limits by LA code, e.g. {\"202\": {\"maxShare\": 0.25}}");
            return limits;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = "independentLimits." + entry.getKey();
            JsonNode limit = entry.getValue();
            if (limit == null || !limit.isObject()) {
                fail(item, field, "expected an object with maxPlacements and/or maxShare");
                continue;
            }
            Integer maxPlacements = has(limit, "maxPlacements")
                    ? integer(limit, item, "maxPlacements", field + ".maxPlacements") : null;
            Double maxShare = has(limit, "maxShare") ? number(limit, item, "maxShare", field + ".maxShare") : null;
            limits.put(entry.getKey(), new IndependentLimit(maxPlacements, maxShare));
        }
        return limits;
    }

    private long pounds(JsonNode weights, String field, long fallback) {
        return has(weights, field) ? longValue(weights, "parameters", field, "weights." + field) : fallback;
    }

    private Setting setting(JsonNode node, int index) {
        String id = node != null && node.isObject() ? idOrNull(node.get("id")) : null;
        String item = ProblemValidator.label("settings", index, id);
        if (node == null || !node.isObject()) {
            fail(item, "(object)", "expected an object");
            return new Setting(null, null, null, null, -1, -1, 0, 0, Set.of(), 0, Map.of(), null, false);
        }
        id = id(node, item);
        String name = has(node, "name") ? text(node, item, "name", true) : id;
        SettingType type = enumField(node, item, "type", SettingType.class, "setting type", true);
        String laCode = text(node, item, "laCode", true);
        double easting = number(node, item, "easting");
        double northing = number(node, item, "northing");
        int ageFrom = integer(node, item, "ageFrom");
        int ageTo = integer(node, item, "ageTo");
        Set<Need> needs = EnumSet.noneOf(Need.class);
        JsonNode needNodes = array(node, item, "needs");
        for (int n = 0; n < needNodes.size(); n++) {
            Need need = needCode(needNodes.get(n), item, "needs[" + n + "]");
            if (need != null) {
                needs.add(need);
            }
        }
        int capacity = integer(node, item, "capacity");
        Map<Integer, Long> fees = fees(node, item, "annualFees", true);
        Map<Integer, Long> boardingFees = fees(node, item, "annualBoardingFees", false);
        SettingGender gender = has(node, "gender")
                ? enumField(node, item, "gender", SettingGender.class, "setting gender", false) : SettingGender.MIXED;
        boolean boarding = bool(node, item, "boarding");
        Set<String> reservedFor = new java.util.TreeSet<>();
        if (has(node, "reservedFor")) {
            JsonNode laNodes = array(node, item, "reservedFor");
            for (int n = 0; n < laNodes.size(); n++) {
                JsonNode la = laNodes.get(n);
                if (la == null || !la.isTextual()) {
                    fail(item, "reservedFor[" + n + "]", "expected a local authority code as text, e.g. \"202\"");
                } else {
                    reservedFor.add(la.asText());
                }
            }
        }
        return new Setting(id, name, type, laCode, easting, northing, ageFrom, ageTo, needs, capacity, fees, gender,
                boarding, boardingFees, reservedFor);
    }

    /** An object of whole-pound fees by band ("1"-"5"); optional ones may be missing. */
    private Map<Integer, Long> fees(JsonNode node, String item, String field, boolean required) {
        Map<Integer, Long> fees = new LinkedHashMap<>();
        JsonNode feeNode = node.get(field);
        if (feeNode == null || feeNode.isNull()) {
            if (required) {
                fail(item, field, "missing; expected an object of annual fees by band, e.g. {\"1\": 25000}");
            }
        } else if (!feeNode.isObject()) {
            fail(item, field, "expected an object of annual fees by band, e.g. {\"1\": 25000}");
        } else {
            for (Map.Entry<String, JsonNode> entry : feeNode.properties()) {
                Integer band = parseBand(entry.getKey());
                if (band == null) {
                    fail(item, field + "." + entry.getKey(), "band \"" + entry.getKey() + "\" is not 1–5");
                } else {
                    fees.put(band, longValue(feeNode, item, entry.getKey(), field + "." + band));
                }
            }
        }
        return fees;
    }

    private PlacementRequest request(JsonNode node, int index) {
        String id = node != null && node.isObject() ? idOrNull(node.get("id")) : null;
        String item = ProblemValidator.label("requests", index, id);
        if (node == null || !node.isObject()) {
            fail(item, "(object)", "expected an object");
            return new PlacementRequest(null, null, null, 0, 0, -1, -1, null, false, null, false, List.of());
        }
        id = id(node, item);
        String laCode = text(node, item, "laCode", true);
        Need need = needCode(node.get("need"), item, "need");
        int band = integer(node, item, "band");
        int age = integer(node, item, "age");
        double easting = number(node, item, "easting");
        double northing = number(node, item, "northing");
        Gender gender = enumField(node, item, "gender", Gender.class, "gender", true);
        boolean needsBoarding = bool(node, item, "needsBoarding");
        String current = null;
        JsonNode currentNode = node.get("currentSettingId");
        if (currentNode != null && !currentNode.isNull()) {
            current = idOrNull(currentNode);
            if (current == null) {
                fail(item, "currentSettingId", "expected a setting id (string or number) or null");
            }
        }
        boolean keepCurrent = bool(node, item, "keepCurrent");
        List<String> preferences = new ArrayList<>();
        JsonNode preferenceNodes = node.get("preferences");
        if (preferenceNodes != null && !preferenceNodes.isNull()) {
            if (!preferenceNodes.isArray()) {
                fail(item, "preferences", "expected an array of setting ids, best first");
            } else {
                for (int p = 0; p < preferenceNodes.size(); p++) {
                    String preference = idOrNull(preferenceNodes.get(p));
                    if (preference == null) {
                        fail(item, "preferences[" + p + "]", "expected a setting id (string or number)");
                    } else {
                        preferences.add(preference);
                    }
                }
            }
        }
        String siblingGroup = null;
        JsonNode siblingNode = node.get("siblingGroup");
        if (siblingNode != null && !siblingNode.isNull()) {
            siblingGroup = idOrNull(siblingNode);
            if (siblingGroup == null) {
                fail(item, "siblingGroup", "expected a group id (string or number) or null");
            }
        }
        Boolean apAllowed = has(node, "alternativeProvisionAllowed") ? bool(node, item, "alternativeProvisionAllowed")
                : null;
        return new PlacementRequest(id, laCode, need, band, age, easting, northing, gender, needsBoarding, current,
                keepCurrent, preferences, siblingGroup, apAllowed);
    }

    // ---- field readers: each reports what is wrong and returns a placeholder the validator will not report again ----

    private void fail(String item, String field, String message) {
        errors.add(new ValidationError(item, field, message));
        reported.add(key(item, field));
    }

    /** Errors on "annualFees.3" or "needs[2]" also cover the validator's checks of the whole field. */
    private static String key(String item, String field) {
        int cut = field.length();
        for (char c : new char[] {'.', '['}) {
            int at = field.indexOf(c);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        return item + "|" + field.substring(0, cut);
    }

    private static boolean has(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private static String idOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return null;
    }

    private String id(JsonNode node, String item) {
        JsonNode value = node.get("id");
        if (value == null || value.isNull()) {
            fail(item, "id", "missing");
            return null;
        }
        String id = idOrNull(value);
        if (id == null) {
            fail(item, "id", "expected a string or a whole number");
        }
        return id;
    }

    private String text(JsonNode node, String item, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                fail(item, field, "missing");
            }
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            // LA codes such as 873 are often written as numbers
            return value.bigIntegerValue().toString();
        }
        fail(item, field, "expected a string");
        return null;
    }

    private JsonNode array(JsonNode node, String item, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(item, field, "missing; expected an array");
            return MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            fail(item, field, "expected an array");
            return MAPPER.createArrayNode();
        }
        return value;
    }

    private int integer(JsonNode node, String item, String field) {
        return integer(node, item, field, field);
    }

    private int integer(JsonNode node, String item, String field, String reportedField) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(item, reportedField, "missing; expected a whole number");
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            fail(item, reportedField, "expected a whole number, was " + value);
            return 0;
        }
        return value.intValue();
    }

    private long longValue(JsonNode node, String item, String field, String reportedField) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isIntegralNumber() || !value.canConvertToLong()) {
            fail(item, reportedField, "expected whole pounds, was " + value);
            return 0;
        }
        return value.longValue();
    }

    private double number(JsonNode node, String item, String field) {
        return number(node, item, field, field);
    }

    private double number(JsonNode node, String item, String field, String reportedField) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(item, reportedField, "missing; expected a number");
            return 0;
        }
        if (!value.isNumber()) {
            fail(item, reportedField, "expected a number, was " + value);
            return 0;
        }
        return value.doubleValue();
    }

    private BigDecimal decimal(JsonNode node, String item, String field) {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            fail(item, field, "expected a number, was " + value);
            return BigDecimal.ZERO;
        }
        return value.decimalValue();
    }

    private boolean bool(JsonNode node, String item, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            fail(item, field, "expected true or false, was " + value);
            return false;
        }
        return value.booleanValue();
    }

    private Need needCode(JsonNode value, String item, String field) {
        if (value == null || value.isNull()) {
            fail(item, field, "missing; expected one of " + names(Need.values()));
            return null;
        }
        Need need = value.isString() ? enumValue(Need.class, value.stringValue()) : null;
        if (need == null) {
            fail(item, field, "unknown need code " + value + "; expected one of " + names(Need.values()));
        }
        return need;
    }

    private <E extends Enum<E>> E enumField(JsonNode node, String item, String field, Class<E> type, String what,
                                            boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                fail(item, field, "missing; expected one of " + names(type.getEnumConstants()));
            }
            return null;
        }
        E constant = value.isString() ? enumValue(type, value.stringValue()) : null;
        if (constant == null) {
            fail(item, field, "unknown " + what + " " + value + "; expected one of " + names(type.getEnumConstants()));
        }
        return constant;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    private static Integer parseBand(String key) {
        return switch (key) {
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            case "4" -> 4;
            case "5" -> 5;
            default -> null;
        };
    }

    private static String names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
    }
}
