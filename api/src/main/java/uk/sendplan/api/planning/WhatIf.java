package uk.sendplan.api.planning;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.RequestStatus;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.solver.Plan;
import uk.sendplan.planner.solver.PlacementPlanner;
import uk.sendplan.planner.solver.SolveOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Planning's face for scenarios: the children a plan is for who are still waiting, planned twice on the register as it
 * is now, once as it stands (the base) and once with a scenario's changes, by the same rules and weights as the plan.
 * Nothing is written: the register, the demand and the plan stay as they are.
 */
@Service
public class WhatIf {

    /** What one run of the planner came to, in exact pence and percent to one decimal. */
    public record Outcome(int children, int placed, int unplaced, long totalCostPence, double independentShare, double outOfAreaShare,
                          double averageTravelMinutes, long elapsedMs) {
    }

    /** A scenario's changes, each list possibly empty: see {@link ScenarioRegister} for what each does. */
    public record Changes(List<AddPlaces> addPlaces, List<NewSetting> newSettings, List<Integer> closeSettings, List<FeeChange> feeChanges,
                          List<ShiftToResourced> shiftToResourced) {

        public Changes {
            addPlaces = addPlaces == null ? List.of() : addPlaces;
            newSettings = newSettings == null ? List.of() : newSettings;
            closeSettings = closeSettings == null ? List.of() : closeSettings;
            feeChanges = feeChanges == null ? List.of() : feeChanges;
            shiftToResourced = shiftToResourced == null ? List.of() : shiftToResourced;
        }

        int count() {
            return addPlaces.size() + newSettings.size() + closeSettings.size() + feeChanges.size() + shiftToResourced.size();
        }
    }

    public record AddPlaces(int urn, String need, String phase, int places) {
    }

    public record NewPlace(String need, String phase, int capacity) {
    }

    public record Location(int easting, int northing) {
    }

    public record NewSetting(String name, String type, String laCode, Location location, int ageFrom, int ageTo, List<NewPlace> places,
                             java.math.BigDecimal annualFee) {
    }

    public record FeeChange(Integer urn, java.math.BigDecimal percent) {
    }

    public record ShiftToResourced(String need, String phase, java.math.BigDecimal percent) {
    }

    /** The plan compared, the base and the scenario, and each change in words. */
    public record Compared(PlanView plan, Outcome base, Outcome scenario, List<String> changes) {
    }

    /** A scenario plans at most this long each time (an LA's 2,000 children take a few seconds). */
    static final Duration TIME_LIMIT = Duration.ofSeconds(20);

    private final PlanService plans;
    private final PlanRepository repository;
    private final ProblemBuilder builder;
    private final DemandService demand;
    private final ReferenceData reference;
    private final PlacementPlanner planner = new PlacementPlanner();

    WhatIf(PlanService plans, PlanRepository repository, ProblemBuilder builder, DemandService demand, ReferenceData reference) {
        this.plans = plans;
        this.repository = repository;
        this.builder = builder;
        this.demand = demand;
        this.reference = reference;
    }

    /** The financial year today falls in ("2026-27"): forecast demand is planned at its fees. */
    public String thisFinancialYear() {
        return FinancialYears.of(java.time.LocalDate.now());
    }

    /** The plan's scope: its LA, or its region's LAs. */
    public List<String> laCodes(PlanView plan) {
        return plan.scopeType() == PlanScope.LOCAL_AUTHORITY ? List.of(plan.scopeCode())
                : reference.localAuthoritiesOf(plan.scopeCode()).stream().map(LocalAuthority::code).toList();
    }

    /** A plan the caller may see (a commissioner their LA's, a regional planner their region's), or FORBIDDEN. */
    public PlanView plan(String operation, String planId) {
        return plans.get(operation, planId);
    }

    @Transactional(readOnly = true)
    public Compared compare(PlanView plan, Changes changes) {
        List<String> laCodes = laCodes(plan);
        List<PlacementRequestView> children = waiting(plan, "input.planId", "build the scenario on it");
        Parameters parameters = parameters(plan, laCodes);
        ProblemBuilder.Register register = builder.register(laCodes, plan.financialYear(), parameters);
        ScenarioRegister.Applied applied = ScenarioRegister.apply(register, changes, laCodes, reference);
        Outcome base = run(builder.build(plan.name(), children, register, plan.financialYear(), parameters));
        Outcome scenario = run(builder.build(plan.name(), children, applied.register(), plan.financialYear(), parameters));
        return new Compared(plan, base, scenario, applied.changes());
    }

    /**
     * A scenario on forecast demand: children made up for a forecast year, planned twice by the default rules against
     * the register's places as if all were free (the forecast counts every child with a plan that year, those in their
     * places today included), without block contracts' reservations; nothing is written.
     */
    @Transactional(readOnly = true)
    public Compared compareForecast(String name, List<String> laCodes, String financialYear, List<PlacementRequestView> children, Changes changes) {
        Parameters parameters = PlanService.parameters(Weights.DEFAULT, new PlanSnapshot.Rules((int) Parameters.DEFAULTS.maxBoardingKm(),
                (int) Parameters.DEFAULTS.localRadiusKm(), null, null), laCodes);
        ProblemBuilder.Register read = builder.register(laCodes, financialYear, parameters);
        List<uk.sendplan.api.settings.SettingService.PlanningSetting> empty = read.settings().stream().map(s -> new uk.sendplan.api.settings.SettingService.PlanningSetting(
                s.urn(), s.name(), s.type(), s.sector(), s.laCode(), s.easting(), s.northing(), s.ageFrom(), s.ageTo(), s.gender(), s.boarding(),
                s.registrationStatus(), s.statusReason(), s.providerId(), s.places().stream()
                .map(c -> new uk.sendplan.api.settings.SettingService.PlaceCell(c.need(), c.phase(), c.capacity(), 0, 0)).toList())).toList();
        ProblemBuilder.Register register = new ProblemBuilder.Register(empty, read.fees(), Map.of());
        ScenarioRegister.Applied applied = ScenarioRegister.apply(register, changes, laCodes, reference);
        Outcome base = run(builder.build(name, children, register, financialYear, parameters));
        Outcome scenario = run(builder.build(name, children, applied.register(), financialYear, parameters));
        return new Compared(null, base, scenario, applied.changes());
    }

    /** The plan's waiting children on the register as planning reads it now, by the plan's rules: what a what-if plans (where to invest). */
    @Transactional(readOnly = true)
    ProblemBuilder.Built problem(PlanView plan, String field) {
        List<String> laCodes = laCodes(plan);
        List<PlacementRequestView> children = waiting(plan, field, "ask again of it");
        Parameters parameters = parameters(plan, laCodes);
        return builder.build(plan.name(), children, builder.register(laCodes, plan.financialYear(), parameters), plan.financialYear(), parameters);
    }

    /** The plan's children still waiting for a place (open or proposed), or BAD_REQUEST on {@code field} when none is. */
    private List<PlacementRequestView> waiting(PlanView plan, String field, String then) {
        Set<Long> ids = repository.requestIds(plan.id());
        List<PlacementRequestView> children = demand.findAll(ids).values().stream()
                .filter(r -> r.status() == RequestStatus.OPEN || r.status() == RequestStatus.PROPOSED)
                .sorted(java.util.Comparator.comparingLong(PlacementRequestView::id)).toList();
        if (children.isEmpty()) {
            throw ApiException.badRequest(field, "none of plan " + plan.id() + "'s children is still waiting for a place; "
                    + "start a new plan and " + then);
        }
        return children;
    }

    private Outcome run(ProblemBuilder.Built built) {
        long start = System.nanoTime();
        Plan plan = planner.solve(built.problem(), SolveOptions.DEFAULTS.withTimeLimit(TIME_LIMIT).withUnimprovedTimeLimit(Duration.ofSeconds(2)));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        PlanTranslator.Result result = PlanTranslator.translate(built, plan, elapsed);
        Map<Integer, String> typeOf = new java.util.HashMap<>();
        built.cells().values().forEach(c -> typeOf.put(c.setting().urn(), c.setting().type()));
        int placed = result.assignments().size();
        double denominator = Math.max(1, placed);
        int independent = 0;
        int outOfArea = 0;
        double minutes = 0;
        for (PlanTranslator.AssignmentRow a : result.assignments()) {
            if (reference.settingType(typeOf.get(a.urn())).independent()) {
                independent++;
            }
            if (a.outOfArea()) {
                outOfArea++;
            }
            minutes += a.travelMinutes();
        }
        return new Outcome(built.problem().requests().size(), placed, result.unplaced().size(), result.totalCostPence(),
                PlanController.percent(independent, denominator), PlanController.percent(outOfArea, denominator),
                RuleTexts.roundMinutes(placed == 0 ? 0 : minutes / placed), elapsed);
    }

    /** The plan's own rules: its weights, boarding reach, local radius and independent limit. */
    private static Parameters parameters(PlanView plan, List<String> laCodes) {
        Weights weights = PlanSnapshot.Weights.read(plan.weights()).toPlanner();
        PlanSnapshot.Rules stored = plan.rules();
        PlanSnapshot.Rules rules = new PlanSnapshot.Rules(
                stored == null || stored.maxBoardingKm() == null ? (int) Parameters.DEFAULTS.maxBoardingKm() : stored.maxBoardingKm(),
                stored == null || stored.localRadiusKm() == null ? (int) Parameters.DEFAULTS.localRadiusKm() : stored.localRadiusKm(),
                stored == null ? null : stored.maxIndependentShare(), stored == null ? null : stored.maxIndependentPlacements());
        return PlanService.parameters(weights, rules, laCodes);
    }
}
