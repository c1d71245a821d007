package uk.sendplan.api.fees;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The rules of the fee feature's inputs, each failing with the field path and the rule it breaks. */
final class FeeRules {

    /** A fee above this is a mistyped amount, not a dear placement; the database refuses it too. */
    static final long MAX_ANNUAL_FEE_PENCE = 150_000_000L;
    static final int MIN_BAND = 1;
    static final int MAX_BAND = 5;

    private static final Pattern FINANCIAL_YEAR = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private FeeRules() {
    }

    /** "2026-27": April 2026 to March 2027. */
    static String financialYear(String field, String value) {
        if (value == null || !FINANCIAL_YEAR.matcher(value).matches()
                || Integer.parseInt(value.substring(5)) != (Integer.parseInt(value.substring(0, 4)) + 1) % 100) {
            throw ApiException.badRequest(field, "expected a financial year such as 2026-27, got \"" + value + "\"");
        }
        return value;
    }

    /** "2026-27" → "2025-26". */
    static String previousYear(String financialYear) {
        int start = Integer.parseInt(financialYear.substring(0, 4)) - 1;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    /** A kind of provision given as text (by a caller outside GraphQL, which checks its enums itself). */
    static ProvisionKind kind(String field, String value) {
        return Arrays.stream(ProvisionKind.values()).filter(k -> k.name().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(field, "unknown kind of provision \"" + value + "\"; expected one of "
                        + Arrays.stream(ProvisionKind.values()).map(Enum::name).collect(Collectors.joining(", "))));
    }

    static int band(String field, int band) {
        if (band < MIN_BAND || band > MAX_BAND) {
            throw ApiException.badRequest(field, "unknown band " + band + "; complexity bands are " + MIN_BAND + " to " + MAX_BAND);
        }
        return band;
    }

    /** An annual fee or rate in pence: more than nothing and at most {@link #MAX_ANNUAL_FEE_PENCE}. */
    static long annualAmount(String field, BigDecimal pounds) {
        long pence = Money.pence(pounds);
        if (pence <= 0 || pence > MAX_ANNUAL_FEE_PENCE) {
            throw ApiException.badRequest(field, "must be more than " + Money.format(0) + " and at most "
                    + Money.format(MAX_ANNUAL_FEE_PENCE) + " a year, got " + Money.format(pence));
        }
        return pence;
    }

    /**
     * A part of a cost breakdown in pence: not negative (a surplus below zero is a loss, which the breakdown does not
     * record), and at most {@link #MAX_ANNUAL_FEE_PENCE}, as no part of a fee can be more than the largest fee.
     */
    static long costPart(String field, BigDecimal pounds) {
        long pence = Money.pence(pounds);
        if (pence < 0) {
            throw ApiException.badRequest(field, "must not be negative, got " + Money.format(pence));
        }
        if (pence > MAX_ANNUAL_FEE_PENCE) {
            throw ApiException.badRequest(field, "must be at most " + Money.format(MAX_ANNUAL_FEE_PENCE) + " a year, got " + Money.format(pence));
        }
        return pence;
    }


    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A decimal given as a GraphQL Float, kept exact to the places allowed. */
    static BigDecimal decimal(String field, double value, int places, BigDecimal min, BigDecimal max) {
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        if (decimal.scale() > places || decimal.compareTo(min) < 0 || decimal.compareTo(max) > 0) {
            throw ApiException.badRequest(field, "must be from " + min.toPlainString() + " to " + max.toPlainString()
                    + " with at most " + places + " decimal places, got " + BigDecimal.valueOf(value).toPlainString());
        }
        return decimal.setScale(places);
    }
}
