package uk.sendplan.api.planning;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.planning.PlanApproval.PlacementView;
import uk.sendplan.api.planning.PlanRepository.AssignmentView;
import uk.sendplan.api.planning.PlanRepository.UnplacedView;
import uk.sendplan.api.planning.PlanService.StartPlanInput;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;
import uk.sendplan.api.system.Cursors;
import uk.sendplan.api.system.Page;
import uk.sendplan.db.types.PlanScope;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

@Controller
class PlanController {

    record PlanPayload(PlanView plan) {
    }

    record PlanEdge(String cursor, PlanView node) {
    }

    record PlanConnection(List<PlanEdge> edges, Page.Info pageInfo) {
    }

    record AssignmentEdge(String cursor, AssignmentView node) {
    }

    record AssignmentConnection(List<AssignmentEdge> edges, Page.Info pageInfo, int totalCount) {
    }

    record Baseline(int placed, int unplaced, BigDecimal totalAnnualCost, int placesGained, BigDecimal costDifference) {
    }

    record Summary(BigDecimal totalAnnualCost, BigDecimal averageAnnualCost, double mainstreamShare, double stateSpecialShare,
                   double independentShare, double alternativeProvisionShare, double outOfAreaShare, double averageTravelMinutes,
                   List<PlanRepository.Shortfall> shortfall) {
    }

    record ApprovePlanInput(String planId, List<String> requestIds) {
    }

    record PlanWeights(long preferenceMiss, long independentPlacement, long outOfArea, long moveFromCurrent, long distanceFromHome,
                       long siblingsApart) {
    }

    record ExcludedSetting(int urn, String name, String reason) {
    }

    record Penalty(String constraint, String rule, BigDecimal amount) {
    }

    static List<Penalty> penalties(List<PenaltyCost> penalties) {
        return penalties.stream().map(p -> new Penalty(p.constraint(), RuleTexts.penalty(p.constraint()), money(p.amountPence()))).toList();
    }

    record ApprovePlanPayload(PlanView plan, int approved, List<PlacementView> placements) {
    }

    private final PlanService plans;
    private final PlanApproval approval;
    private final SuitableSettings suitable;
    private final PlanExport export;
    private final DemandService demand;
    private final SettingService settings;

    PlanController(PlanService plans, PlanApproval approval, SuitableSettings suitable, PlanExport export, DemandService demand,
                   SettingService settings) {
        this.plans = plans;
        this.approval = approval;
        this.suitable = suitable;
        this.export = export;
        this.demand = demand;
        this.settings = settings;
    }

    static BigDecimal money(Long pence) {
        return Money.poundsOrNull(pence);
    }

    // ------------------------------------------------------------------ operations

    @QueryMapping
    PlanView plan(@Argument String id) {
        return plans.get("plan", id);
    }

    @QueryMapping
    PlanConnection plans(@Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long before = after == null ? null : Cursors.decodeLong("after", after, "plan");
        List<PlanView> rows = plans.list(before, limit + 1);
        Page.Slice<PlanEdge> page = Page.slice(rows, limit, p -> new PlanEdge(Cursors.encode("plan", p.id()), p), PlanEdge::cursor);
        return new PlanConnection(page.edges(), page.info());
    }

    @QueryMapping
    SuitableSettings.Listing suitableSettings(@Argument String requestId, @Argument String financialYear, @Argument int limit,
                                              @Argument SuitableSettings.Order order) {
        return suitable.forRequest(requestId, financialYear, limit, order);
    }

    @QueryMapping
    SuitableSettings.Listing suitableSettingsFor(@Argument SuitableSettings.ChildProfileInput profile, @Argument String financialYear,
                                                 @Argument int limit, @Argument SuitableSettings.Order order) {
        return suitable.forProfile(profile, financialYear, limit, order);
    }

    @QueryMapping
    String planCsv(@Argument String id) {
        return export.csv(id);
    }

    @MutationMapping
    PlanPayload startPlan(@Argument StartPlanInput input) {
        return new PlanPayload(plans.start(input));
    }

    @MutationMapping
    PlanPayload cancelPlan(@Argument String id) {
        return new PlanPayload(plans.cancel(id));
    }

    @MutationMapping
    ApprovePlanPayload approvePlan(@Argument ApprovePlanInput input) {
        PlanApproval.ApprovalResult result = approval.approve(input.planId(), input.requestIds());
        return new ApprovePlanPayload(result.plan(), result.approved(), result.placements());
    }

    @SubscriptionMapping
    Flux<PlanJobs.Progress> planProgress(@Argument String planId) {
        return plans.progress(planId);
    }

    // ------------------------------------------------------------------ Plan

    @SchemaMapping(typeName = "Plan")
    PlanScope scope(PlanView plan) {
        return plan.scopeType();
    }

    @SchemaMapping(typeName = "Plan")
    String code(PlanView plan) {
        return plan.scopeCode();
    }

    @SchemaMapping(typeName = "Plan")
    BigDecimal totalAnnualCost(PlanView plan) {
        return money(plan.totalCostPence());
    }

    @SchemaMapping(typeName = "Plan")
    List<ExcludedSetting> excludedSettings(PlanView plan) {
        return plan.excluded().stream().map(e -> new ExcludedSetting(((Number) e.get("urn")).intValue(), (String) e.get("name"), (String) e.get("reason")))
                .toList();
    }

    @SchemaMapping(typeName = "Plan")
    PlanWeights weights(PlanView plan) {
        PlanSnapshot.Weights w = PlanSnapshot.Weights.read(plan.weights());
        return new PlanWeights(w.preferenceMiss(), w.independentPlacement(), w.outOfArea(), w.moveFromCurrent(), w.distanceFromHome(),
                w.siblingsApart());
    }

    @SchemaMapping(typeName = "Plan")
    Integer maxBoardingKm(PlanView plan) {
        return plan.rules().maxBoardingKm();
    }

    @SchemaMapping(typeName = "Plan")
    Integer localRadiusKm(PlanView plan) {
        return plan.rules().localRadiusKm();
    }

    @SchemaMapping(typeName = "Plan")
    Double maxIndependentShare(PlanView plan) {
        return plan.rules().maxIndependentShare();
    }

    @SchemaMapping(typeName = "Plan")
    Integer maxIndependentPlacements(PlanView plan) {
        return plan.rules().maxIndependentPlacements();
    }

    @SchemaMapping(typeName = "Plan")
    Baseline baseline(PlanView plan) {
        if (plan.baselinePlaced() == null || plan.placed() == null) {
            return null;
        }
        return new Baseline(plan.baselinePlaced(), plan.baselineUnplaced(), money(plan.baselineCostPence()),
                plan.placed() - plan.baselinePlaced(), money(plan.totalCostPence() - plan.baselineCostPence()));
    }

    @SchemaMapping(typeName = "Plan")
    Summary summary(PlanView plan) {
        if (plan.placed() == null) {
            return null;
        }
        PlanRepository.Totals totals = plans.totals(plan);
        double placed = Math.max(1, totals.placed());
        // in percent to one decimal, as people read a share and as a plan's maxIndependentShare is written
        Function<List<String>, Double> share = types -> percent(types.stream().mapToInt(t -> totals.placedByType().getOrDefault(t, 0)).sum(), placed);
        return new Summary(money(totals.costPence()), totals.placed() == 0 ? null : money(totals.costPence() / totals.placed()),
                share.apply(List.of("MAINSTREAM", "RESOURCED_PROVISION", "SEN_UNIT")),
                share.apply(List.of("STATE_SPECIAL", "NON_MAINTAINED_SPECIAL")),
                share.apply(List.of("INDEPENDENT_SPECIAL", "SPECIALIST_POST_16")),
                share.apply(List.of("ALTERNATIVE_PROVISION")),
                percent(totals.outOfArea(), placed), RuleTexts.roundMinutes(totals.averageTravelMinutes()), totals.shortfall());
    }

    /** {@code part} of {@code whole} in percent, to one decimal (half up): 1 of 3 is 33.3. */
    static double percent(int part, double whole) {
        return java.math.BigDecimal.valueOf(part * 100.0 / whole).setScale(1, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    @SchemaMapping(typeName = "Plan")
    List<String> notes(PlanView plan) {
        return plans.notes(plan);
    }

    @SchemaMapping(typeName = "Plan")
    AssignmentConnection assignments(PlanView plan, @Argument int first, @Argument String after) {
        int limit = Page.checkFirst("first", first);
        Long afterId = after == null ? null : Cursors.decodeLong("after", after, "assignment");
        List<AssignmentView> rows = plans.assignments(plan, afterId, limit + 1);
        Page.Slice<AssignmentEdge> page = Page.slice(rows, limit, a -> new AssignmentEdge(Cursors.encode("assignment", a.requestId()), a), AssignmentEdge::cursor);
        return new AssignmentConnection(page.edges(), page.info(), plans.countAssignments(plan));
    }

    @SchemaMapping(typeName = "Plan")
    List<UnplacedView> unplacedRequests(PlanView plan) {
        return plans.unplaced(plan);
    }

    // ------------------------------------------------------------------ nested child-level and money fields

    @BatchMapping(typeName = "PlanAssignment", field = "request")
    Map<AssignmentView, PlacementRequestView> assignmentRequest(List<AssignmentView> assignments) {
        Map<Long, PlacementRequestView> byId = demand.findAll(assignments.stream().map(AssignmentView::requestId).collect(Collectors.toSet()));
        return Batches.byKey(assignments, a -> a.requestId(), byId);
    }

    @SchemaMapping(typeName = "PlanAssignment")
    Long blockContractId(AssignmentView assignment) {
        return assignment.contractId();
    }

    @BatchMapping(typeName = "PlanAssignment", field = "setting")
    Map<AssignmentView, SettingView> assignmentSetting(List<AssignmentView> assignments) {
        Map<Integer, SettingView> byUrn = settings.findAll(assignments.stream().map(AssignmentView::urn).collect(Collectors.toSet()));
        return Batches.byKey(assignments, a -> a.urn(), byUrn);
    }

    @BatchMapping(typeName = "PlanAssignment", field = "reactiveSetting")
    Map<AssignmentView, SettingView> assignmentReactiveSetting(List<AssignmentView> assignments) {
        Set<Integer> urns = assignments.stream().map(AssignmentView::reactiveUrn).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<Integer, SettingView> byUrn = urns.isEmpty() ? Map.of() : settings.findAll(urns);
        return Batches.each(assignments, a -> a.reactiveUrn() == null ? null : byUrn.get(a.reactiveUrn()));
    }

    @SchemaMapping(typeName = "PlanAssignment")
    BigDecimal reactiveAnnualCost(AssignmentView a) {
        return money(a.reactiveCostPence());
    }

    @SchemaMapping(typeName = "PlanAssignment")
    double distanceKm(AssignmentView a) {
        return RuleTexts.roundKm(a.distanceKm());
    }

    @SchemaMapping(typeName = "PlanAssignment")
    double travelMinutes(AssignmentView a) {
        return RuleTexts.roundMinutes(a.travelMinutes());
    }

    @SchemaMapping(typeName = "PlanAssignment")
    BigDecimal fee(AssignmentView a) {
        return money(a.feePence());
    }

    @SchemaMapping(typeName = "PlanAssignment")
    BigDecimal transportCost(AssignmentView a) {
        return money(a.transportPence());
    }

    @SchemaMapping(typeName = "PlanAssignment")
    BigDecimal annualCost(AssignmentView a) {
        return money(a.annualCostPence());
    }

    @SchemaMapping(typeName = "PlanAssignment")
    List<Penalty> penalties(AssignmentView a) {
        return penalties(a.penalties());
    }

    @BatchMapping(typeName = "UnplacedRequest", field = "request")
    Map<UnplacedView, PlacementRequestView> unplacedRequest(List<UnplacedView> unplaced) {
        Map<Long, PlacementRequestView> byId = demand.findAll(unplaced.stream().map(UnplacedView::requestId).collect(Collectors.toSet()));
        return Batches.byKey(unplaced, u -> u.requestId(), byId);
    }

    @BatchMapping(typeName = "UnplacedRequest", field = "blockingSettings")
    Map<UnplacedView, List<SettingView>> blockingSettings(List<UnplacedView> unplaced) {
        Set<Integer> urns = new HashSet<>();
        unplaced.forEach(u -> urns.addAll(u.blockingUrns()));
        Map<Integer, SettingView> byUrn = urns.isEmpty() ? Map.of() : settings.findAll(urns);
        return Batches.each(unplaced, u -> u.blockingUrns().stream().map(byUrn::get).toList());
    }

    @SchemaMapping(typeName = "PlanProgress")
    BigDecimal totalAnnualCost(PlanJobs.Progress progress) {
        return money(progress.totalCostPence());
    }

}
