package uk.sendplan.api.web;

import uk.sendplan.db.types.FeeVerdict;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fee check's verdict as every page shows it: its words, its tag's colour and its severity, in one place for the
 * regulator's, the provider's and the commissioner's pages. FeeVerdict is ordered most serious first.
 */
public final class FeeVerdicts {

    private FeeVerdicts() {
    }

    public static String name(FeeVerdict verdict) {
        return verdict == null ? "No fee stated" : switch (verdict) {
            case ABOVE_CEILING -> "Above the ceiling";
            case UPLIFT_ABOVE_CAP -> "Uplift above the cap";
            case SURPLUS_ABOVE_CAP -> "Surplus above the cap";
            case BREAKDOWN_INCONSISTENT -> "Cost breakdown does not add up";
            case BREAKDOWN_MISSING -> "Cost breakdown missing";
            case NO_APPLICABLE_BAND -> "No band applies";
            case ABOVE_REFERENCE -> "Above the reference";
            case WITHIN_REFERENCE -> "Within the reference";
            case NOT_REGULATED -> "Not regulated (state)";
        };
    }

    /** Red for what the framework forbids, orange where a rule cannot be checked, yellow for what needs a justification, green within it, grey outside it. */
    public static String tag(FeeVerdict verdict) {
        return verdict == null ? "govuk-tag--grey" : switch (verdict) {
            case ABOVE_CEILING, UPLIFT_ABOVE_CAP, SURPLUS_ABOVE_CAP -> "govuk-tag--red";
            case BREAKDOWN_INCONSISTENT, BREAKDOWN_MISSING, NO_APPLICABLE_BAND -> "govuk-tag--orange";
            case ABOVE_REFERENCE -> "govuk-tag--yellow";
            case WITHIN_REFERENCE -> "govuk-tag--green";
            case NOT_REGULATED -> "govuk-tag--grey";
        };
    }

    /** A finding's severity: a broken limit is high; a missing or inconsistent breakdown, no band or an unjustified excess needs an answer. */
    public static String severity(FeeVerdict verdict) {
        return switch (verdict) {
            case ABOVE_CEILING, UPLIFT_ABOVE_CAP, SURPLUS_ABOVE_CAP -> "High";
            case BREAKDOWN_INCONSISTENT, BREAKDOWN_MISSING, NO_APPLICABLE_BAND, ABOVE_REFERENCE -> "Medium";
            case WITHIN_REFERENCE, NOT_REGULATED -> "Low";
        };
    }

    /** Every verdict's tag class by its name, for templates that look a verdict up. */
    public static Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        Arrays.stream(FeeVerdict.values()).forEach(v -> tags.put(v.name(), tag(v)));
        return tags;
    }

    /** Every verdict's words by its name, most serious first, for templates that look a verdict up. */
    public static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        Arrays.stream(FeeVerdict.values()).forEach(v -> names.put(v.name(), name(v)));
        return names;
    }
}
