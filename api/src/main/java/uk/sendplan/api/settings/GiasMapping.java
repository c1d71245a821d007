package uk.sendplan.api.settings;

import java.util.List;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.OfstedRating;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.Sector;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How GIAS values become register values. GIAS names are matched case-insensitively; the establishment type
 * decides whether a row is a SEND setting the register covers.
 */
final class GiasMapping {

    /** What a GIAS establishment type is to the register; MAINSTREAM rows count only with resourced provision or a SEN unit. */
    record TypeMapping(String settingType, Sector sector, ProviderKind providerKind) {
    }

    private static final TypeMapping MAINSTREAM_LA = new TypeMapping("MAINSTREAM", Sector.STATE, ProviderKind.LOCAL_AUTHORITY);
    private static final TypeMapping MAINSTREAM_ACADEMY = new TypeMapping("MAINSTREAM", Sector.STATE, ProviderKind.ACADEMY_TRUST);

    private static final Map<String, TypeMapping> TYPES = Map.ofEntries(
            Map.entry("community special school", new TypeMapping("STATE_SPECIAL", Sector.STATE, ProviderKind.LOCAL_AUTHORITY)),
            Map.entry("foundation special school", new TypeMapping("STATE_SPECIAL", Sector.STATE, ProviderKind.LOCAL_AUTHORITY)),
            Map.entry("academy special converter", new TypeMapping("STATE_SPECIAL", Sector.STATE, ProviderKind.ACADEMY_TRUST)),
            Map.entry("academy special sponsor led", new TypeMapping("STATE_SPECIAL", Sector.STATE, ProviderKind.ACADEMY_TRUST)),
            Map.entry("free schools special", new TypeMapping("STATE_SPECIAL", Sector.STATE, ProviderKind.ACADEMY_TRUST)),
            Map.entry("non-maintained special school", new TypeMapping("NON_MAINTAINED_SPECIAL", Sector.NON_MAINTAINED, ProviderKind.NON_MAINTAINED)),
            Map.entry("other independent special school", new TypeMapping("INDEPENDENT_SPECIAL", Sector.INDEPENDENT, ProviderKind.INDEPENDENT)),
            Map.entry("pupil referral unit", new TypeMapping("ALTERNATIVE_PROVISION", Sector.STATE, ProviderKind.LOCAL_AUTHORITY)),
            Map.entry("academy alternative provision converter", new TypeMapping("ALTERNATIVE_PROVISION", Sector.STATE, ProviderKind.ACADEMY_TRUST)),
            Map.entry("academy alternative provision sponsor led", new TypeMapping("ALTERNATIVE_PROVISION", Sector.STATE, ProviderKind.ACADEMY_TRUST)),
            Map.entry("free schools alternative provision", new TypeMapping("ALTERNATIVE_PROVISION", Sector.STATE, ProviderKind.ACADEMY_TRUST)),
            Map.entry("special post 16 institution", new TypeMapping("SPECIALIST_POST_16", Sector.INDEPENDENT, ProviderKind.FURTHER_EDUCATION)),
            Map.entry("community school", MAINSTREAM_LA),
            Map.entry("foundation school", MAINSTREAM_LA),
            Map.entry("voluntary aided school", MAINSTREAM_LA),
            Map.entry("voluntary controlled school", MAINSTREAM_LA),
            Map.entry("local authority nursery school", MAINSTREAM_LA),
            Map.entry("academy converter", MAINSTREAM_ACADEMY),
            Map.entry("academy sponsor led", MAINSTREAM_ACADEMY),
            Map.entry("free schools", MAINSTREAM_ACADEMY),
            Map.entry("studio schools", MAINSTREAM_ACADEMY),
            Map.entry("university technical college", MAINSTREAM_ACADEMY),
            Map.entry("city technology college", MAINSTREAM_ACADEMY),
            Map.entry("academy 16-19 converter", MAINSTREAM_ACADEMY),
            Map.entry("academy 16 to 19 sponsor led", MAINSTREAM_ACADEMY),
            Map.entry("free schools 16 to 19", MAINSTREAM_ACADEMY),
            Map.entry("other independent school", new TypeMapping("MAINSTREAM", Sector.INDEPENDENT, ProviderKind.INDEPENDENT)),
            // names older EduBase extracts used for the same types
            Map.entry("free schools - alternative provision", new TypeMapping("ALTERNATIVE_PROVISION", Sector.STATE, ProviderKind.ACADEMY_TRUST)),
            Map.entry("free schools - 16-19", MAINSTREAM_ACADEMY),
            Map.entry("academy 16-19 sponsor led", MAINSTREAM_ACADEMY),
            Map.entry("la nursery school", MAINSTREAM_LA));

    private GiasMapping() {
    }

    static Optional<TypeMapping> type(String giasType) {
        return Optional.ofNullable(TYPES.get(key(giasType)));
    }

    enum Status { OPEN, CLOSED, NOT_YET_OPEN }

    static Optional<Status> status(String giasStatus) {
        return switch (key(giasStatus)) {
            case "open", "open, but proposed to close" -> Optional.of(Status.OPEN);
            case "closed" -> Optional.of(Status.CLOSED);
            case "proposed to open" -> Optional.of(Status.NOT_YET_OPEN);
            default -> Optional.empty();
        };
    }

    /**
     * The need code of a SEN1-SEN13 value ("ASD - Autistic Spectrum Disorder" → ASD) among the reference data's
     * {@code needCodes}; empty for values that are not a need.
     */
    static Optional<String> need(String senValue, List<String> needCodes) {
        String value = key(senValue);
        if (value.startsWith("aspergers syndrome")) {
            return Optional.of("ASD");  // GIAS archived this code into ASD
        }
        int dash = value.indexOf(" - ");
        String code = (dash > 0 ? value.substring(0, dash) : value).toUpperCase(Locale.ROOT);
        return needCodes.contains(code) ? Optional.of(code) : Optional.empty();
    }

    static Gender gender(String giasGender) {
        return switch (key(giasGender)) {
            case "boys" -> Gender.BOYS;
            case "girls" -> Gender.GIRLS;
            default -> Gender.MIXED;
        };
    }

    static boolean boarding(String giasBoarders) {
        String value = key(giasBoarders);
        return value.contains("boarding") || value.equals("has boarders");
    }

    static OfstedRating ofsted(String giasRating) {
        return switch (key(giasRating)) {
            case "outstanding" -> OfstedRating.OUTSTANDING;
            case "good" -> OfstedRating.GOOD;
            case "requires improvement" -> OfstedRating.REQUIRES_IMPROVEMENT;
            case "inadequate", "serious weaknesses", "special measures" -> OfstedRating.INADEQUATE;
            default -> null;
        };
    }

    private static String key(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
