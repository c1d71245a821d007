package uk.sendplan.api.sufficiency;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.demand.DemandSummaries;
import uk.sendplan.api.demand.DemandSummaries.DemandCount;
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
import java.util.List;

/**
 * A commissioner's LA at a glance (/la): children waiting by need and phase, vacancies in the LA's settings by need and
 * phase, and next year's forecast shortfall of places by phase and kind of place, each table also as a CSV file. The
 * figures come from the same services as GraphQL's demandSummary, vacancies and sufficiency, with their access rules.
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

    private final DemandSummaries demand;
    private final Vacancies vacancies;
    private final Sufficiency sufficiency;
    private final ReferenceData reference;
    private final Access access;

    GlancePages(DemandSummaries demand, Vacancies vacancies, Sufficiency sufficiency, ReferenceData reference, Access access) {
        this.demand = demand;
        this.vacancies = vacancies;
        this.sufficiency = sufficiency;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.COMMISSIONER)
                ? List.of(new Link("/la", "Your LA at a glance", "Children waiting by need and phase, vacancies, and next year's shortfall of places.", 10))
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
        return "sufficiency/glance";
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
            rows.add(new Waiting(needName(c.need()), reference.phase(c.phase()).name(), c.open(), c.proposed(), c.placed()));
        }
        return rows;
    }

    private List<Places> places(Vacancies.VacancySummary summary) {
        List<Places> rows = new ArrayList<>();
        for (VacancyRow r : summary.rows()) {
            rows.add(new Places(needName(r.need()), reference.phase(r.phase()).name(), r.capacity(), r.occupied(), r.vacancies(), r.settingsWithVacancy()));
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

    private String needName(String code) {
        return reference.needTypes().stream().filter(n -> n.code().equals(code)).map(ReferenceData.NeedType::name).findFirst().orElse(code);
    }
}
