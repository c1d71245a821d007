package uk.sendplan.api.kernel;

import java.time.LocalDate;
import java.time.Month;

/** England's financial year, April to March, written as people read it: "2026-27". */
public final class FinancialYears {

    private FinancialYears() {
    }

    /** The financial year a day is in: "2026-27" from 1 April 2026 to 31 March 2027. */
    public static String of(LocalDate day) {
        int start = day.getMonth().compareTo(Month.APRIL) >= 0 ? day.getYear() : day.getYear() - 1;
        return String.format("%d-%02d", start, (start + 1) % 100);
    }
}
