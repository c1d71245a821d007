package uk.sendplan.api.scenarios;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.planning.WhatIf;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.BackgroundJobs;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A regional planner's scenarios (/region/scenarios): the region's saved scenarios with a form to compare some side by
 * side (and as CSV), a form to run one on forecast demand for the region or one of its LAs, and one scenario's base
 * against its outcome. {@link Scenarios} runs and reads them with its own rules (a planner their region's).
 */
@Pages
class ScenarioPages implements PageLinks {

    /** One measure of a scenario's outcome, as the comparison's rows show it: its name and each scenario's value in words. */
    record Measure(String name, List<String> values) {
    }

    /** A saved scenario as the list shows it. */
    record Listed(long id, String name, String area, String demand, String gained, String saving) {
    }

    /** The form's fields as typed, shown back with any problem. */
    record Form(String name, String forecastJanuary, String area, String feePercent, String shiftNeed, String shiftPhase, String shiftPercent) {
        static Form empty() {
            return new Form("", "", "", "", "", "", "");
        }
    }

    /** The service's paths to the form's fields; a problem without a field goes next to the changes. */
    private static final Map<String, String> FIELDS = Map.of("input.name", "name", "input.forecastJanuary", "forecastJanuary",
            "input.laCode", "area", "input.regionCode", "area", "input.changes.feeChanges", "feePercent",
            "input.changes.shiftToResourced", "shiftPercent", "input.changes", "changes");

    private final Scenarios scenarios;
    private final ReferenceData reference;
    private final Access access;
    private final ScenarioJobs jobs;

    ScenarioPages(Scenarios scenarios, ReferenceData reference, Access access, ScenarioJobs jobs) {
        this.scenarios = scenarios;
        this.reference = reference;
        this.access = access;
        this.jobs = jobs;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGIONAL_PLANNER)
                ? List.of(new Link("/region/scenarios", "Scenarios", "Run a what-if on forecast demand and compare scenarios side by side.", 22))
                : List.of();
    }

    @GetMapping("/region/scenarios")
    String list(Model model) {
        access.require("Scenarios", Role.REGIONAL_PLANNER);
        return listPage(model, Form.empty(), new FormErrors());
    }

    /** Runs a scenario on forecast demand; the page's own checks and the service's refusals are shown next to their fields. */
    @PostMapping("/region/scenarios")
    String run(Form form, Model model) {
        Actor actor = access.require("Scenarios", Role.REGIONAL_PLANNER);
        Form typed = new Form(trim(form.name()), trim(form.forecastJanuary()), trim(form.area()), trim(form.feePercent()), trim(form.shiftNeed()),
                trim(form.shiftPhase()), trim(form.shiftPercent()));
        FormErrors errors = new FormErrors();
        Integer january = null;
        try {
            january = Integer.valueOf(typed.forecastJanuary());
        } catch (NumberFormatException e) {
            errors.add("forecastJanuary", "Enter the January to plan as a year, like 2027");
        }
        BigDecimal fee = number(typed.feePercent(), "feePercent", "Enter the change in independent fees as a percentage, like -5", errors);
        BigDecimal shift = number(typed.shiftPercent(), "shiftPercent", "Enter the share of empty state special places to move as a percentage, like 20", errors);
        if (shift != null && (typed.shiftNeed().isEmpty() || typed.shiftPhase().isEmpty())) {
            errors.add(typed.shiftNeed().isEmpty() ? "shiftNeed" : "shiftPhase", "Choose the need and phase of the places to move");
        }
        if (!errors.any()) {
            WhatIf.Changes changes = new WhatIf.Changes(null, null, null,
                    fee == null ? null : List.of(new WhatIf.FeeChange(null, fee)),
                    shift == null ? null : List.of(new WhatIf.ShiftToResourced(typed.shiftNeed(), typed.shiftPhase(), shift)));
            Scenarios.RunScenarioInput input = new Scenarios.RunScenarioInput(null, january, typed.area().isEmpty() ? null : typed.area(),
                    typed.area().isEmpty() ? actor.regionCode() : null, typed.name(), changes);
            Optional<String> running = errors.attempt(() -> {
                scenarios.validate(input);
                return "redirect:/region/scenarios/running/" + jobs.start(actor, input.name().trim(), typed, () -> scenarios.run(input).id()).id();
            }, FIELDS, "changes");
            if (running.isPresent()) {
                return running.get();
            }
        }
        return listPage(model, typed, errors);
    }

    /**
     * A scenario started from the form: while it runs, the page says so and refreshes itself every second (no script);
     * once run, it is the scenario's own page; refused as it ran (its changes are checked as the run applies them), the
     * form again as it was filled in, with the refusal next to its field. Only the planner who started it finds it here.
     */
    @GetMapping("/region/scenarios/running/{jobId}")
    String running(@PathVariable String jobId, Model model, HttpServletResponse response) {
        Actor actor = access.require("Scenarios", Role.REGIONAL_PLANNER);
        BackgroundJobs.Job<Long> job = jobs.find(jobId, actor.subject()).orElseThrow(() -> access.outOfScope("Scenario"));
        if (job.result() != null) {
            return "redirect:/region/scenarios/" + job.result();
        }
        if (!job.running()) {
            FormErrors errors = new FormErrors();
            job.failureOn(errors, FIELDS, "changes");
            return listPage(model, job.form(Form.class), errors);
        }
        response.setHeader("Refresh", "1");
        model.addAttribute("name", job.label());
        model.addAttribute("seconds", job.seconds());
        return "scenarios/running";
    }

    private String listPage(Model model, Form form, FormErrors errors) {
        Actor actor = access.require("Scenarios", Role.REGIONAL_PLANNER);
        ReferenceData.Region region = reference.requireRegion("regionCode", actor.regionCode());
        model.addAttribute("region", region);
        model.addAttribute("scenarios", scenarios.search(null).stream().map(s -> new Listed(s.id(), s.name(), scopeName(s),
                s.forecastJanuary() != null ? "Forecast, January " + s.forecastJanuary() : "Plan " + s.planId(),
                signed(s.placesGained()), Money.formatRounded(s.annualSavingPence()))).toList());
        model.addAttribute("areas", reference.localAuthoritiesOf(region.code()).stream().sorted(Comparator.comparing(ReferenceData.LocalAuthority::name)).toList());
        model.addAttribute("needs", reference.needTypes());
        model.addAttribute("phases", reference.phases());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "scenarios/scenarios";
    }

    @GetMapping("/region/scenarios/{id}")
    String scenario(@PathVariable String id, Model model) {
        access.require("Scenarios", Role.REGIONAL_PLANNER);
        ScenarioView s = scenarios.get("scenario", id);
        model.addAttribute("scenario", s);
        model.addAttribute("summary", Scenarios.summary(s));
        model.addAttribute("scope", scopeName(s));
        model.addAttribute("measures", measures(List.of(s), true));
        return "scenarios/scenario";
    }

    /** Scenarios side by side: one column each, in the order the ids come (the list's, newest first, from its form). */
    @GetMapping("/region/scenarios/compare")
    String compare(@RequestParam(required = false) List<String> ids, Model model) {
        access.require("Scenarios", Role.REGIONAL_PLANNER);
        if (ids == null || ids.size() < 2) {
            FormErrors errors = new FormErrors();
            errors.add("compare", "Tick two or more scenarios to compare");
            model.addAttribute("compareErrors", errors);
            return listPage(model, Form.empty(), new FormErrors());
        }
        if (ids.size() > Scenarios.MAX_COMPARED) {
            throw ApiException.badRequest("ids", "compare at most " + Scenarios.MAX_COMPARED + " scenarios");
        }
        List<ScenarioView> compared = new ArrayList<>();
        ids.forEach(id -> compared.add(scenarios.get("scenarios", id)));
        model.addAttribute("compared", compared);
        model.addAttribute("measures", measures(compared, false));
        model.addAttribute("csv", "/region/scenarios.csv?" + String.join("&", ids.stream().map(i -> "ids=" + i).toList()));
        return "scenarios/compare";
    }

    @GetMapping("/region/scenarios.csv")
    @ResponseBody
    ResponseEntity<String> csv(@RequestParam(required = false) List<String> ids) {
        access.require("Scenarios", Role.REGIONAL_PLANNER);
        return Downloads.csv(scenarios.csv(ids), "scenarios");
    }

    /** The outcome's measures: each scenario's figure (and, on one scenario's page, the base's first). */
    private static List<Measure> measures(List<ScenarioView> list, boolean withBase) {
        List<Measure> rows = new ArrayList<>();
        rows.add(measure("Children planned", list, withBase, o -> String.format(Locale.UK, "%,d", o.children())));
        rows.add(measure("Placed", list, withBase, o -> String.format(Locale.UK, "%,d", o.placed())));
        rows.add(measure("Without a place", list, withBase, o -> String.format(Locale.UK, "%,d", o.unplaced())));
        rows.add(measure("Annual cost", list, withBase, o -> Money.formatRounded(o.totalCostPence())));
        rows.add(measure("Independent share", list, withBase, o -> String.format(Locale.UK, "%.1f%%", o.independentShare())));
        rows.add(measure("Out of area share", list, withBase, o -> String.format(Locale.UK, "%.1f%%", o.outOfAreaShare())));
        rows.add(measure("Average journey", list, withBase, o -> String.format(Locale.UK, "%.0f minutes", o.averageTravelMinutes())));
        if (!withBase) {
            rows.add(new Measure("Children placed against the base", list.stream().map(s -> signed(s.placesGained())).toList()));
            rows.add(new Measure("Saving a year against the base", list.stream().map(s -> Money.formatRounded(s.annualSavingPence())).toList()));
        }
        return rows;
    }

    private static Measure measure(String name, List<ScenarioView> list, boolean withBase, java.util.function.Function<WhatIf.Outcome, String> value) {
        List<String> values = new ArrayList<>();
        for (ScenarioView s : list) {
            if (withBase) {
                values.add(value.apply(s.base()));
            }
            values.add(value.apply(s.outcome()));
        }
        return new Measure(name, values);
    }

    private String scopeName(ScenarioView s) {
        return switch (s.scopeType()) {
            case LOCAL_AUTHORITY -> reference.localAuthority(s.scopeCode()).map(ReferenceData.LocalAuthority::name).orElse(s.scopeCode());
            case REGION -> reference.region(s.scopeCode()).map(ReferenceData.Region::name).orElse(s.scopeCode());
        };
    }

    /** A change in children: "+12", "-3", or "0" for none. */
    static String signed(int change) {
        return change == 0 ? "0" : String.format(Locale.UK, "%+d", change);
    }

    private static BigDecimal number(String text, String field, String message, FormErrors errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            errors.add(field, message);
            return null;
        }
    }

    private static String trim(String text) {
        return text == null ? "" : text.trim();
    }
}
