package uk.sendplan.api.sufficiency;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.sufficiency.ForecastFigures.Figure;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A regional planner's EHC plan forecast (/region/forecast): the region's, or one of its LAs' (chosen on the page),
 * for the next five Januaries as a server-drawn SVG chart of the central forecast with its 80% and 95% intervals, the
 * same numbers in a table below and as CSV. The figures are {@link Forecasts}' own, which checks the LA is in the
 * planner's region.
 */
@Pages
class ForecastPages implements PageLinks {

    /** The chart's geometry in SVG user units: the y axis's labels on the left, the years along the bottom. */
    static final int WIDTH = 720;
    static final int HEIGHT = 340;
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 20;
    static final int BOTTOM = 40;

    /** One January of the forecast, rounded to whole children. */
    record YearRow(int january, String year, long central, long lower80, long upper80, long lower95, long upper95) {
    }

    /** A gridline: its value's label and its height on the chart. */
    record Tick(String label, double y) {
    }

    /** A year along the bottom: its label, and where its central forecast sits (the dot). */
    record Column(String label, double x, double y, String name) {
    }

    /** The chart: the two intervals as polygons, the central forecast as a line, in SVG points lists. */
    record Chart(List<Tick> ticks, List<Column> columns, String band95, String band80, String central) {
    }

    private final Forecasts forecasts;
    private final ReferenceData reference;
    private final Access access;

    ForecastPages(Forecasts forecasts, ReferenceData reference, Access access) {
        this.forecasts = forecasts;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGIONAL_PLANNER)
                ? List.of(new Link("/region/forecast", "Forecast", "Children with EHC plans forecast for five years, in the region or an LA, with intervals.", 21))
                : List.of();
    }

    @GetMapping("/region/forecast")
    String forecast(@RequestParam(required = false) String la, Model model) {
        Actor actor = access.require("EHC plan forecast", Role.REGIONAL_PLANNER);
        ReferenceData.Region region = reference.requireRegion("regionCode", actor.regionCode());
        String laCode = la == null || la.isBlank() ? null : la.trim();
        model.addAttribute("region", region);
        model.addAttribute("las", reference.localAuthoritiesOf(region.code()).stream()
                .sorted(java.util.Comparator.comparing(ReferenceData.LocalAuthority::name)).toList());
        model.addAttribute("la", laCode == null ? "" : laCode);
        FormErrors errors = new FormErrors();
        model.addAttribute("errors", errors);
        Optional<Forecasts.Scope> forecast = errors.attempt(
                () -> forecasts.forecast("ehcpForecast", laCode, laCode == null ? region.code() : null, Forecasts.MAX_YEARS), Map.of("laCode", "la"), "la");
        if (forecast.isEmpty()) {
            return "region/forecast";
        }
        Forecasts.Scope scope = forecast.get();
        List<YearRow> rows = rows(scope);
        model.addAttribute("scope", scope.name());
        model.addAttribute("rows", rows);
        model.addAttribute("missing", scope.missing().stream().map(c -> reference.localAuthority(c).map(ReferenceData.LocalAuthority::name).orElse(c)).toList());
        model.addAttribute("chart", rows.isEmpty() ? null : chart(rows));
        model.addAttribute("width", WIDTH);
        model.addAttribute("height", HEIGHT);
        model.addAttribute("csv", "/region/forecast.csv" + (laCode == null ? "" : "?la=" + laCode));
        return "region/forecast";
    }

    @GetMapping("/region/forecast.csv")
    @ResponseBody
    ResponseEntity<String> forecastCsv(@RequestParam(required = false) String la) {
        Actor actor = access.require("EHC plan forecast", Role.REGIONAL_PLANNER);
        String laCode = la == null || la.isBlank() ? null : la.trim();
        Forecasts.Scope scope = forecasts.forecast("ehcpForecast", laCode, laCode == null ? actor.regionCode() : null, Forecasts.MAX_YEARS);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("scope", "january", "year", "central", "lower_80", "upper_80", "lower_95", "upper_95")))
                .append("\r\n");
        for (YearRow r : rows(scope)) {
            csv.append(Csv.line(List.of(scope.name(), r.january(), r.year(), r.central(), r.lower80(), r.upper80(), r.lower95(), r.upper95())))
                    .append("\r\n");
        }
        return Downloads.csv(csv.toString(), "ehcp-forecast", scope.name());
    }

    static List<YearRow> rows(Forecasts.Scope scope) {
        List<YearRow> rows = new ArrayList<>();
        for (int h = 0; h < scope.figures().years(); h++) {
            int january = scope.baseJanuary() + h + 1;
            Figure total = scope.figures().total(h);
            rows.add(new YearRow(january, SufficiencyController.academicYear(january), Math.round(total.central()), Math.round(total.lower80()),
                    Math.round(total.upper80()), Math.round(total.lower95()), Math.round(total.upper95())));
        }
        return rows;
    }

    /** The years spread evenly across, the children on a scale from a round number below the lowest 95% bound to one above the highest. */
    static Chart chart(List<YearRow> rows) {
        long low = rows.stream().mapToLong(YearRow::lower95).min().orElseThrow();
        long high = rows.stream().mapToLong(YearRow::upper95).max().orElseThrow();
        long step = step(Math.max(1, high - low));
        double bottom = Math.floorDiv(low, step) * (double) step;
        double top = Math.max(bottom + step, Math.ceil(high / (double) step) * step);
        List<Tick> ticks = new ArrayList<>();
        for (double v = bottom; v <= top + 0.5; v += step) {
            ticks.add(new Tick(String.format(Locale.UK, "%,d", Math.round(v)), y(v, bottom, top)));
        }
        List<Column> columns = new ArrayList<>();
        StringBuilder upper95 = new StringBuilder();
        StringBuilder upper80 = new StringBuilder();
        StringBuilder lower95 = new StringBuilder();
        StringBuilder lower80 = new StringBuilder();
        StringBuilder central = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            YearRow r = rows.get(i);
            double x = x(i, rows.size());
            columns.add(new Column("Jan " + r.january(), x, y(r.central(), bottom, top),
                    "January " + r.january() + ": " + String.format(Locale.UK, "%,d", r.central())));
            central.append(point(x, y(r.central(), bottom, top)));
            upper95.append(point(x, y(r.upper95(), bottom, top)));
            upper80.append(point(x, y(r.upper80(), bottom, top)));
            // the lower bounds run back from the last year, so each band is one closed polygon
            int back = rows.size() - 1 - i;
            lower95.append(point(x(back, rows.size()), y(rows.get(back).lower95(), bottom, top)));
            lower80.append(point(x(back, rows.size()), y(rows.get(back).lower80(), bottom, top)));
        }
        return new Chart(ticks, columns, (upper95.toString() + lower95).trim(), (upper80.toString() + lower80).trim(), central.toString().trim());
    }

    /** The smallest round step (1, 2 or 5 times a power of ten) that needs at most eight gridlines over the range. */
    static long step(long range) {
        for (long power = 1; ; power *= 10) {
            for (long m : new long[]{1, 2, 5}) {
                if (range <= 8 * m * power) {
                    return m * power;
                }
            }
        }
    }

    private static double x(int i, int n) {
        return LEFT + (n == 1 ? 0.5 : i / (double) (n - 1)) * (WIDTH - LEFT - RIGHT - 40) + 20;
    }

    private static double y(double value, double bottom, double top) {
        return TOP + (top - value) / (top - bottom) * (HEIGHT - TOP - BOTTOM);
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
    }
}
