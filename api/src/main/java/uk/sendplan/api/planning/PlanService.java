package uk.sendplan.api.planning;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;
import uk.sendplan.planner.domain.IndependentLimit;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Weights;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static uk.sendplan.db.jooq.Tables.PLAN;

/**
 * Plans: who may start, see, cancel and approve them. A commissioner plans for their LA and sees their own
 * children in any plan (their LA's, or their region's); a regional planner plans for their region and sees plans
 * in aggregate only. Nobody else sees plans.
 */
@Service
public class PlanService {

    record WeightsInput(Long preferenceMiss, Long independentPlacement, Long outOfArea, Long moveFromCurrent, Long distanceFromHome,
                        Long siblingsApart) {
    }

    /**
     * @param maxIndependentShare      percent of the LA's children in the plan, 0-100 with one decimal
     * @param maxIndependentPlacements children of the LA in independent settings; with a share, the lower count applies
     */
    record StartPlanInput(PlanScope scope, String code, String financialYear, String startTerm, Integer timeLimitSeconds, WeightsInput weights,
                          String name, Integer maxBoardingKm, Integer localRadiusKm, Double maxIndependentShare,
                          Integer maxIndependentPlacements) {
    }

    static final long MAX_WEIGHT = 10_000_000;
    static final int MAX_BOARDING_KM = 1000;
    static final int MAX_LOCAL_RADIUS_KM = 100;

    private final PlanRepository plans;
    private final SettingService settings;
    private final PlanJobs jobs;
    private final ProblemBuilder builder;
    private final ReferenceData reference;
    private final Access access;
    private final AuditTrail audit;

    PlanService(PlanRepository plans, PlanJobs jobs, ProblemBuilder builder, SettingService settings,
                ReferenceData reference, Access access, AuditTrail audit) {
        this.plans = plans;
        this.settings = settings;
        this.jobs = jobs;
        this.builder = builder;
        this.reference = reference;
        this.access = access;
        this.audit = audit;
    }

    private static AuditTrail.Scope scope(PlanScope scopeType, String code) {
        return new AuditTrail.Scope(scopeType == PlanScope.LOCAL_AUTHORITY ? code : null, null, false);
    }

    @Transactional
    PlanView start(StartPlanInput input) {
        Actor actor = access.require("startPlan", Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        List<String> laCodes;
        String scopeName;
        if (input.scope() == PlanScope.LOCAL_AUTHORITY) {
            LocalAuthority la = reference.requireLocalAuthority("input.code", input.code());
            access.requireCommissionerOf("startPlan", la.code());
            laCodes = List.of(la.code());
            scopeName = la.name();
        } else {
            reference.requireRegion("input.code", input.code());
            if (!actor.is(Role.REGIONAL_PLANNER) || !actor.regionCode().equals(input.code())) {
                throw ApiException.forbidden("startPlan: a regional plan is started by that region's planner");
            }
            laCodes = reference.localAuthoritiesOf(input.code()).stream().map(LocalAuthority::code).toList();
            scopeName = reference.region(input.code()).orElseThrow().name();
        }
        String year = input.financialYear() == null ? FinancialYears.of(LocalDate.now()) : input.financialYear();
        if (!year.matches("[0-9]{4}-[0-9]{2}") || Integer.parseInt(year.substring(5)) != (Integer.parseInt(year.substring(0, 4)) + 1) % 100) {
            throw ApiException.badRequest("input.financialYear", "a financial year is written like 2026-27, got \"" + year + "\"");
        }
        if (input.startTerm() != null && !input.startTerm().matches("[0-9]{4}-(AUTUMN|SPRING|SUMMER)")) {
            throw ApiException.badRequest("input.startTerm", "a start term is a year and a term, e.g. 2027-AUTUMN, got \"" + input.startTerm() + "\"");
        }
        int seconds = input.timeLimitSeconds() == null ? 30 : input.timeLimitSeconds();
        if (seconds < 1 || seconds > 600) {
            throw ApiException.badRequest("input.timeLimitSeconds", "must be between 1 and 600, got " + seconds);
        }
        Weights weights = weights(input.weights());
        PlanSnapshot.Rules rules = rules(input);
        Parameters parameters = parameters(weights, rules, laCodes);
        ProblemBuilder.Register register = builder.register(laCodes, year, parameters);
        if (register.fees().isEmpty()) {
            throw ApiException.badRequest("input.financialYear", "no setting within reach of " + scopeName + " has fees for " + year
                    + ", so every setting would be left out; choose a year with fee schedules");
        }
        String name = input.name() == null || input.name().isBlank() ? scopeName + " placements " + year : input.name().trim();
        PlanSnapshot.Weights weightsSnapshot = PlanSnapshot.Weights.of(weights);
        long id = plans.insert(name, input.scope(), input.code(), year, input.startTerm(), seconds, weightsSnapshot, rules, actor.subject());
        var started = new PlanSnapshot(input.scope(), input.code(), year, input.startTerm(), seconds, weightsSnapshot, rules);
        audit.record(scope(input.scope(), input.code()), "PLAN_STARTED", "plan", id, null, started, null);
        PlanJobs.Spec spec = new PlanJobs.Spec(name, laCodes, year, input.startTerm(), parameters, Duration.ofSeconds(seconds), register);
        // the job starts once this transaction has committed the plan row it updates
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        jobs.submit(id, actor, spec);
                    }
                });
        return plans.find(id).orElseThrow();
    }

    private static Weights weights(WeightsInput input) {
        Weights d = Weights.DEFAULT;
        if (input == null) {
            return d;
        }
        return new Weights(weight("preferenceMiss", input.preferenceMiss(), d.preferenceMiss()),
                weight("independentPlacement", input.independentPlacement(), d.independentPlacement()),
                weight("outOfArea", input.outOfArea(), d.outOfArea()),
                weight("moveFromCurrent", input.moveFromCurrent(), d.moveFromCurrent()),
                weight("distanceFromHome", input.distanceFromHome(), d.distanceFromHome()),
                weight("siblingsApart", input.siblingsApart(), d.siblingsApart()));
    }

    /**
     * The limits a plan is started with, checked, as stored with the plan: the boarding reach and local radius always
     * (defaults filled in, so the plan says what it ran with), the independent limit only when one is set.
     */
    private static PlanSnapshot.Rules rules(StartPlanInput input) {
        int boarding = input.maxBoardingKm() == null ? (int) Parameters.DEFAULTS.maxBoardingKm() : input.maxBoardingKm();
        if (boarding < 1 || boarding > MAX_BOARDING_KM) {
            throw ApiException.badRequest("input.maxBoardingKm", "the boarding reach is whole km from 1 to " + MAX_BOARDING_KM + ", got " + boarding);
        }
        int radius = input.localRadiusKm() == null ? (int) Parameters.DEFAULTS.localRadiusKm() : input.localRadiusKm();
        if (radius < 0 || radius > MAX_LOCAL_RADIUS_KM) {
            throw ApiException.badRequest("input.localRadiusKm", "the local radius is whole km from 0 to " + MAX_LOCAL_RADIUS_KM + ", got " + radius);
        }
        Double share = input.maxIndependentShare();
        if (share != null) {
            // one decimal: 12.5% is a policy a commissioner writes down; 12.34% is a typing slip
            if (!Double.isFinite(share) || share < 0 || share > 100 || Math.abs(share * 10 - Math.rint(share * 10)) > 1e-6) {
                throw ApiException.badRequest("input.maxIndependentShare", "a share is a percentage from 0 to 100 with at most one decimal, got " + share);
            }
            share = Math.rint(share * 10) / 10;
        }
        Integer placements = input.maxIndependentPlacements();
        if (placements != null && placements < 0) {
            throw ApiException.badRequest("input.maxIndependentPlacements", "a number of children is 0 or more, got " + placements);
        }
        return new PlanSnapshot.Rules(boarding, radius, share, placements);
    }

    /** The planner's parameters for the checked weights and limits; an independent limit applies to each LA of the plan. */
    static Parameters parameters(Weights weights, PlanSnapshot.Rules rules, List<String> laCodes) {
        Parameters parameters = Parameters.DEFAULTS.withWeights(weights)
                .withMaxBoardingKm(rules.maxBoardingKm())
                .withLocalRadiusKm(rules.localRadiusKm());
        if (rules.maxIndependentShare() == null && rules.maxIndependentPlacements() == null) {
            return parameters;
        }
        IndependentLimit limit = new IndependentLimit(rules.maxIndependentPlacements(),
                rules.maxIndependentShare() == null ? null : rules.maxIndependentShare() / 100);
        Map<String, IndependentLimit> limits = new LinkedHashMap<>();
        laCodes.forEach(la -> limits.put(la, limit));
        return parameters.withIndependentLimits(limits);
    }

    private static long weight(String name, Long value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > MAX_WEIGHT) {
            throw ApiException.badRequest("input.weights." + name, "a weight is whole pounds from 0 to " + MAX_WEIGHT + ", got " + value);
        }
        return value;
    }

    @Transactional
    PlanView cancel(String idText) {
        PlanView plan = get("cancelPlan", idText);
        if (plan.finished()) {
            throw ApiException.badRequest("id", "plan " + plan.id() + " is already " + plan.status());
        }
        Actor actor = access.actor();
        boolean own = plan.scopeType() == PlanScope.LOCAL_AUTHORITY ? actor.is(Role.COMMISSIONER) : actor.is(Role.REGIONAL_PLANNER);
        if (!own) {
            throw ApiException.forbidden("cancelPlan: only the " + (plan.scopeType() == PlanScope.LOCAL_AUTHORITY ? "LA's commissioner" : "region's planner")
                    + " can cancel this plan");
        }
        if (!jobs.cancel(plan.id())) {
            throw ApiException.badRequest("id", "plan " + plan.id() + " is not running in this service");
        }
        audit.record(scope(plan.scopeType(), plan.scopeCode()), "PLAN_CANCELLED", "plan", plan.id(), new PlanSnapshot.Status(plan.status()),
                new PlanSnapshot.Status(PlanStatus.CANCELLED), null);
        return plan;
    }

    /** A plan the actor may see; anything else is FORBIDDEN without saying whether it exists. */
    PlanView get(String operation, String idText) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        long id = access.idInScope(operation, idText);
        return plans.find(id).filter(p -> visible(actor, p)).orElseThrow(() -> access.outOfScope(operation));
    }

    private boolean visible(Actor actor, PlanView plan) {
        String region = plan.scopeType() == PlanScope.REGION ? plan.scopeCode() : reference.localAuthority(plan.scopeCode()).orElseThrow().regionCode();
        if (actor.is(Role.COMMISSIONER)) {
            return plan.scopeCode().equals(actor.laCode())
                    || (plan.scopeType() == PlanScope.REGION && region.equals(reference.localAuthority(actor.laCode()).orElseThrow().regionCode()));
        }
        return actor.is(Role.REGIONAL_PLANNER) && region.equals(actor.regionCode());
    }

    /** Plans the actor may see, newest first. */
    List<PlanView> list(Long beforeId, int limit) {
        Actor actor = access.require("plans", Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        org.jooq.Condition condition;
        if (actor.is(Role.COMMISSIONER)) {
            String region = reference.localAuthority(actor.laCode()).orElseThrow().regionCode();
            condition = PLAN.SCOPE_TYPE.eq(PlanScope.LOCAL_AUTHORITY).and(PLAN.SCOPE_CODE.eq(actor.laCode()))
                    .or(PLAN.SCOPE_TYPE.eq(PlanScope.REGION).and(PLAN.SCOPE_CODE.eq(region)));
        } else {
            List<String> las = reference.localAuthoritiesOf(actor.regionCode()).stream().map(LocalAuthority::code).toList();
            condition = PLAN.SCOPE_TYPE.eq(PlanScope.REGION).and(PLAN.SCOPE_CODE.eq(actor.regionCode()))
                    .or(PLAN.SCOPE_TYPE.eq(PlanScope.LOCAL_AUTHORITY).and(PLAN.SCOPE_CODE.in(las)));
        }
        return plans.list(condition, beforeId, limit);
    }

    /** Whose children of a plan the actor may see: a commissioner their own LA's; a planner none (aggregates only). */
    List<String> childScope(String field) {
        Actor actor = access.require(field, Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        if (!actor.is(Role.COMMISSIONER)) {
            throw ApiException.forbidden(field + ": child-level records are for the children's own LA; planners see the plan's summary");
        }
        return List.of(actor.laCode());
    }

    /**
     * What the plan could not honour: a commissioner reads their own LA's children's notes (in a regional plan, no other
     * LA's); a regional planner reads how many children each kind of note is about, never which.
     */
    List<String> notes(PlanView plan) {
        Actor actor = access.require("Plan.notes", Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        if (actor.is(Role.COMMISSIONER)) {
            return plan.notes().stream().filter(n -> actor.laCode().equals(n.laCode())).map(PlanNote::text).toList();
        }
        return PlanNote.counts(plan.notes());
    }

    List<PlanRepository.AssignmentView> assignments(PlanView plan, Long afterRequestId, int limit) {
        return plans.assignments(plan.id(), childScope("Plan.assignments"), afterRequestId, limit);
    }

    int countAssignments(PlanView plan) {
        return plans.countAssignments(plan.id(), childScope("Plan.assignments"));
    }

    /** The requests of the commissioner's LA that a plan they may see could not place, for the market to refer. */
    public List<Long> unplacedRequestIds(String operation, String planId) {
        Actor actor = access.require(operation, Role.COMMISSIONER);
        PlanView plan = get(operation, planId);
        return plans.unplaced(plan.id(), List.of(actor.laCode())).stream().map(PlanRepository.UnplacedView::requestId).toList();
    }

    List<PlanRepository.UnplacedView> unplaced(PlanView plan) {
        return plans.unplaced(plan.id(), childScope("Plan.unplaced"));
    }

    /** A plan's aggregates, its placements counted by kind of setting (the register says which kind each is). */
    PlanRepository.Totals totals(PlanView plan) {
        PlanRepository.RawTotals raw = plans.totals(plan.id(), null);
        Map<Integer, SettingView> settingViews = settings.findAll(raw.placedByUrn().keySet());
        Map<String, Integer> byType = new LinkedHashMap<>();
        raw.placedByUrn().forEach((urn, placed) -> byType.merge(settingViews.get(urn).type(), placed, Integer::sum));
        return new PlanRepository.Totals(raw.placed(), raw.costPence(), raw.averageTravelMinutes(), raw.outOfArea(), byType, raw.shortfall());
    }

    /** Progress of a plan the actor may see: live reports while it runs, else its final state once. */
    Flux<PlanJobs.Progress> progress(String idText) {
        PlanView plan = get("planProgress", idText);
        Flux<PlanJobs.Progress> live = plan.finished() ? null : jobs.progress(plan.id());
        if (live != null) {
            return live;
        }
        PlanView now = plans.find(plan.id()).orElseThrow();
        double elapsed = now.elapsedMs() == null ? 0 : now.elapsedMs() / 1000.0;
        return Flux.just(new PlanJobs.Progress(now.id(), now.status(), now.score(), now.placed(), now.unplaced(), now.totalCostPence(), elapsed, true));
    }
}
