package uk.sendplan.planner.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a problem however it was built (JSON or code) and reports every error at once, each
 * naming the item and the field. Nothing is solved unless this returns no errors.
 */
public final class ProblemValidator {

    /** Upper bounds that keep every sum of money far inside a {@code long} (the exact construction adds millions of them). */
    static final long MAX_POUNDS = 10_000_000;
    static final int MAX_CAPACITY = 1_000_000;
    /** British National Grid extent, metres. */
    static final double MAX_EASTING = 800_000;
    static final double MAX_NORTHING = 1_400_000;

    private ProblemValidator() {
    }

    /** Throws {@link ProblemValidationException} listing every error, or returns quietly. */
    public static void requireValid(PlacementProblem problem) {
        List<ValidationError> errors = validate(problem);
        if (!errors.isEmpty()) {
            throw new ProblemValidationException(errors);
        }
    }

    public static List<ValidationError> validate(PlacementProblem problem) {
        List<ValidationError> errors = new ArrayList<>();
        if (problem.name() == null || problem.name().isBlank()) {
            errors.add(new ValidationError("", "name", "missing or blank"));
        }
        validateParameters(problem.parameters(), errors);
        Map<String, Integer> settingIndexById = validateSettings(problem.settings(), errors);
        validateRequests(problem.requests(), settingIndexById, errors);
        if (errors.isEmpty()) {
            validateKeptIndependent(problem, errors);
        }
        return errors;
    }

    /** Children kept in independent settings count towards their LA's limit; a limit they already exceed can't be met. */
    private static void validateKeptIndependent(PlacementProblem problem, List<ValidationError> errors) {
        Map<String, Setting> settings = new HashMap<>();
        problem.settings().forEach(s -> settings.put(s.id(), s));
        Map<String, Integer> kept = new HashMap<>();
        for (PlacementRequest r : problem.requests()) {
            if (r.keepCurrent() && settings.get(r.currentSettingId()).type().isIndependent()) {
                kept.merge(r.laCode(), 1, Integer::sum);
            }
        }
        for (IndependentCap cap : IndependentCap.resolve(problem)) {
            int keptThere = kept.getOrDefault(cap.laCode(), 0);
            if (keptThere > cap.cap()) {
                errors.add(new ValidationError("parameters", "independentLimits." + cap.laCode(),
                        keptThere + " children are kept in independent settings, more than the limit of " + cap.cap()
                                + "; raise the limit or stop keeping some of them there"));
            }
        }
    }

    private static void validateParameters(Parameters p, List<ValidationError> errors) {
        String item = "parameters";
        if (p.costPerKm() == null) {
            errors.add(new ValidationError(item, "costPerKm", "missing"));
        } else if (p.costPerKm().signum() < 0 || p.costPerKm().compareTo(BigDecimal.valueOf(1000)) > 0) {
            errors.add(new ValidationError(item, "costPerKm", "must be between 0 and 1000 pounds, was " + p.costPerKm()));
        }
        if (p.schoolDays() < 0 || p.schoolDays() > 366) {
            errors.add(new ValidationError(item, "schoolDays", "must be between 0 and 366, was " + p.schoolDays()));
        }
        if (!(p.roadFactor() >= 1.0 && p.roadFactor() <= 5.0)) {
            errors.add(new ValidationError(item, "roadFactor", "must be between 1 and 5, was " + p.roadFactor()));
        }
        if (!(p.speedKmh() > 0 && p.speedKmh() <= 200)) {
            errors.add(new ValidationError(item, "speedKmh", "must be above 0 and at most 200, was " + p.speedKmh()));
        }
        if (p.boardingTripsPerYear() < 0 || p.boardingTripsPerYear() > 366) {
            errors.add(new ValidationError(item, "boardingTripsPerYear",
                    "must be between 0 and 366, was " + p.boardingTripsPerYear()));
        }
        for (Phase phase : Phase.values()) {
            Integer minutes = p.maxTravelMinutes().get(phase);
            if (minutes == null) {
                errors.add(new ValidationError(item, "maxTravelMinutes." + phase, "missing"));
            } else if (minutes < 1 || minutes > 600) {
                errors.add(new ValidationError(item, "maxTravelMinutes." + phase,
                        "must be between 1 and 600 minutes, was " + minutes));
            }
        }
        Weights w = p.weights();
        if (w == null) {
            errors.add(new ValidationError(item, "weights", "missing"));
            return;
        }
        checkPounds(errors, item, "weights.preferenceMiss", w.preferenceMiss());
        checkPounds(errors, item, "weights.independentPlacement", w.independentPlacement());
        checkPounds(errors, item, "weights.outOfArea", w.outOfArea());
        checkPounds(errors, item, "weights.moveFromCurrent", w.moveFromCurrent());
        checkPounds(errors, item, "weights.distanceFromHome", w.distanceFromHome());
        checkPounds(errors, item, "weights.siblingsApart", w.siblingsApart());
        if (!(p.localRadiusKm() >= 0 && p.localRadiusKm() <= 1000)) {
            errors.add(new ValidationError(item, "localRadiusKm", "must be between 0 and 1000 km, was " + p.localRadiusKm()));
        }
        if (!(p.maxBoardingKm() > 0 && p.maxBoardingKm() <= 1000)) {
            errors.add(new ValidationError(item, "maxBoardingKm",
                    "must be above 0 and at most 1000 km, was " + p.maxBoardingKm()));
        }
        p.independentLimits().forEach((laCode, limit) -> {
            String field = "independentLimits." + laCode;
            if (limit == null || limit.maxPlacements() == null && limit.maxShare() == null) {
                errors.add(new ValidationError(item, field, "must give maxPlacements, maxShare or both"));
                return;
            }
            if (limit.maxPlacements() != null && limit.maxPlacements() < 0) {
                errors.add(new ValidationError(item, field + ".maxPlacements",
                        "must not be negative, was " + limit.maxPlacements()));
            }
            if (limit.maxShare() != null && !(limit.maxShare() >= 0 && limit.maxShare() <= 1)) {
                errors.add(new ValidationError(item, field + ".maxShare",
                        "must be a share between 0 and 1, was " + limit.maxShare()));
            }
        });
    }

    private static Map<String, Integer> validateSettings(List<Setting> settings, List<ValidationError> errors) {
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < settings.size(); i++) {
            Setting s = settings.get(i);
            String item = label("settings", i, s.id());
            checkId(errors, item, s.id(), i, indexById, "settings");
            if (s.name() == null || s.name().isBlank()) {
                errors.add(new ValidationError(item, "name", "missing or blank"));
            }
            if (s.type() == null) {
                errors.add(new ValidationError(item, "type", "missing"));
            }
            checkLaCode(errors, item, s.laCode());
            if (s.reservedFor().stream().anyMatch(String::isBlank)) {
                errors.add(new ValidationError(item, "reservedFor", "contains a blank local authority code"));
            }
            checkGridPoint(errors, item, s.easting(), s.northing());
            checkAge(errors, item, "ageFrom", s.ageFrom());
            checkAge(errors, item, "ageTo", s.ageTo());
            if (s.ageFrom() > s.ageTo()) {
                errors.add(new ValidationError(item, "ageTo",
                        "must not be below ageFrom (" + s.ageFrom() + "), was " + s.ageTo()));
            }
            if (s.needs().isEmpty()) {
                errors.add(new ValidationError(item, "needs", "must name at least one need code"));
            }
            if (s.capacity() < 0 || s.capacity() > MAX_CAPACITY) {
                errors.add(new ValidationError(item, "capacity",
                        "must be between 0 and " + MAX_CAPACITY + ", was " + s.capacity()));
            }
            if (s.annualFees().isEmpty()) {
                errors.add(new ValidationError(item, "annualFees", "must give a fee for at least one band (1–5)"));
            }
            for (Map.Entry<Integer, Long> fee : s.annualFees().entrySet()) {
                if (fee.getKey() == null || fee.getKey() < 1 || fee.getKey() > 5) {
                    errors.add(new ValidationError(item, "annualFees",
                            "band " + fee.getKey() + " is outside 1–5"));
                } else if (fee.getValue() == null) {
                    errors.add(new ValidationError(item, "annualFees." + fee.getKey(), "missing fee"));
                } else {
                    checkPounds(errors, item, "annualFees." + fee.getKey(), fee.getValue());
                }
            }
            for (Map.Entry<Integer, Long> fee : s.annualBoardingFees().entrySet()) {
                if (fee.getKey() == null || fee.getKey() < 1 || fee.getKey() > 5) {
                    errors.add(new ValidationError(item, "annualBoardingFees", "band " + fee.getKey() + " is outside 1–5"));
                } else if (fee.getValue() == null) {
                    errors.add(new ValidationError(item, "annualBoardingFees." + fee.getKey(), "missing fee"));
                } else {
                    checkPounds(errors, item, "annualBoardingFees." + fee.getKey(), fee.getValue());
                }
            }
            if (!s.annualBoardingFees().isEmpty() && !s.boarding()) {
                errors.add(new ValidationError(item, "annualBoardingFees", "only a boarding setting can have boarding fees"));
            }
        }
        return indexById;
    }

    private static void validateRequests(List<PlacementRequest> requests, Map<String, Integer> settingIndexById,
                                         List<ValidationError> errors) {
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            PlacementRequest r = requests.get(i);
            String item = label("requests", i, r.id());
            checkId(errors, item, r.id(), i, indexById, "requests");
            checkLaCode(errors, item, r.laCode());
            if (r.need() == null) {
                errors.add(new ValidationError(item, "need", "missing"));
            }
            if (r.band() < 1 || r.band() > 5) {
                errors.add(new ValidationError(item, "band", "must be 1–5, was " + r.band()));
            }
            checkAge(errors, item, "age", r.age());
            checkGridPoint(errors, item, r.easting(), r.northing());
            if (r.gender() == null) {
                errors.add(new ValidationError(item, "gender", "missing; expected MALE or FEMALE"));
            }
            if (r.currentSettingId() != null && !settingIndexById.containsKey(r.currentSettingId())) {
                errors.add(new ValidationError(item, "currentSettingId",
                        "names no setting: \"" + r.currentSettingId() + "\""));
            }
            if (r.keepCurrent() && r.currentSettingId() == null) {
                errors.add(new ValidationError(item, "keepCurrent", "is true but currentSettingId is missing"));
            }
            Set<String> seen = new HashSet<>();
            for (int p = 0; p < r.preferences().size(); p++) {
                String preference = r.preferences().get(p);
                String field = "preferences[" + p + "]";
                if (preference == null || !settingIndexById.containsKey(preference)) {
                    errors.add(new ValidationError(item, field, "names no setting: "
                            + (preference == null ? "null" : "\"" + preference + "\"")));
                } else if (!seen.add(preference)) {
                    errors.add(new ValidationError(item, field, "repeats setting \"" + preference + "\""));
                }
            }
        }
    }

    /** {@code requests[12] (id "R13")}, or {@code requests[12]} when the id is missing. */
    public static String label(String collection, int index, String id) {
        return collection + "[" + index + "]" + (id == null || id.isBlank() ? "" : " (id \"" + id + "\")");
    }

    private static void checkId(List<ValidationError> errors, String item, String id, int index,
                                Map<String, Integer> indexById, String collection) {
        if (id == null || id.isBlank()) {
            errors.add(new ValidationError(item, "id", "missing or blank"));
            return;
        }
        Integer previous = indexById.putIfAbsent(id, index);
        if (previous != null) {
            errors.add(new ValidationError(item, "id",
                    "duplicate id \"" + id + "\" (also " + collection + "[" + previous + "])"));
        }
    }

    private static void checkLaCode(List<ValidationError> errors, String item, String laCode) {
        if (laCode == null || laCode.isBlank()) {
            errors.add(new ValidationError(item, "laCode", "missing or blank"));
        }
    }

    private static void checkAge(List<ValidationError> errors, String item, String field, int age) {
        if (age < Phase.MIN_AGE || age > Phase.MAX_AGE) {
            errors.add(new ValidationError(item, field,
                    "must be between " + Phase.MIN_AGE + " and " + Phase.MAX_AGE + ", was " + age));
        }
    }

    private static void checkGridPoint(List<ValidationError> errors, String item, double easting, double northing) {
        if (!(easting >= 0 && easting <= MAX_EASTING)) {
            errors.add(new ValidationError(item, "easting",
                    "must be a British National Grid easting in metres (0–" + (long) MAX_EASTING + "), was " + easting));
        }
        if (!(northing >= 0 && northing <= MAX_NORTHING)) {
            errors.add(new ValidationError(item, "northing",
                    "must be a British National Grid northing in metres (0–" + (long) MAX_NORTHING + "), was "
                            + northing));
        }
    }

    private static void checkPounds(List<ValidationError> errors, String item, String field, long pounds) {
        if (pounds < 0 || pounds > MAX_POUNDS) {
            errors.add(new ValidationError(item, field,
                    "must be between 0 and " + MAX_POUNDS + " pounds, was " + pounds));
        }
    }
}
