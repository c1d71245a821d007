package uk.sendplan.api.sufficiency;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.demand.DemandSummaries;
import uk.sendplan.api.demand.DemandSummaries.DemandCount;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.Vacancies;
import uk.sendplan.api.settings.Vacancies.VacancyRow;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A commissioner's LA at a glance (/la): children waiting by need and phase, vacancies in the LA's settings by need and
 * phase, next year's forecast shortfall of places by phase and kind of place, and high needs spend by kind of placement
 * (DfE's Section 251 figures), each table also as a CSV file. The figures come from the same services as GraphQL's
 * demandSummary, vacancies and sufficiency, with their access rules.
 */
@Pages
class GlancePages implements PageLinks {

    /** One need and phase of the LA's demand, with names as people read them. */
    record Waiting(String need, String phase, int open, int proposed, int placed) {
        public int waiting() {
            return open + proposed;
        }
    }

    /** One need and phase of the LA's places. */
    record Places(String need, String phase, int capacity, int occupied, int vacancies, int settingsWithVacancy) {
    }

    /** One phase and kind of place next year: the forecast, the places, and the gap (positive: short) with its 95% interval. */
    record Gap(String phase, String kind, long forecast, int places, long shortfall, long shortfallLower95, long shortfallUpper95, String summary) {
    }

    /** One kind of placement's spend as the page shows it: to the pound, and per child to the nearest £100. */
    record Spend(String kind, String budget, String outturn, String placed, String perChild) {
    }

    private final DemandSummaries demand;
    private final Vacancies vacancies;
    private final Sufficiency sufficiency;
    private final HighNeedsSpend spend;
    private final ReferenceData reference;
    private final Access access;

    GlancePages(DemandSummaries demand, Vacancies vacancies, Sufficiency sufficiency, HighNeedsSpend spend, ReferenceData reference, Access access) {
        this.demand = demand;
        this.vacancies = vacancies;
        this.sufficiency = sufficiency;
        this.spend = spend;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.COMMISSIONER)
                ? List.of(new Link("/la", "Your LA at a glance", "Children waiting by need and phase, vacancies, next year's shortfall of places and high needs spend.", 10))
                : List.of();
    }

    @GetMapping("/la")
    String glance(Model model) {
        Actor actor = access.require("LA at a glance", Role.COMMISSIONER);
        model.addAttribute("la", reference.requireLocalAuthority("laCode", actor.laCode()));
        List<Waiting> waiting = waiting(actor);
        model.addAttribute("waiting", waiting);
        model.addAttribute("waitingTotal", new Waiting("All needs", "All phases", waiting.stream().mapToInt(Waiting::open).sum(),
                waiting.stream().mapToInt(Waiting::proposed).sum(), waiting.stream().mapToInt(Waiting::placed).sum()));
        Vacancies.VacancySummary places = vacancies.summarise(actor.laCode(), null, null, null);
        model.addAttribute("places", places(places));
        model.addAttribute("placesTotal", places);
        try {
            Sufficiency.Result result = sufficiency.of(actor.laCode(), null, 1);
            model.addAttribute("gapYear", result.years().isEmpty() ? null : result.years().getFirst().year());
            model.addAttribute("gaps", gaps(result));
        } catch (ApiException noForecast) {
            // an LA without SEN2 history has no forecast: the page says why rather than failing
            model.addAttribute("gapProblem", noForecast.getMessage());
            model.addAttribute("gaps", List.of());
        }
        model.addAttribute("spend", spend.of(actor.laCode()).map(GlancePages::spendRows).orElse(null));
        model.addAttribute("spendSource", HighNeedsSpend.SOURCE);
        return "sufficiency/glance";
    }

    @GetMapping("/la/spend.csv")
    @ResponseBody
    ResponseEntity<String> spendCsv() {
        Actor actor = access.require("LA at a glance", Role.COMMISSIONER);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("kind_of_placement", "budget_2021_22", "outturn_2020_21", "children_placed",
                "budget_per_child"))).append("\r\n");
        for (HighNeedsSpend.Line line : spend.of(actor.laCode()).orElse(List.of())) {
            // amounts as BigDecimal pounds, so Csv.line writes them as numbers
            csv.append(Csv.line(Arrays.asList(line.kind(), Money.poundsOrNull(line.budgetPence()), Money.poundsOrNull(line.outturnPence()),
                    line.placed(), Money.poundsOrNull(line.budgetPerPlacedPence())))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "high-needs-spend", laName(actor));
    }

    @GetMapping("/la/waiting.csv")
    @ResponseBody
    ResponseEntity<String> waitingCsv() {
        Actor actor = access.require("LA at a glance", Role.COMMISSIONER);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("need", "phase", "waiting", "open", "proposed", "placed"))).append("\r\n");
        for (Waiting w : waiting(actor)) {
            csv.append(Csv.line(List.of(w.need(), w.phase(), w.waiting(), w.open(), w.proposed(), w.placed()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "children-waiting", laName(actor));
    }

    @GetMapping("/la/vacancies.csv")
    @ResponseBody
    ResponseEntity<String> vacanciesCsv() {
        Actor actor = access.require("LA at a glance", Role.COMMISSIONER);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("need", "phase", "capacity", "occupied", "vacancies", "settings_with_vacancy"))).append("\r\n");
        for (Places p : places(vacancies.summarise(actor.laCode(), null, null, null))) {
            csv.append(Csv.line(List.of(p.need(), p.phase(), p.capacity(), p.occupied(), p.vacancies(), p.settingsWithVacancy()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "vacancies", laName(actor));
    }

    @GetMapping("/la/shortfall.csv")
    @ResponseBody
    ResponseEntity<String> shortfallCsv() {
        Actor actor = access.require("LA at a glance", Role.COMMISSIONER);
        Sufficiency.Result result = sufficiency.of(actor.laCode(), null, 1);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("year", "phase", "kind_of_place", "forecast", "places", "shortfall",
                "shortfall_lower_95", "shortfall_upper_95"))).append("\r\n");
        String year = result.years().isEmpty() ? "" : result.years().getFirst().year();
        for (Gap g : gaps(result)) {
            csv.append(Csv.line(List.of(year, g.phase(), g.kind(), g.forecast(), g.places(), g.shortfall(), g.shortfallLower95(), g.shortfallUpper95())))
                    .append("\r\n");
        }
        return Downloads.csv(csv.toString(), "shortfall", laName(actor));
    }

    private String laName(Actor actor) {
        return reference.requireLocalAuthority("laCode", actor.laCode()).name();
    }

    private List<Waiting> waiting(Actor actor) {
        List<Waiting> rows = new ArrayList<>();
        for (DemandCount c : demand.summaryFor(actor.laCode(), null)) {
            rows.add(new Waiting(reference.needName(c.need()), reference.phaseName(c.phase()), c.open(), c.proposed(), c.placed()));
        }
        return rows;
    }

    private List<Places> places(Vacancies.VacancySummary summary) {
        List<Places> rows = new ArrayList<>();
        for (VacancyRow r : summary.rows()) {
            rows.add(new Places(reference.needName(r.need()), reference.phase(r.phase()).name(), r.capacity(), r.occupied(), r.vacancies(), r.settingsWithVacancy()));
        }
        return rows;
    }

    private List<Gap> gaps(Sufficiency.Result result) {
        if (result.years().isEmpty()) {
            return List.of();
        }
        List<Gap> rows = new ArrayList<>();
        for (Sufficiency.Row r : result.years().getFirst().rows()) {
            String kind = Sufficiency.WORDS.get(r.placement());
            rows.add(new Gap(reference.phase(r.phase()).name(), Character.toUpperCase(kind.charAt(0)) + kind.substring(1), Math.round(r.demand().central()), r.places(),
                    Math.round(r.shortfall().central()), Math.round(r.shortfall().lower95()), Math.round(r.shortfall().upper95()), r.summary()));
        }
        return rows;
    }

    private static List<Spend> spendRows(List<HighNeedsSpend.Line> lines) {
        return lines.stream().map(l -> new Spend(l.kind(), rounded(l.budgetPence()), rounded(l.outturnPence()),
                l.placed() == null ? "" : String.format(Locale.UK, "%,d", l.placed()),
                l.budgetPerPlacedPence() == null ? "" : Money.formatRounded(Math.round(l.budgetPerPlacedPence() / 10_000.0) * 10_000))).toList();
    }

    private static String rounded(Long pence) {
        return pence == null ? "Not given" : Money.formatRounded(pence);
    }
}
