package uk.sendplan.api.oversight;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.OwnerKind;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The rules of stated figures, each failing with the field path and the rule it breaks (the database holds them too). */
final class FiguresRules {

    /** 100 billion pounds: beyond it an amount is mistyped, not a large group. */
    static final long MAX_PENCE = 10_000_000_000_000L;

    private static final Pattern FINANCIAL_YEAR = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private FiguresRules() {
    }

    /** "2026-27": April 2026 to March 2027. */
    static String financialYear(String field, String value) {
        if (value == null || !FINANCIAL_YEAR.matcher(value).matches()
                || Integer.parseInt(value.substring(5)) != (Integer.parseInt(value.substring(0, 4)) + 1) % 100) {
            throw ApiException.badRequest(field, "expected a financial year such as 2026-27, got \"" + value + "\"");
        }
        return value;
    }

    /** Turnover: more than nothing (a margin is a share of it). */
    static long turnover(String field, BigDecimal pounds) {
        long pence = Money.pence(pounds);
        if (pence <= 0 || pence > MAX_PENCE) {
            throw ApiException.badRequest(field, "must be more than " + Money.format(0) + " and at most " + Money.format(MAX_PENCE)
                    + ", got " + Money.format(pence));
        }
        return pence;
    }

    /** An operating surplus (negative: a loss) or net debt (negative: more cash than borrowing). */
    static long signedAmount(String field, BigDecimal pounds) {
        long pence = Money.pence(pounds);
        if (Math.abs(pence) > MAX_PENCE) {
            throw ApiException.badRequest(field, "must be between -" + Money.format(MAX_PENCE) + " and " + Money.format(MAX_PENCE)
                    + ", got " + Money.format(pence));
        }
        return pence;
    }

    /**
     * Whether the group is run for profit: a charity or an LA or trust is not, a private-equity-owned or listed group
     * is, whatever is stated (a contrary statement is refused); a family-owned or other group must say.
     */
    static boolean forProfit(String field, OwnerKind owner, Boolean stated) {
        Boolean settled = switch (owner) {
            case CHARITY, LOCAL_AUTHORITY_OR_TRUST -> false;
            case PRIVATE_EQUITY, LISTED -> true;
            case FAMILY, OTHER -> null;
        };
        if (settled == null && stated == null) {
            throw ApiException.badRequest(field, "say whether a group owned by " + words(owner) + " is run for profit");
        }
        if (settled != null && stated != null && !settled.equals(stated)) {
            throw ApiException.badRequest(field, "a group owned by " + words(owner) + " is " + (settled ? "" : "not ") + "run for profit, got "
                    + (stated ? "for profit" : "not for profit"));
        }
        return settled != null ? settled : stated;
    }

    /** "private equity", as a sentence reads an owner kind. */
    static String words(OwnerKind owner) {
        return switch (owner) {
            case CHARITY -> "a charity";
            case LOCAL_AUTHORITY_OR_TRUST -> "a local authority or trust";
            case FAMILY -> "a family";
            case PRIVATE_EQUITY -> "private equity";
            case LISTED -> "shareholders on a stock exchange";
            case OTHER -> "another kind of owner";
        };
    }

    /** "Private equity", as a table heads an owner kind. */
    static String label(OwnerKind owner) {
        return switch (owner) {
            case CHARITY -> "Charity";
            case LOCAL_AUTHORITY_OR_TRUST -> "Local authority or trust";
            case FAMILY -> "Family";
            case PRIVATE_EQUITY -> "Private equity";
            case LISTED -> "Listed";
            case OTHER -> "Other";
        };
    }
}
