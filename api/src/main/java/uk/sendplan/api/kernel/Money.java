package uk.sendplan.api.kernel;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact money, for every feature: pence as long in the database and in rules, pounds as BigDecimal (2 dp) at the
 * GraphQL edge and in exports; the planner works in whole pounds.
 */
public final class Money {

    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {
    }

    public static BigDecimal pounds(long pence) {
        return BigDecimal.valueOf(pence, 2);
    }

    public static BigDecimal poundsOrNull(Long pence) {
        return pence == null ? null : pounds(pence);
    }

    /** Pounds with at most 2 decimal places (the Money scalar guarantees it) as pence. */
    public static long pence(BigDecimal pounds) {
        return pounds.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** Pence to the nearest whole pound (half up), as the planner counts. */
    public static long wholePounds(long pence) {
        return BigDecimal.valueOf(pence).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The planner's whole pounds as pence. */
    public static long fromWholePounds(long pounds) {
        return Math.multiplyExact(pounds, 100);
    }

    /** An amount times a multiplier, to the nearest penny (half up). */
    public static long times(long pence, BigDecimal multiplier) {
        return BigDecimal.valueOf(pence).multiply(multiplier).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code part} as a percentage of {@code whole}, to 2 dp (half up). */
    public static BigDecimal percentOf(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** "£64,960.00", as a person reads it in a reason (written by hand: audits format it hundreds of thousands of times). */
    public static String format(long pence) {
        long pennies = Math.abs(pence) % 100;
        return wholePart(pence < 0, Math.abs(pence) / 100).append('.').append(pennies < 10 ? "0" : "").append(pennies).toString();
    }

    /** "£64,960": to the nearest pound (half up), as pages show a figure to read rather than to check. */
    public static String formatRounded(long pence) {
        long pounds = wholePounds(Math.abs(pence));
        return wholePart(pence < 0 && pounds > 0, pounds).toString();
    }

    private static StringBuilder wholePart(boolean negative, long wholePounds) {
        String pounds = Long.toString(wholePounds);
        StringBuilder out = new StringBuilder(pounds.length() + 6);
        if (negative) {
            out.append('-');
        }
        out.append('£');
        int head = pounds.length() % 3 == 0 ? 3 : pounds.length() % 3;
        out.append(pounds, 0, head);
        for (int i = head; i < pounds.length(); i += 3) {
            out.append(',').append(pounds, i, i + 3);
        }
        return out;
    }

    /** "7.76%". */
    public static String percent(BigDecimal percent) {
        return percent.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
