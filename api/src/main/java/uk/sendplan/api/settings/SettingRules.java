package uk.sendplan.api.settings;

import uk.sendplan.api.system.ApiException;

import java.util.Locale;
import java.util.regex.Pattern;

/** The register's rules on single values, shared by the mutations and the GIAS import. */
final class SettingRules {

    static final int FIRST_URN = 100000;
    /** URNs from here up are demo settings, so an import of real data can never collide with them. */
    static final int FIRST_DEMO_URN = 9_000_000;
    static final int MAX_AGE = 25;
    /**
     * Places for one need type in one phase (a GIAS count too). The largest special schools have a few hundred. The
     * bound keeps a setting's total, which PostgreSQL sums and casts back to integer, far within an int: at most
     * 12 needs x 5 phases of it (two places of 2147483647 overflowed that cast).
     */
    static final int MAX_PLACES = 10_000;

    private static final Pattern POSTCODE = Pattern.compile("^([A-Z]{1,2}[0-9][0-9A-Z]?)\\s*([0-9][A-Z]{2})?$");

    private SettingRules() {
    }

    static void checkUrn(String field, int urn) {
        if (urn < FIRST_URN || urn >= FIRST_DEMO_URN) {
            throw ApiException.badRequest(field, "a DfE URN is a number from " + FIRST_URN + " to " + (FIRST_DEMO_URN - 1)
                    + " (9,000,000 and up are reserved for demo settings), got " + urn);
        }
    }

    static String checkName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest(field, "must not be blank");
        }
        if (name.length() > 200) {
            throw ApiException.badRequest(field, "must be at most 200 characters");
        }
        return name.trim();
    }

    /** A full postcode ("NW1 2DB") or a postcode district ("NW1"), normalised; null if there is none. */
    static String normalisePostcode(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return null;
        }
        var matcher = POSTCODE.matcher(postcode.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        return matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + " " + matcher.group(2);
    }

    static String checkPostcode(String field, String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return null;
        }
        String normalised = normalisePostcode(postcode);
        if (normalised == null) {
            throw ApiException.badRequest(field, "not a UK postcode or postcode district: \"" + postcode + "\"");
        }
        return normalised;
    }



    static void checkAges(String field, int ageFrom, int ageTo) {
        if (ageFrom < 0 || ageTo > MAX_AGE || ageFrom > ageTo) {
            throw ApiException.badRequest(field, "age range must satisfy 0 <= ageFrom <= ageTo <= " + MAX_AGE + ", got "
                    + ageFrom + "-" + ageTo);
        }
    }
}
