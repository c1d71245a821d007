package uk.sendplan.api.planning;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.PlanStatus;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plan's status, a kind of setting and the planner's score in the words the planning pages show. */
final class PlanWords {

    private static final Pattern SCORE = Pattern.compile("(-?\\d+)hard/(-?\\d+)medium/(-?\\d+)soft");

    private PlanWords() {
    }

    static String statusName(PlanStatus status) {
        return switch (status) {
            case QUEUED -> "Queued";
            case SOLVING -> "Solving";
            case COMPLETED -> "Ready to approve";
            case CANCELLED -> "Cancelled";
            case INTERRUPTED -> "Interrupted";
            case FAILED -> "Failed";
            case APPROVED -> "Approved";
            case PARTLY_APPROVED -> "Partly approved";
        };
    }

    /** The GOV.UK tag colour for a status: grey waiting, blue working, turquoise to act on, green done, red failed. */
    static String statusTag(PlanStatus status) {
        return switch (status) {
            case QUEUED -> "govuk-tag--grey";
            case SOLVING -> "govuk-tag--blue";
            case COMPLETED -> "govuk-tag--turquoise";
            case CANCELLED, INTERRUPTED -> "govuk-tag--orange";
            case FAILED -> "govuk-tag--red";
            case APPROVED -> "govuk-tag--green";
            case PARTLY_APPROVED -> "govuk-tag--yellow";
        };
    }

    /** A kind of setting as people read it: INDEPENDENT_SPECIAL is "Independent special". */
    static String kindName(String type) {
        String words = type.toLowerCase(Locale.ROOT).replace('_', ' ').replace("sen ", "SEN ");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The planner's score ("0hard/-3medium/-123456soft") in words; null before there is one. */
    static String scoreInWords(String score) {
        if (score == null) {
            return null;
        }
        Matcher m = SCORE.matcher(score);
        if (!m.matches()) {
            return score;
        }
        long hard = -Long.parseLong(m.group(1));
        long unplaced = -Long.parseLong(m.group(2));
        long pounds = -Long.parseLong(m.group(3));
        return (hard == 0 ? "No rule broken" : hard + (hard == 1 ? " rule broken" : " rules broken")) + ", "
                + unplaced + (unplaced == 1 ? " child" : " children") + " without a place, and "
                + Money.format(pounds * 100).replaceFirst("\\.00$", "") + " a year in costs and weighed penalties";
    }
}
