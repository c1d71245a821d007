package uk.sendplan.api.sufficiency;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.api.web.SvgMap;
import uk.sendplan.api.web.SvgMaps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A regional planner's region (/region): a map of its LAs shaded by next year's shortfall of specialist places for
 * the need and phase chosen on the page (all by default), with the same numbers in a table and as CSV. Each LA's
 * figures are its own {@link Sufficiency}, central values (the service checks the region is the planner's); mainstream places
 * are left out because the register holds no mainstream classes, only specialist places (resourced provision and
 * SEN units, state and independent special, alternative provision, post-16).
 */
@Pages
class RegionPages implements PageLinks {

    /** The shortfall's classes on the map: "to spare or enough" and four steps of shortfall. */
    static final int SHORT_CLASSES = 4;

    /** One LA next year: forecast children in specialist places, the places, and the gap (null figures: no forecast). */
    record LaRow(String code, String name, Long children, Integer places, Long shortfall, String problem, int settings) {
    }

    /** Each specialist setting type as a kind of point on the map (its app.css class suffix) and the key's words for it. */
    static final Map<String, String> KINDS = Map.of("STATE_SPECIAL", "state-special", "RESOURCED_PROVISION", "resourced", "SEN_UNIT", "resourced",
            "INDEPENDENT_SPECIAL", "independent", "NON_MAINTAINED_SPECIAL", "independent", "ALTERNATIVE_PROVISION", "alternative",
            "SPECIALIST_POST_16", "post-16", "FE_COLLEGE", "post-16");
    /** The key's words for each kind, in the key's order. */
    static final Map<String, String> KIND_WORDS = kindWords();

    private static Map<String, String> kindWords() {
        Map<String, String> words = new java.util.LinkedHashMap<>();
        words.put("state-special", "State special school");
        words.put("resourced", "Resourced provision or SEN unit");
        words.put("independent", "Independent or non-maintained special school");
        words.put("alternative", "Alternative provision");
        words.put("post-16", "Specialist post-16 or college");
        return java.util.Collections.unmodifiableMap(words);
    }

    /** The region's LAs and the January forecast (null when no LA has statistics). */
    record Regional(List<LaRow> rows, Integer january) {
    }

    /** What the page was asked: a need and a phase code, or empty for all. */
    record Choice(String need, String phase) {
        boolean all() {
            return need.isEmpty() && phase.isEmpty();
        }
    }

    private final Sufficiency sufficiency;
    private final SettingService settings;
    private final ReferenceData reference;
    private final SvgMaps maps;
    private final Access access;

    RegionPages(Sufficiency sufficiency, SettingService settings, ReferenceData reference, SvgMaps maps, Access access) {
        this.sufficiency = sufficiency;
        this.settings = settings;
        this.reference = reference;
        this.maps = maps;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGIONAL_PLANNER)
                ? List.of(new Link("/region", "Your region", "A map of your LAs shaded by next year's shortfall of places, by need and phase.", 20))
                : List.of();
    }

    @GetMapping("/region")
    String region(@RequestParam(required = false) String need, @RequestParam(required = false) String phase, Model model) {
        Actor actor = access.require("Regional sufficiency", Role.REGIONAL_PLANNER);
        ReferenceData.Region region = reference.requireRegion("regionCode", actor.regionCode());
        Choice choice = new Choice(need == null ? "" : need.trim(), phase == null ? "" : phase.trim());
        FormErrors errors = check(choice);
        model.addAttribute("region", region);
        model.addAttribute("needs", reference.needTypes());
        model.addAttribute("phases", phases());
        model.addAttribute("choice", choice);
        model.addAttribute("errors", errors);
        if (errors.any()) {
            model.addAttribute("rows", List.of());
            return "region/region";
        }
        List<SettingService.PlanningSetting> located = located(region, choice);
        Regional regional = rows(region, choice, located);
        List<LaRow> rows = regional.rows();
        Integer january = regional.january();
        String what = describe(choice);
        model.addAttribute("january", january);
        model.addAttribute("what", what);
        model.addAttribute("rows", rows);
        model.addAttribute("total", total(rows));
        model.addAttribute("map", map(region, rows, located, what, january));
        model.addAttribute("csv", "/region/shortfall.csv" + query(choice));
        return "region/region";
    }

    @GetMapping("/region/shortfall.csv")
    @ResponseBody
    ResponseEntity<String> shortfallCsv(@RequestParam(required = false) String need, @RequestParam(required = false) String phase) {
        Actor actor = access.require("Regional sufficiency", Role.REGIONAL_PLANNER);
        ReferenceData.Region region = reference.requireRegion("regionCode", actor.regionCode());
        Choice choice = new Choice(need == null ? "" : need.trim(), phase == null ? "" : phase.trim());
        FormErrors errors = check(choice);
        if (errors.any()) {
            FormErrors.Problem problem = errors.all().getFirst();
            throw ApiException.badRequest(problem.field(), problem.message());
        }
        StringBuilder csv = new StringBuilder(Csv.line(List.of("la_code", "la", "january", "need", "phase", "forecast_children", "places", "shortfall", "settings")))
                .append("\r\n");
        Regional regional = rows(region, choice, located(region, choice));
        Integer january = regional.january();
        for (LaRow r : regional.rows()) {
            csv.append(Csv.line(Arrays.asList(r.code(), r.name(), january, choice.need().isEmpty() ? "all" : choice.need(),
                    choice.phase().isEmpty() ? "all" : choice.phase(), r.children(), r.places(), r.shortfall(), r.settings()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "shortfall", region.name());
    }

    /** A need or phase the lists don't offer is named next to its select, and nothing is worked out. */
    private FormErrors check(Choice choice) {
        FormErrors errors = new FormErrors();
        if (!choice.need().isEmpty() && !reference.isNeedCode(choice.need())) {
            errors.add("need", "Choose a need from the list (\"" + choice.need() + "\" is not one)");
        }
        if (!choice.phase().isEmpty() && phases().stream().noneMatch(p -> p.code().equals(choice.phase()))) {
            errors.add("phase", "Choose a phase from the list (\"" + choice.phase() + "\" is not one)");
        }
        return errors;
    }

    /** The phases the forecast covers (from age 2). */
    private List<ReferenceData.Phase> phases() {
        return reference.phases().stream().filter(p -> p.ageTo() >= Sen2History.MIN_AGE).toList();
    }

    /** Each LA of the region next year, alphabetically (central figures: the map and table show no intervals); an LA without a forecast says why. */
    Regional rows(ReferenceData.Region region, Choice choice, List<SettingService.PlanningSetting> located) {
        List<LaRow> rows = new ArrayList<>();
        Integer january = null;
        Map<String, Long> settingsByLa = located.stream()
                .collect(java.util.stream.Collectors.groupingBy(SettingService.PlanningSetting::laCode, java.util.stream.Collectors.counting()));
        List<Sufficiency.Result> results = sufficiency.centralOfEachLa(region.code(), 1).stream()
                .sorted(java.util.Comparator.comparing(Sufficiency.Result::scope)).toList();
        for (Sufficiency.Result result : results) {
            if (result.years().isEmpty()) {
                rows.add(new LaRow(result.laCode(), result.scope(), null, null, null, "No SEN2 statistics to forecast from",
                        settingsByLa.getOrDefault(result.laCode(), 0L).intValue()));
                continue;
            }
            january = result.years().getFirst().january();
            double children = 0;
            int places = 0;
            for (Sufficiency.Row r : result.years().getFirst().rows()) {
                if (r.placement() == Placement.MAINSTREAM || !choice.phase().isEmpty() && !r.phase().equals(choice.phase())) {
                    continue;
                }
                if (choice.need().isEmpty()) {
                    children += r.demand().central();
                    places += r.places();
                } else {
                    for (Sufficiency.NeedRow n : r.needs()) {
                        if (n.need().equals(choice.need())) {
                            children += n.demand().central();
                            places += n.places();
                        }
                    }
                }
            }
            long forecast = Math.round(children);
            rows.add(new LaRow(result.laCode(), result.scope(), forecast, places, forecast - places, null,
                    settingsByLa.getOrDefault(result.laCode(), 0L).intValue()));
        }
        return new Regional(rows, january);
    }

    private static LaRow total(List<LaRow> rows) {
        List<LaRow> known = rows.stream().filter(r -> r.children() != null).toList();
        long children = known.stream().mapToLong(LaRow::children).sum();
        int places = known.stream().mapToInt(LaRow::places).sum();
        return new LaRow(null, "Region", children, places, children - places, null, rows.stream().mapToInt(LaRow::settings).sum());
    }

    /**
     * The region's open settings with specialist places of the need and phase chosen (any, for all): the map's dots and
     * the table's count. Mainstream settings without such places are not on the register's specialist side, so none show.
     */
    private List<SettingService.PlanningSetting> located(ReferenceData.Region region, Choice choice) {
        List<String> codes = reference.localAuthoritiesOf(region.code()).stream().map(ReferenceData.LocalAuthority::code).toList();
        return settings.openSettingsNear(codes, 0).stream()
                .filter(s -> codes.contains(s.laCode()) && KINDS.containsKey(s.type()))
                .filter(s -> s.places().stream().anyMatch(p -> p.capacity() > 0 && (choice.need().isEmpty() || p.need().equals(choice.need()))
                        && (choice.phase().isEmpty() || p.phase().equals(choice.phase()))))
                .toList();
    }

    private SvgMap map(ReferenceData.Region region, List<LaRow> rows, List<SettingService.PlanningSetting> located, String what, Integer january) {
        long most = rows.stream().filter(r -> r.shortfall() != null).mapToLong(LaRow::shortfall).max().orElse(0);
        long step = step(most);
        List<String> labels = new ArrayList<>(List.of("Places to spare or enough"));
        for (int c = 1; c <= SHORT_CLASSES; c++) {
            labels.add(c < SHORT_CLASSES ? "Short by " + ((c - 1) * step + 1) + " to " + c * step : "Short by more than " + (c - 1) * step);
        }
        SvgMaps.Builder map = maps.map("Shortfall of places in " + region.name() + " by LA" + (january == null ? "" : ", January " + january),
                        "Each LA of " + region.name() + " shaded by its forecast shortfall of " + what + ": children forecast less places. "
                                + "Darker is shorter of places. Each LA links to its forecast. Dots mark the " + located.size()
                                + " settings with such places, coloured by kind. The table below gives the same numbers.")
                .shades(labels);
        KIND_WORDS.forEach(map::kind);
        for (SettingService.PlanningSetting s : located) {
            map.point(s.easting(), s.northing(), KINDS.get(s.type()), s.name() + " (" + KIND_WORDS.get(KINDS.get(s.type())) + ")");
        }
        for (LaRow r : rows) {
            map.area(r.code(), r.name() + ": " + words(r), r.shortfall() == null ? SvgMaps.NO_DATA : shade(r.shortfall(), step),
                    "/region/forecast?la=" + r.code());
        }
        return map.draw();
    }

    /** The width of each shortfall class: a round number (1, 2 or 5 times a power of ten) so four of them cover the largest. */
    static long step(long most) {
        double raw = Math.max(1, most) / (double) SHORT_CLASSES;
        long power = 1;
        while (power * 10 <= raw) {
            power *= 10;
        }
        for (long m : new long[]{1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** 0 for no shortfall, then 1 to {@link #SHORT_CLASSES} by steps; the last class takes everything above. */
    static int shade(long shortfall, long step) {
        if (shortfall <= 0) {
            return 0;
        }
        return (int) Math.min(SHORT_CLASSES, (shortfall - 1) / step + 1);
    }

    static String words(LaRow r) {
        if (r.shortfall() == null) {
            return "no forecast";
        }
        long s = r.shortfall();
        return s > 0 ? "short by " + s + (s == 1 ? " place" : " places")
                : s < 0 ? -s + (s == -1 ? " place" : " places") + " to spare" : "about enough places";
    }

    private String describe(Choice choice) {
        String need = choice.need().isEmpty() ? "" : reference.needType(choice.need()).name() + " ";
        String phase = choice.phase().isEmpty() ? "" : reference.phase(choice.phase()).name().toLowerCase(java.util.Locale.UK) + " ";
        return phase + need + "specialist places";
    }

    private static String query(Choice choice) {
        List<String> parts = new ArrayList<>();
        if (!choice.need().isEmpty()) {
            parts.add("need=" + choice.need());
        }
        if (!choice.phase().isEmpty()) {
            parts.add("phase=" + choice.phase());
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
