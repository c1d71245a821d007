package uk.sendplan.api.web;

import uk.sendplan.api.kernel.Money;
import uk.sendplan.db.types.FeeVerdict;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the regulator's and providers' pages show figures, as templates call it ({@code ${shown.pounds(fee)}}): whole
 * pounds, counts with thousands separators, percentages and ratios to 2 dp, days and times in London.
 */
public final class Shown {

    /** The one instance the pages put in their models as "shown". */
    public static final Shown SHOWN = new Shown();

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK).withZone(ENGLAND);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ENGLAND);

    private Shown() {
    }

    public String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    /** A count with thousands separators, "20,902". */
    public String count(long n) {
        return String.format(Locale.UK, "%,d", n);
    }

    /** "£64,960", "-£1,200": to the nearest pound. */
    public String pounds(BigDecimal amount) {
        return amount == null ? "" : Money.formatRounded(Money.pence(amount));
    }

    public String percent(BigDecimal percent) {
        return percent == null ? "" : Money.percent(percent);
    }

    /** A ratio such as net debt to turnover: "3.25×". */
    public String times(BigDecimal ratio) {
        return ratio == null ? "" : ratio.setScale(2, RoundingMode.HALF_UP).toPlainString() + "×";
    }

    /** A verdict's severity, as {@link FeeVerdicts} gives it. */
    public String severity(FeeVerdict verdict) {
        return FeeVerdicts.severity(verdict);
    }
}
