package uk.sendplan.api.planning;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.planning.Investments.InvestmentAdvice;
import uk.sendplan.api.planning.PlaceValueRepository.CellValue;
import uk.sendplan.api.planning.PlaceValueRepository.LocalAuthorityValue;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.PlanScope;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a new place saves most, for a regional planner (/region/invest: the region's plans, and a plan of the region's
 * waiting children started from the page) and for a commissioner from their plan: a plan's place values, best first, by
 * LA, need and phase and by setting, and where a number of new places would place most children and save most
 * ({@link Investments}, as GraphQL's whereToInvest). Plans are read through PlanService, so a plan the user may not
 * read is refused as GraphQL's plan query refuses it. Every figure is about settings and totals, never a child.
 */
@Pages
class InvestPages implements PageLinks {

    /** Rows of each place-value table on the page; the CSV has up to the GraphQL maximum. */
    static final int SHOWN = 20;
    static final int CSV_ROWS = 100;
    /** New places the form asks about until the user says otherwise. */
    static final int DEFAULT_PLACES = 10;
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    record PlanRow(long id, String name, String scope, String financialYear, String status, String tag, Integer children, Integer placed) {
    }

    record LaValueRow(String la, String need, String phase, int cells, int childrenPlaced, String saving, String value) {
    }

    record CellRow(String setting, int urn, String la, String need, String phase, boolean placesAChild, String saving, String value, String summary) {
    }

    record AddedRow(String setting, int urn, String la, String need, String phase, int places) {
    }

    /** The answer to "where should n new places go?" as the page shows it. */
    record Advice(String summary, List<AddedRow> cells, int placedBefore, int placedAfter, int children, String costBefore, String costAfter,
                  String saving) {
    }

    private final PlanService plans;
    private final PlaceValueRepository values;
    private final PlaceValueTexts texts;
    private final Investments investments;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;

    InvestPages(PlanService plans, PlaceValueRepository values, PlaceValueTexts texts, Investments investments, SettingService settings,
                ReferenceData reference, Access access) {
        this.plans = plans;
        this.values = values;
        this.texts = texts;
        this.investments = investments;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGIONAL_PLANNER)
                ? List.of(new Link("/region/invest", "Where to invest", "Where a new place would place a waiting child or save most, "
                + "from a plan of your region's children.", 24))
                : List.of();
    }

    @GetMapping("/region/invest")
    String region(Model model) {
        access.require("Where to invest", Role.REGIONAL_PLANNER);
        return regionPage(model, FinancialYears.of(LocalDate.now(ENGLAND)), new FormErrors());
    }

    /** Plans the region's waiting children with the planner's defaults, then shows where new places would do most. */
    @PostMapping("/region/invest")
    String planRegion(@RequestParam(defaultValue = "") String financialYear, Model model) {
        Actor actor = access.require("Plan the region", Role.REGIONAL_PLANNER);
        String year = financialYear.trim();
        FormErrors errors = new FormErrors();
        String breach = InputRules.breach(year, InputRules.LINE);
        if (breach != null) {
            errors.add("financialYear", "The financial year " + breach);
        } else if (year.isEmpty()) {
            errors.add("financialYear", "Enter the financial year to plan for, like 2026-27");
        } else {
            Optional<PlanView> started = errors.attempt(() -> plans.start(new PlanService.StartPlanInput(PlanScope.REGION, actor.regionCode(), year,
                    null, null, null, null, null, null, null, null)), Map.of("input.financialYear", "financialYear"), "financialYear");
            if (started.isPresent()) {
                return "redirect:/plans/" + started.get().id() + "/invest";
            }
        }
        return regionPage(model, year, errors);
    }

    private String regionPage(Model model, String year, FormErrors errors) {
        model.addAttribute("plans", plans.list(null, 50).stream().map(this::row).toList());
        model.addAttribute("financialYear", year);
        model.addAttribute("errors", errors);
        return "planning/invest-region";
    }

    @GetMapping("/plans/{id}/invest")
    String plan(@PathVariable String id, @RequestParam(required = false) String places, Model model, HttpServletResponse response) {
        access.require("Where to invest", Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        PlanView plan = plans.get("Where to invest", id);
        model.addAttribute("plan", row(plan));
        model.addAttribute("back", access.actor().is(Role.REGIONAL_PLANNER) ? "/region/invest" : "/plans/" + plan.id());
        FormErrors errors = new FormErrors();
        model.addAttribute("errors", errors);
        model.addAttribute("places", places == null ? String.valueOf(DEFAULT_PLACES) : places.trim());
        if (!plan.finished()) {
            response.setHeader("Refresh", String.valueOf(PlanPages.REFRESH_SECONDS));
            model.addAttribute("running", true);
            model.addAttribute("refreshSeconds", PlanPages.REFRESH_SECONDS);
            model.addAttribute("progress", RunningPlan.read(plans, plan));
            return "planning/invest";
        }
        model.addAttribute("running", false);
        boolean known = values.known(plan.id());
        model.addAttribute("valuesKnown", known);
        model.addAttribute("whyUnknown", known ? null : whyUnknown(plan));
        if (known) {
            model.addAttribute("laValues", laRows(plan, SHOWN));
            model.addAttribute("cellValues", cellRows(plan, SHOWN));
        }
        if (places != null && plan.failure() == null) {
            errors.attempt(() -> advice(investments.advise(String.valueOf(plan.id()), wholeNumber(places), null, null, null)),
                    Map.of("places", "places", "planId", "places"), "places").ifPresent(advice -> model.addAttribute("advice", advice));
        }
        return "planning/invest";
    }

    @GetMapping("/plans/{id}/place-values.csv")
    @ResponseBody
    ResponseEntity<String> valuesCsv(@PathVariable String id) {
        access.require("Where to invest", Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        PlanView plan = plans.get("Where to invest", id);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("setting", "urn", "la", "need", "phase", "places_a_child", "annual_saving",
                "value_with_priorities", "summary"))).append("\r\n");
        if (values.known(plan.id())) {
            for (CellRow r : cellRows(plan, CSV_ROWS)) {
                csv.append(Csv.line(Arrays.asList(r.setting(), r.urn(), r.la(), r.need(), r.phase(), r.placesAChild() ? "yes" : "no", r.saving(),
                        r.value(), r.summary()))).append("\r\n");
            }
        }
        return Downloads.csv(csv.toString(), "place-values", "plan", String.valueOf(plan.id()));
    }

    @GetMapping("/plans/{id}/invest.csv")
    @ResponseBody
    ResponseEntity<String> adviceCsv(@PathVariable String id, @RequestParam String places) {
        access.require("Where to invest", Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        PlanView plan = plans.get("Where to invest", id);
        Advice advice = advice(investments.advise(String.valueOf(plan.id()), wholeNumber(places), null, null, null));
        StringBuilder csv = new StringBuilder(Csv.line(List.of("setting", "urn", "la", "need", "phase", "new_places"))).append("\r\n");
        for (AddedRow r : advice.cells()) {
            csv.append(Csv.line(Arrays.asList(r.setting(), r.urn(), r.la(), r.need(), r.phase(), r.places()))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "new-places", "plan", String.valueOf(plan.id()));
    }

    /** The number of new places as typed: a whole number, or the service's rule for the field. */
    private static Integer wholeNumber(String places) {
        try {
            return Integer.parseInt(places.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("places", "Enter the number of new places as a whole number, like 10");
        }
    }

    private String whyUnknown(PlanView plan) {
        if (plan.failure() != null) {
            return "The plan failed, so it has no place values.";
        }
        if (plan.rules() != null && (plan.rules().maxIndependentShare() != null || plan.rules().maxIndependentPlacements() != null
                || plan.weights().getOrDefault("siblingsApart", 0L) instanceof Number n && n.longValue() > 0)) {
            return "This plan limits independent placements or keeps siblings together, so no exact value of one more place exists. "
                    + "Plan again without those rules to see where a place saves most.";
        }
        return "This plan was made before place values were kept. Plan again to see where a place saves most.";
    }

    private List<LaValueRow> laRows(PlanView plan, int limit) {
        return values.byLocalAuthority(plan.id(), limit).stream().map((LocalAuthorityValue v) -> new LaValueRow(laName(v.laCode()), v.need(),
                reference.phaseName(v.phase()), v.cells(), v.childrenPlaced(), PlaceValueTexts.pounds(v.annualSavingPence()),
                PlaceValueTexts.pounds(v.scoreSavingPence()))).toList();
    }

    private List<CellRow> cellRows(PlanView plan, int limit) {
        List<CellValue> cells = values.best(plan.id(), limit);
        Map<Integer, SettingView> byUrn = cells.isEmpty() ? Map.of() : settings.findAll(cells.stream().map(CellValue::urn).collect(Collectors.toSet()));
        return cells.stream().map(c -> c.named(byUrn.get(c.urn()).name())).map(c -> new CellRow(c.settingName(), c.urn(), laName(c.laCode()), c.need(),
                reference.phaseName(c.phase()), c.childrenPlaced() > 0, PlaceValueTexts.pounds(c.annualSavingPence()), PlaceValueTexts.pounds(c.scoreSavingPence()),
                texts.summary(c))).toList();
    }

    private Advice advice(InvestmentAdvice a) {
        List<AddedRow> rows = new ArrayList<>();
        for (Investments.InvestmentCell cell : a.cells()) {
            rows.add(new AddedRow(cell.setting().name(), cell.setting().urn(), laName(cell.setting().laCode()), cell.need(), reference.phaseName(cell.phase()),
                    cell.placesAdded()));
        }
        return new Advice(a.summary(), rows, a.childrenPlacedBefore(), a.childrenPlacedAfter(), a.children(),
                Money.formatRounded(Money.pence(a.annualCostBefore())), Money.formatRounded(Money.pence(a.annualCostAfter())),
                Money.formatRounded(Money.pence(a.annualSaving())));
    }

    private PlanRow row(PlanView p) {
        String scope = p.scopeType() == PlanScope.LOCAL_AUTHORITY ? laName(p.scopeCode())
                : reference.region(p.scopeCode()).map(ReferenceData.Region::name).orElse(p.scopeCode()) + " (region)";
        return new PlanRow(p.id(), p.name(), scope, p.financialYear(), PlanWords.statusName(p.status()), PlanWords.statusTag(p.status()), p.requests(),
                p.placed());
    }

    private String laName(String code) {
        return reference.localAuthority(code).map(ReferenceData.LocalAuthority::name).orElse(code);
    }
}
