package uk.sendplan.api.planning;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.kernel.Money;
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
import uk.sendplan.db.types.AssignmentStatus;
import uk.sendplan.db.types.PlanScope;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A commissioner's plans (/plans): the plans they may see, as CSV too, and the form that starts one for their LA;
 * a plan (/plans/{id}) shows its progress while it solves, refreshing itself (an HTTP Refresh header, so no script is
 * needed), then its result against the reactive baseline, each child's placement or why none, and the button that
 * approves it. Everything goes through PlanService and PlanApproval, the same as GraphQL's plans, startPlan and
 * approvePlan, so the pages obey the same access rules and a refusal says what GraphQL's would.
 */
@Pages
class PlanPages implements PageLinks {

    static final int PAGE_SIZE = 25;

    /** The most plans one CSV download holds: an LA starts a few plans a week. */
    static final int CSV_MAX = 5_000;

    /** Seconds between two views of a running plan: often enough to see it improve, rarely enough to read it. */
    static final int REFRESH_SECONDS = 2;

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

    /** A plan as a row of the table, in words. */
    record PlanRow(long id, String name, String scope, String financialYear, String status, String tag, Integer children, Integer placed,
                   String totalAnnualCost, String started) {
    }

    /** The start-a-plan form as typed, so a refused form shows what was entered. */
    record StartForm(String financialYear, String maxIndependentShare, String siblingsWeight) {
    }

    /** One line of the totals: the plan's figure and the reactive approach's. */
    record Total(String label, String plan, String baseline) {
    }

    /** A child's placement as the table shows it. */
    record Placement(long requestId, String reference, String need, String phase, String setting, String kind, String distanceKm, long minutes,
                     String annualCost, String fee, String transport, String rules, boolean proposed) {
    }

    /** A child the plan could not place, and why. */
    record Unplaced(String reference, String need, String phase, String reason) {
    }

    /** The start service's field paths and the form's field ids they stand for. */
    private static final Map<String, String> FIELDS = Map.of("input.financialYear", "financialYear",
            "input.maxIndependentShare", "maxIndependentShare", "input.weights.siblingsApart", "siblingsWeight");

    private final PlanService plans;
    private final PlanApproval approval;
    private final PlanExport export;
    private final DemandService demand;
    private final SettingService settings;
    private final ReferenceData reference;
    private final PlanMaps maps;
    private final Access access;

    PlanPages(PlanService plans, PlanApproval approval, PlanExport export, DemandService demand, SettingService settings, ReferenceData reference,
              PlanMaps maps, Access access) {
        this.plans = plans;
        this.approval = approval;
        this.export = export;
        this.demand = demand;
        this.settings = settings;
        this.reference = reference;
        this.maps = maps;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.COMMISSIONER)
                ? List.of(new Link("/plans", "Plans", "Start a placement plan for your LA's children, follow it as it solves, and approve it.", 30))
                : List.of();
    }

    @GetMapping("/plans")
    String list(@RequestParam(required = false) String before, Model model) {
        access.require("Plans", Role.COMMISSIONER);
        return listPage(model, before, new StartForm(FinancialYears.of(LocalDate.now(ENGLAND)), "", ""), new FormErrors());
    }

    @GetMapping("/plans/plans.csv")
    @ResponseBody
    ResponseEntity<String> csv() {
        Actor actor = access.require("Plans", Role.COMMISSIONER);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("id", "name", "scope", "financial_year", "status", "children", "placed",
                "total_annual_cost", "started"))).append("\r\n");
        for (PlanView p : plans.list(null, CSV_MAX)) {
            csv.append(Csv.line(Arrays.asList(p.id(), p.name(), scopeName(p), p.financialYear(), p.status().name(), p.requests(), p.placed(),
                    p.totalCostPence() == null ? null : Money.pounds(p.totalCostPence()), started(p)))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "plans", reference.requireLocalAuthority("laCode", actor.laCode()).name());
    }

    @PostMapping("/plans")
    String start(@RequestParam Map<String, String> values, Model model) {
        Actor actor = access.require("Start a plan", Role.COMMISSIONER);
        StartForm typed = new StartForm(values.getOrDefault("financialYear", "").trim(), values.getOrDefault("maxIndependentShare", "").trim(),
                values.getOrDefault("siblingsWeight", "").trim());
        FormErrors errors = new FormErrors();
        for (var field : List.of(Map.entry("financialYear", typed.financialYear()), Map.entry("maxIndependentShare", typed.maxIndependentShare()),
                Map.entry("siblingsWeight", typed.siblingsWeight()))) {
            String breach = InputRules.breach(field.getValue(), InputRules.LINE);
            if (breach != null) {
                errors.add(field.getKey(), "This field " + breach);
            }
        }
        if (typed.financialYear().isEmpty()) {
            errors.add("financialYear", "Enter the financial year to plan for, like 2026-27");
        }
        Double share = null;
        if (!typed.maxIndependentShare().isEmpty()) {
            try {
                share = Double.parseDouble(typed.maxIndependentShare().replace("%", "").trim());
            } catch (NumberFormatException e) {
                errors.add("maxIndependentShare", "Enter the largest share of children in independent settings as a percentage, like 12.5");
            }
        }
        Long siblings = null;
        if (!typed.siblingsWeight().isEmpty()) {
            try {
                siblings = Long.parseLong(typed.siblingsWeight().replace("£", "").replace(",", "").trim());
            } catch (NumberFormatException e) {
                errors.add("siblingsWeight", "Enter the weight of keeping siblings together in whole pounds, like 2000");
            }
        }
        if (!errors.any()) {
            PlanService.StartPlanInput input = new PlanService.StartPlanInput(PlanScope.LOCAL_AUTHORITY, actor.laCode(), typed.financialYear(), null,
                    null, siblings == null ? null : new PlanService.WeightsInput(null, null, null, null, null, siblings), null, null, null, share, null);
            Optional<PlanView> started = errors.attempt(() -> plans.start(input), FIELDS, "financialYear");
            if (started.isPresent()) {
                return "redirect:/plans/" + started.get().id();
            }
        }
        return listPage(model, null, typed, errors);
    }

    private String listPage(Model model, String before, StartForm form, FormErrors errors) {
        Long beforeId = null;
        if (before != null && !before.isBlank()) {
            try {
                beforeId = Long.parseLong(before);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("before", "the page to show comes before a plan's number, got \"" + before + "\"");
            }
        }
        List<PlanView> rows = plans.list(beforeId, PAGE_SIZE + 1);
        model.addAttribute("rows", rows.stream().limit(PAGE_SIZE).map(this::row).toList());
        model.addAttribute("next", rows.size() > PAGE_SIZE ? "/plans?before=" + rows.get(PAGE_SIZE - 1).id() : null);
        model.addAttribute("first", beforeId == null ? null : "/plans");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "planning/plans";
    }

    @GetMapping("/plans/{id}")
    String plan(@PathVariable String id, Model model, HttpServletResponse response) {
        access.require("Plan", Role.COMMISSIONER);
        return planPage(plans.get("Plan", id), model, response, new FormErrors());
    }

    /**
     * Approves the ticked children's placements, as GraphQL's approvePlan with requestIds: all or none of them, so a
     * child whose placement no longer holds (say, a place awarded to them meanwhile) is named and the rest can be
     * approved without them.
     */
    @PostMapping("/plans/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(name = "requestIds", required = false) List<String> requestIds, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        access.require("Approve a plan", Role.COMMISSIONER);
        if (requestIds == null || requestIds.isEmpty()) {
            FormErrors errors = new FormErrors();
            errors.add("approve", "Select at least one child whose placement to approve");
            return planPage(plans.get("Plan", id), model, response, errors);
        }
        try {
            PlanApproval.ApprovalResult result = approval.approve(id, requestIds);
            redirect.addFlashAttribute("approved", result.approved());
            return "redirect:/plans/" + result.plan().id();
        } catch (ApiException refused) {
            if (refused.type() != ErrorType.BAD_REQUEST) {
                throw refused;
            }
            FormErrors errors = new FormErrors();
            // every refusal of approving a whole plan is about the plan, or what changed since it was made: it goes by the
            // button, without the GraphQL operation or path it starts with
            String message = refused.getMessage().replaceFirst("^(input\\.planId|input\\.requestIds(\\[[0-9]+])?|approvePlan): ", "");
            errors.add("approve", Character.toUpperCase(message.charAt(0)) + message.substring(1));
            // the children ticked stay ticked, so the one to leave out is the one change to make
            model.addAttribute("ticked", Set.copyOf(requestIds));
            return planPage(plans.get("Plan", id), model, response, errors);
        }
    }

    /** Every child of the plan from the commissioner's LA, placed or not, one row each: the same file as GET /exports/plans/{id}.csv. */
    @GetMapping("/plans/{id}/children.csv")
    @ResponseBody
    ResponseEntity<String> children(@PathVariable String id) {
        Actor actor = access.require("Plan", Role.COMMISSIONER);
        String csv = export.csv(InputRules.require("id", id, InputRules.LINE));
        return Downloads.csv(csv, "plan", id, reference.requireLocalAuthority("laCode", actor.laCode()).name());
    }

    private String planPage(PlanView plan, Model model, HttpServletResponse response, FormErrors errors) {
        model.addAttribute("plan", row(plan));
        model.addAttribute("errors", errors);
        if (!plan.finished()) {
            response.setHeader("Refresh", String.valueOf(REFRESH_SECONDS));
            model.addAttribute("running", true);
            model.addAttribute("refreshSeconds", REFRESH_SECONDS);
            model.addAttribute("progress", RunningPlan.read(plans, plan));
            return "planning/plan";
        }
        model.addAttribute("running", false);
        model.addAttribute("failure", plan.failure());
        model.addAttribute("totals", totals(plan));
        List<PlanRepository.AssignmentView> assignments = plans.assignments(plan, null, Integer.MAX_VALUE);
        List<PlanRepository.UnplacedView> unplaced = plans.unplaced(plan);
        Set<Long> ids = new HashSet<>();
        assignments.forEach(a -> ids.add(a.requestId()));
        unplaced.forEach(u -> ids.add(u.requestId()));
        Map<Long, PlacementRequestView> requests = ids.isEmpty() ? Map.of() : demand.findAll(ids);
        Set<Integer> urns = assignments.stream().map(PlanRepository.AssignmentView::urn).collect(Collectors.toSet());
        Map<Integer, SettingView> settingViews = urns.isEmpty() ? Map.of() : settings.findAll(urns);
        model.addAttribute("placements", assignments.stream().map(a -> placement(a, requests.get(a.requestId()), settingViews.get(a.urn()))).toList());
        model.addAttribute("map", assignments.isEmpty() ? null : maps.of(plan, assignments, requests, settingViews));
        model.addAttribute("unplaced", unplaced.stream().map(u -> new Unplaced(requests.get(u.requestId()).reference(), u.need(), reference.phaseName(u.phase()),
                u.reason())).toList());
        model.addAttribute("notes", plans.notes(plan));
        model.addAttribute("approvable", assignments.stream().anyMatch(a -> a.status() == AssignmentStatus.PROPOSED));
        model.addAttribute("score", PlanWords.scoreInWords(plan.score()));
        return "planning/plan";
    }

    private List<Total> totals(PlanView plan) {
        if (plan.placed() == null) {
            return List.of();
        }
        boolean baseline = plan.baselinePlaced() != null;
        String saving = !baseline ? "Not known" : plan.baselineCostPence() >= plan.totalCostPence()
                ? Money.formatRounded(plan.baselineCostPence() - plan.totalCostPence())
                : "None: the plan costs " + Money.formatRounded(plan.totalCostPence() - plan.baselineCostPence()) + " more, for "
                        + (plan.placed() - plan.baselinePlaced()) + " more children placed";
        return List.of(
                new Total("Children placed", String.valueOf(plan.placed()), baseline ? String.valueOf(plan.baselinePlaced()) : "Not known"),
                new Total("Children without a place", String.valueOf(plan.unplaced()), baseline ? String.valueOf(plan.baselineUnplaced()) : "Not known"),
                new Total("Annual cost (fees and transport)", Money.formatRounded(plan.totalCostPence()), baseline ? Money.formatRounded(plan.baselineCostPence()) : "Not known"),
                new Total("Saving a year", saving, ""));
    }

    private Placement placement(PlanRepository.AssignmentView a, PlacementRequestView request, SettingView setting) {
        String rules = a.penalties().isEmpty() ? "None" : a.penalties().stream()
                .map(p -> RuleTexts.penalty(p.constraint()) + " (" + Money.formatRounded(p.amountPence()) + ")").collect(Collectors.joining("; "));
        if (a.pinned()) {
            rules = "stays in the current setting; " + rules;
        }
        return new Placement(a.requestId(), request.reference(), a.need(), reference.phaseName(a.phase()), setting.name(), PlanWords.kindName(setting.type())
                + (a.boarding() ? ", boarding" : ""), RuleTexts.km(a.distanceKm()), Math.round(a.travelMinutes()), Money.formatRounded(a.annualCostPence()),
                Money.formatRounded(a.feePence()), Money.formatRounded(a.transportPence()), rules, a.status() == AssignmentStatus.PROPOSED);
    }

    private PlanRow row(PlanView p) {
        return new PlanRow(p.id(), p.name(), scopeName(p), p.financialYear(), PlanWords.statusName(p.status()), PlanWords.statusTag(p.status()), p.requests(), p.placed(),
                p.totalCostPence() == null ? "" : Money.formatRounded(p.totalCostPence()), started(p));
    }

    private String scopeName(PlanView p) {
        return p.scopeType() == PlanScope.LOCAL_AUTHORITY
                ? reference.localAuthority(p.scopeCode()).map(ReferenceData.LocalAuthority::name).orElse(p.scopeCode())
                : reference.region(p.scopeCode()).map(ReferenceData.Region::name).orElse(p.scopeCode()) + " (region)";
    }

    private static String started(PlanView p) {
        Instant at = p.startedAt() == null ? p.createdAt() : p.startedAt();
        return at == null ? "" : STARTED.format(at.atZone(ENGLAND));
    }
}
