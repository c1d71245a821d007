package uk.sendplan.planner.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final JsonFields fields = new JsonFields();

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
        String name = fields.text(root, "", "name", true);
        Parameters parameters = parameters(root.get("parameters"));
        List<Setting> settings = new ArrayList<>();
        JsonNode settingNodes = fields.array(root, "", "settings");
        for (int i = 0; i < settingNodes.size(); i++) {
            settings.add(setting(settingNodes.get(i), i));
        }
        List<PlacementRequest> requests = new ArrayList<>();
        JsonNode requestNodes = fields.array(root, "", "requests");
        for (int i = 0; i < requestNodes.size(); i++) {
            requests.add(request(requestNodes.get(i), i));
        }
        PlacementProblem problem = new PlacementProblem(name, parameters, settings, requests);
        List<ValidationError> errors = fields.errors(ProblemValidator.validate(problem));
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
            fields.fail(item, "(object)", "expected an object");
            return d;
        }
        BigDecimal costPerKm = JsonFields.has(node, "costPerKm") ? fields.decimal(node, item, "costPerKm") : d.costPerKm();
        int schoolDays = JsonFields.has(node, "schoolDays") ? fields.integer(node, item, "schoolDays") : d.schoolDays();
        double roadFactor = JsonFields.has(node, "roadFactor") ? fields.number(node, item, "roadFactor") : d.roadFactor();
        double speedKmh = JsonFields.has(node, "speedKmh") ? fields.number(node, item, "speedKmh") : d.speedKmh();
        int boardingTrips = JsonFields.has(node, "boardingTripsPerYear") ? fields.integer(node, item, "boardingTripsPerYear")
                : d.boardingTripsPerYear();
        Map<Phase, Integer> limits = new EnumMap<>(d.maxTravelMinutes());
        JsonNode limitNode = node.get("maxTravelMinutes");
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.isObject()) {
                fields.fail(item, "maxTravelMinutes", "expected an object of minutes by phase");
            } else {
                for (Map.Entry<String, JsonNode> entry : limitNode.properties()) {
                    Phase phase = JsonFields.enumValue(Phase.class, entry.getKey());
                    if (phase == null) {
                        fields.fail(item, "maxTravelMinutes." + entry.getKey(), "unknown phase \"" + entry.getKey()
                                + "\"; expected one of " + JsonFields.names(Phase.values()));
                    } else {
                        limits.put(phase, fields.integer(limitNode, item, entry.getKey(), "maxTravelMinutes." + phase));
                    }
                }
            }
        }
        Weights w = d.weights();
        JsonNode weightNode = node.get("weights");
        if (weightNode != null && !weightNode.isNull()) {
            if (!weightNode.isObject()) {
                fields.fail(item, "weights", "expected an object of pounds by penalty");
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
        double localRadiusKm = JsonFields.has(node, "localRadiusKm") ? fields.number(node, item, "localRadiusKm") : d.localRadiusKm();
        double maxBoardingKm = JsonFields.has(node, "maxBoardingKm") ? fields.number(node, item, "maxBoardingKm") : d.maxBoardingKm();
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
            fields.fail(item, "independentLimits", "expected an object of limits by LA code, e.g. {\"202\": {\"maxShare\": 0.25}}");
            return limits;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = "independentLimits." + entry.getKey();
            JsonNode limit = entry.getValue();
            if (limit == null || !limit.isObject()) {
                fields.fail(item, field, "expected an object with maxPlacements and/or maxShare");
                continue;
            }
            Integer maxPlacements = JsonFields.has(limit, "maxPlacements")
                    ? fields.integer(limit, item, "maxPlacements", field + ".maxPlacements") : null;
            Double maxShare = JsonFields.has(limit, "maxShare") ? fields.number(limit, item, "maxShare", field + ".maxShare") : null;
            limits.put(entry.getKey(), new IndependentLimit(maxPlacements, maxShare));
        }
        return limits;
    }

    private long pounds(JsonNode weights, String field, long fallback) {
        return JsonFields.has(weights, field) ? fields.longValue(weights, "parameters", field, "weights." + field) : fallback;
    }

    private Setting setting(JsonNode node, int index) {
        String id = node != null && node.isObject() ? JsonFields.idOrNull(node.get("id")) : null;
        String item = ProblemValidator.label("settings", index, id);
        if (node == null || !node.isObject()) {
            fields.fail(item, "(object)", "expected an object");
            return new Setting(null, null, null, null, -1, -1, 0, 0, Set.of(), 0, Map.of(), null, false);
        }
        id = fields.id(node, item);
        String name = JsonFields.has(node, "name") ? fields.text(node, item, "name", true) : id;
        SettingType type = fields.enumField(node, item, "type", SettingType.class, "setting type", true);
        String laCode = fields.text(node, item, "laCode", true);
        double easting = fields.number(node, item, "easting");
        double northing = fields.number(node, item, "northing");
        int ageFrom = fields.integer(node, item, "ageFrom");
        int ageTo = fields.integer(node, item, "ageTo");
        Set<Need> needs = EnumSet.noneOf(Need.class);
        JsonNode needNodes = fields.array(node, item, "needs");
        for (int n = 0; n < needNodes.size(); n++) {
            Need need = fields.needCode(needNodes.get(n), item, "needs[" + n + "]");
            if (need != null) {
                needs.add(need);
            }
        }
        int capacity = fields.integer(node, item, "capacity");
        Map<Integer, Long> fees = fees(node, item, "annualFees", true);
        Map<Integer, Long> boardingFees = fees(node, item, "annualBoardingFees", false);
        SettingGender gender = JsonFields.has(node, "gender")
                ? fields.enumField(node, item, "gender", SettingGender.class, "setting gender", false) : SettingGender.MIXED;
        boolean boarding = fields.bool(node, item, "boarding");
        Set<String> reservedFor = new java.util.TreeSet<>();
        if (JsonFields.has(node, "reservedFor")) {
            JsonNode laNodes = fields.array(node, item, "reservedFor");
            for (int n = 0; n < laNodes.size(); n++) {
                JsonNode la = laNodes.get(n);
                if (la == null || !la.isTextual()) {
                    fields.fail(item, "reservedFor[" + n + "]", "expected a local authority code as text, e.g. \"202\"");
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
                fields.fail(item, field, "missing; expected an object of annual fees by band, e.g. {\"1\": 25000}");
            }
        } else if (!feeNode.isObject()) {
            fields.fail(item, field, "expected an object of annual fees by band, e.g. {\"1\": 25000}");
        } else {
            for (Map.Entry<String, JsonNode> entry : feeNode.properties()) {
                Integer band = parseBand(entry.getKey());
                if (band == null) {
                    fields.fail(item, field + "." + entry.getKey(), "band \"" + entry.getKey() + "\" is not 1–5");
                } else {
                    fees.put(band, fields.longValue(feeNode, item, entry.getKey(), field + "." + band));
                }
            }
        }
        return fees;
    }

    private PlacementRequest request(JsonNode node, int index) {
        String id = node != null && node.isObject() ? JsonFields.idOrNull(node.get("id")) : null;
        String item = ProblemValidator.label("requests", index, id);
        if (node == null || !node.isObject()) {
            fields.fail(item, "(object)", "expected an object");
            return new PlacementRequest(null, null, null, 0, 0, -1, -1, null, false, null, false, List.of());
        }
        id = fields.id(node, item);
        String laCode = fields.text(node, item, "laCode", true);
        Need need = fields.needCode(node.get("need"), item, "need");
        int band = fields.integer(node, item, "band");
        int age = fields.integer(node, item, "age");
        double easting = fields.number(node, item, "easting");
        double northing = fields.number(node, item, "northing");
        Gender gender = fields.enumField(node, item, "gender", Gender.class, "gender", true);
        boolean needsBoarding = fields.bool(node, item, "needsBoarding");
        String current = null;
        JsonNode currentNode = node.get("currentSettingId");
        if (currentNode != null && !currentNode.isNull()) {
            current = JsonFields.idOrNull(currentNode);
            if (current == null) {
                fields.fail(item, "currentSettingId", "expected a setting id (string or number) or null");
            }
        }
        boolean keepCurrent = fields.bool(node, item, "keepCurrent");
        List<String> preferences = new ArrayList<>();
        JsonNode preferenceNodes = node.get("preferences");
        if (preferenceNodes != null && !preferenceNodes.isNull()) {
            if (!preferenceNodes.isArray()) {
                fields.fail(item, "preferences", "expected an array of setting ids, best first");
            } else {
                for (int p = 0; p < preferenceNodes.size(); p++) {
                    String preference = JsonFields.idOrNull(preferenceNodes.get(p));
                    if (preference == null) {
                        fields.fail(item, "preferences[" + p + "]", "expected a setting id (string or number)");
                    } else {
                        preferences.add(preference);
                    }
                }
            }
        }
        String siblingGroup = null;
        JsonNode siblingNode = node.get("siblingGroup");
        if (siblingNode != null && !siblingNode.isNull()) {
            siblingGroup = JsonFields.idOrNull(siblingNode);
            if (siblingGroup == null) {
                fields.fail(item, "siblingGroup", "expected a group id (string or number) or null");
            }
        }
        Boolean apAllowed = JsonFields.has(node, "alternativeProvisionAllowed") ? fields.bool(node, item, "alternativeProvisionAllowed")
                : null;
        return new PlacementRequest(id, laCode, need, band, age, easting, northing, gender, needsBoarding, current,
                keepCurrent, preferences, siblingGroup, apAllowed);
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
}
