package uk.sendplan.api.demand;

import uk.sendplan.api.system.ApiException;

import java.util.regex.Pattern;

/** Rules on a placement request's values, shared by the mutations and the CSV import. */
final class DemandRules {

    static final Pattern REFERENCE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$");
    static final Pattern START_TERM = Pattern.compile("^[0-9]{4}-(AUTUMN|SPRING|SUMMER)$");
    static final int MAX_PREFERENCES = 10;

    private DemandRules() {
    }

    /** The reference, or why it is refused; a reference must hold a digit so that a name can't be used as one. */
    static String referenceProblem(String reference) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            return "an LA case reference is 1-40 letters, digits or / _ . - (no spaces), got \"" + reference + "\"";
        }
        if (reference.chars().noneMatch(Character::isDigit)) {
            return "an LA case reference must contain a digit (children are pseudonymous: never use a name), got \"" + reference + "\"";
        }
        return null;
    }

    /** A sibling group is a pseudonymous code like a case reference (e.g. F-0042), for the same reason: never a family name. */
    static String siblingGroupProblem(String group) {
        if (!REFERENCE.matcher(group).matches()) {
            return "a sibling group is 1-40 letters, digits or / _ . - (no spaces), got \"" + group + "\"";
        }
        if (group.chars().noneMatch(Character::isDigit)) {
            return "a sibling group must contain a digit (children are pseudonymous: never use a family name), got \"" + group + "\"";
        }
        return null;
    }

    static void checkReference(String field, String reference) {
        String problem = referenceProblem(reference);
        if (problem != null) {
            throw ApiException.badRequest(field, problem);
        }
    }

    static String startTermProblem(String term) {
        return term != null && START_TERM.matcher(term).matches() ? null
                : "a start term is a year and a term, e.g. 2027-AUTUMN, got \"" + term + "\"";
    }
}
