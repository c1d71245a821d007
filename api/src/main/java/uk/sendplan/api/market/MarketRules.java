package uk.sendplan.api.market;

import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.ProvisionKind;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The market's rules on dates, terms and text, each failing with the field and the rule it breaks. */
final class MarketRules {

    /** Providers answer within three school weeks unless the commissioner sets another date. */
    static final int DEFAULT_RESPONSE_SCHOOL_DAYS = 15;
    /** A referral open longer than a school term is not a referral but a standing request. */
    static final int MAX_RESPONSE_SCHOOL_DAYS = 60;
    static final int MAX_NOTE = 500;
    static final int MAX_CONDITIONS = 1000;
    static final int MAX_REASON = 500;
    static final int MAX_WHY_NOT_STATE = 20;

    /** Therapies a referral may ask for: a fixed list, so that no free text about the child travels with it. */
    enum Therapy {
        SPEECH_AND_LANGUAGE, OCCUPATIONAL, PHYSIOTHERAPY, EDUCATIONAL_PSYCHOLOGY, MENTAL_HEALTH, NURSING, SENSORY
    }

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private MarketRules() {
    }

    /** Today in England, where deadlines and start dates fall. */
    static LocalDate today() {
        return LocalDate.now(ENGLAND);
    }

    /** The first day of a start term ("2027-SPRING"): 1 September, 1 January or the Monday after Easter's usual 1 April week. */
    static LocalDate termStart(String term) {
        int year = Integer.parseInt(term.substring(0, 4));
        return switch (term.substring(5)) {
            case "AUTUMN" -> LocalDate.of(year, Month.SEPTEMBER, 1);
            case "SPRING" -> LocalDate.of(year, Month.JANUARY, 1);
            case "SUMMER" -> LocalDate.of(year, Month.APRIL, 15);
            default -> throw new IllegalArgumentException(term);
        };
    }

    /** The start term, which must not have begun: a referral is for a place from a term to come. */
    static String startTerm(String field, String term, LocalDate today) {
        if (term == null || !term.matches("^[0-9]{4}-(AUTUMN|SPRING|SUMMER)$")) {
            throw ApiException.badRequest(field, "a start term is a year and a term, e.g. 2027-SPRING, got \"" + term + "\"");
        }
        if (termStart(term).isBefore(today)) {
            throw ApiException.badRequest(field, "the start term " + term + " began on " + termStart(term) + ", in the past; refer for a term to come");
        }
        return term;
    }

    /** The last day of the school year a placement starting on {@code start} falls in: an agreement runs to it. */
    static LocalDate endOfSchoolYear(LocalDate start) {
        int year = start.getMonthValue() >= 8 ? start.getYear() + 1 : start.getYear();
        return LocalDate.of(year, Month.JULY, 31);
    }

    /** "2027-28" for a date from April 2027 to March 2028. */
    static String financialYear(LocalDate date) {
        int start = date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
        return String.format("%d-%02d", start, (start + 1) % 100);
    }

    /** A financial year such as "2026-27" that has not ended (31 March) by {@code today}: places can still be commissioned in it. */
    static String financialYearNotOver(String field, String value, LocalDate today) {
        if (value == null || !value.matches("[0-9]{4}-[0-9]{2}")
                || Integer.parseInt(value.substring(5)) != (Integer.parseInt(value.substring(0, 4)) + 1) % 100) {
            throw ApiException.badRequest(field, "expected a financial year such as 2026-27, got \"" + value + "\"");
        }
        LocalDate ends = LocalDate.of(Integer.parseInt(value.substring(0, 4)) + 1, Month.MARCH, 31);
        if (ends.isBefore(today)) {
            throw ApiException.badRequest(field, "financial year " + value + " ended on " + ends + "; name this year or a later one");
        }
        return value;
    }

    /** {@code days} school days (Monday to Friday) after {@code from}; school holidays are not counted out. */
    static LocalDate schoolDaysAfter(LocalDate from, int days) {
        LocalDate date = from;
        int left = days;
        while (left > 0) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return date;
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.badRequest(field, "expected a date such as 2027-01-04, got \"" + value + "\"");
        }
    }

    /** A date from today on. */
    static LocalDate notPast(String field, String value, LocalDate today) {
        LocalDate date = date(field, value);
        if (date.isBefore(today)) {
            throw ApiException.badRequest(field, date + " is in the past (today is " + today + ")");
        }
        return date;
    }

    /** The response deadline: given, or 15 school days from today; after today and within a school term's length. */
    static LocalDate respondBy(String field, String value, LocalDate today) {
        if (value == null) {
            return schoolDaysAfter(today, DEFAULT_RESPONSE_SCHOOL_DAYS);
        }
        LocalDate date = date(field, value);
        if (!date.isAfter(today)) {
            throw ApiException.badRequest(field, "the response deadline must be after today (" + today + "), got " + date);
        }
        LocalDate latest = schoolDaysAfter(today, MAX_RESPONSE_SCHOOL_DAYS);
        if (date.isAfter(latest)) {
            throw ApiException.badRequest(field, "the response deadline must be within " + MAX_RESPONSE_SCHOOL_DAYS
                    + " school days (by " + latest + "), got " + date);
        }
        return date;
    }

    /** Optional text of at most {@code max} characters, trimmed; null when blank. */
    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.length() > max) {
            throw ApiException.badRequest(field, "must be at most " + max + " characters, got " + text.length());
        }
        return text;
    }

    static String requiredText(String field, String value, int max) {
        String text = optionalText(field, value, max);
        if (text == null) {
            throw ApiException.badRequest(field, "is required and must not be blank");
        }
        return text;
    }

    /** National curriculum year from age at the start of the school year: 4 is reception (0), 5 is year 1, 11 year 7. */
    static int ncYear(int age) {
        return age - 4;
    }

    static String ncYearName(int ncYear) {
        if (ncYear < 0) {
            return "Nursery";
        }
        if (ncYear == 0) {
            return "Reception";
        }
        return "Year " + ncYear;
    }

    /** The provision a child without a stated one is referred for: residential (38 weeks) if it needs boarding, else day. */
    static ProvisionKind provision(PlacementRequestView child) {
        return child.needsBoarding() ? ProvisionKind.RESIDENTIAL_38_WEEK : ProvisionKind.DAY;
    }

    /** The provision asked for: day or residential, and residential exactly when the request says the child boards. */
    static ProvisionKind provision(String field, ProvisionKind given, PlacementRequestView child) {
        ProvisionKind provision = given != null ? given : child.needsBoarding() ? ProvisionKind.RESIDENTIAL_38_WEEK : ProvisionKind.DAY;
        if (provision != ProvisionKind.DAY && provision != ProvisionKind.RESIDENTIAL_38_WEEK && provision != ProvisionKind.RESIDENTIAL_52_WEEK) {
            throw ApiException.badRequest(field, "a referral asks for DAY, RESIDENTIAL_38_WEEK or RESIDENTIAL_52_WEEK provision, got " + provision);
        }
        if (child.needsBoarding() == (provision == ProvisionKind.DAY)) {
            throw ApiException.badRequest(field, child.needsBoarding()
                    ? "request " + child.reference() + " needs boarding: ask for RESIDENTIAL_38_WEEK or RESIDENTIAL_52_WEEK provision, or change the request"
                    : "request " + child.reference() + " does not need boarding: ask for DAY provision, or change the request");
        }
        return provision;
    }

    static List<String> whyNotState(List<String> lines) {
        if (lines.size() > MarketRules.MAX_WHY_NOT_STATE) {
            throw ApiException.badRequest("input.whyNotState", "at most " + MarketRules.MAX_WHY_NOT_STATE + " reasons, got " + lines.size());
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            checked.add(MarketRules.requiredText("input.whyNotState[" + i + "]", lines.get(i), MarketRules.MAX_REASON));
        }
        return checked;
    }

}
