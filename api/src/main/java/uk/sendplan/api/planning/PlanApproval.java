package uk.sendplan.api.planning;

import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.fees.FeeService.SettingFee;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.ContractSeat;
import uk.sendplan.api.settings.SettingService.PlaceKey;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.AssignmentStatus;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.RequestStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static uk.sendplan.db.jooq.Tables.PLACEMENT;
import static uk.sendplan.db.jooq.Tables.PLAN;
import static uk.sendplan.db.jooq.Tables.PLAN_ASSIGNMENT;

/**
 * Approving a plan's placements, all at once or chosen ones, in one transaction: every chosen placement must still
 * hold (the child's request unchanged and unplaced, the setting open, the fee the plan used still in force, a place
 * still free), otherwise nothing is written and the refusal lists what changed. Places are taken under row locks,
 * so two approvals racing for the last place can't both have it.
 */
@Service
class PlanApproval {

    /** An approved placement: from a plan ({@code planId}) or from an accepted placement agreement ({@code agreementId}). */
    record PlacementView(long id, long requestId, String laCode, int urn, String need, String phase, Long planId, Long agreementId,
                         long annualFeePence, long annualCostPence, String approvedBy, Instant approvedAt) {
    }

    record ApprovalResult(PlanView plan, int approved, List<PlacementView> placements) {
    }

    /** A plan with a final result, or one some of whose placements are approved already (the rest still can be). */
    private static final Set<PlanStatus> APPROVABLE = Set.of(PlanStatus.COMPLETED, PlanStatus.CANCELLED, PlanStatus.INTERRUPTED,
            PlanStatus.PARTLY_APPROVED, PlanStatus.APPROVED);

    private final DSLContext db;
    private final PlanService planService;
    private final PlanRepository plans;
    private final DemandService demand;
    private final SettingService settings;
    private final FeeService fees;
    private final AuditTrail audit;
    private final Access access;
    private final ApplicationEventPublisher events;

    PlanApproval(DSLContext db, PlanService planService, PlanRepository plans, DemandService demand, SettingService settings,
                 FeeService fees, AuditTrail audit, Access access, ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.planService = planService;
        this.plans = plans;
        this.demand = demand;
        this.settings = settings;
        this.fees = fees;
        this.audit = audit;
        this.access = access;
    }

    @Transactional
    ApprovalResult approve(String planId, List<String> requestIds) {
        if (requestIds != null && requestIds.isEmpty()) {
            throw ApiException.badRequest("input.requestIds", "is empty; name at least one request, or leave requestIds out to approve "
                    + "all your LA's proposed placements in the plan");
        }
        PlanView plan = planService.get("approvePlan", planId);
        Actor actor = access.require("approvePlan", Role.COMMISSIONER);
        if (!APPROVABLE.contains(plan.status())) {
            throw ApiException.badRequest("input.planId", "plan " + plan.id() + " is " + plan.status() + "; approve it once it has a final result");
        }
        Map<Long, PlanRepository.AssignmentView> proposed = new LinkedHashMap<>();
        plans.assignments(plan.id(), List.of(actor.laCode()), null, Integer.MAX_VALUE).stream()
                .filter(a -> a.status() == AssignmentStatus.PROPOSED).forEach(a -> proposed.put(a.requestId(), a));
        List<PlanRepository.AssignmentView> chosen = new ArrayList<>();
        if (requestIds == null) {
            chosen.addAll(proposed.values());
        } else {
            for (int i = 0; i < requestIds.size(); i++) {
                PlanRepository.AssignmentView a = null;
                try {
                    a = proposed.get(Long.parseLong(requestIds.get(i)));
                } catch (NumberFormatException e) {
                    // reported below
                }
                if (a == null) {
                    throw ApiException.badRequest("input.requestIds[" + i + "]", "request " + requestIds.get(i)
                            + " has no proposed placement for your LA in plan " + plan.id());
                }
                chosen.add(a);
            }
        }
        if (chosen.isEmpty()) {
            throw ApiException.badRequest("input.planId", "plan " + plan.id() + " has no proposed placements for your LA left to approve");
        }

        List<String> problems = new ArrayList<>();
        // what changed since the plan was made, for the next step the refusal names
        Set<Integer> changedSettings = new java.util.LinkedHashSet<>();
        List<String> changedRequests = new ArrayList<>();
        Map<Long, PlacementRequestView> requests = demand.findAll(chosen.stream().map(PlanRepository.AssignmentView::requestId).toList());
        Set<Integer> urns = chosen.stream().map(PlanRepository.AssignmentView::urn).collect(Collectors.toSet());
        Map<Integer, SettingView> settingViews = settings.findAll(urns);
        Map<Integer, List<SettingFee>> currentFees = fees.currentFees(plan.financialYear(), urns);
        Map<PlaceKey, Integer> wanted = new TreeMap<>(java.util.Comparator.comparing(PlaceKey::urn).thenComparing(PlaceKey::need)
                .thenComparing(PlaceKey::phase));
        Map<ContractSeat, Integer> onContracts = new java.util.HashMap<>();
        for (PlanRepository.AssignmentView a : chosen) {
            PlacementRequestView request = requests.get(a.requestId());
            String who = "request " + request.reference();
            if (request.status() != RequestStatus.OPEN && request.status() != RequestStatus.PROPOSED) {
                problems.add(who + " is " + request.status());
                changedRequests.add(request.reference());
            } else if (request.updatedAt().isAfter(plan.startedAt())) {
                problems.add(who + " has changed since the plan was made; plan again");
                changedRequests.add(request.reference());
            }
            SettingView setting = settingViews.get(a.urn());
            int problemsBefore = problems.size();
            if (setting.registrationStatus() != RegistrationStatus.OPEN) {
                problems.add(who + ": setting " + a.urn() + " is now " + setting.registrationStatus());
            }
            SettingFee fee = currentFees.getOrDefault(a.urn(), List.of()).stream()
                    .filter(f -> f.band() == a.band() && f.kind() == a.feeKind()).findFirst().orElse(null);
            if (a.contractId() != null) {
                // a contracted place's fee is the contract's: whether it still has a place is checked when the places are held
                onContracts.merge(new ContractSeat(new PlaceKey(a.urn(), a.need(), a.phase()), a.contractId(), a.laCode()), 1, Integer::sum);
            } else if (fee == null) {
                problems.add(who + ": setting " + a.urn() + " no longer has a " + a.feeKind() + " fee for band " + a.band());
            } else if (fee.annualFeePence() != a.feePence()) {
                problems.add(who + ": the " + a.feeKind() + " fee for band " + a.band() + " at setting " + a.urn() + " changed from "
                        + Money.format(a.feePence()) + " to " + Money.format(fee.annualFeePence()) + "; plan again");
            } else if (fee.verdict() == FeeVerdict.ABOVE_CEILING) {
                problems.add(who + ": the fee at setting " + a.urn() + " is now above the framework ceiling");
            }
            if (problems.size() > problemsBefore) {
                changedSettings.add(a.urn());
            }
            if (!a.pinned()) {
                // a child kept where they are already holds their place
                wanted.merge(new PlaceKey(a.urn(), a.need(), a.phase()), 1, Integer::sum);
            }
        }
        if (problems.isEmpty()) {
            Map<PlaceKey, String> full = settings.occupy(wanted, onContracts, plan.financialYear());
            problems.addAll(full.values());
            full.keySet().forEach(key -> changedSettings.add(key.urn()));
        }
        if (!problems.isEmpty()) {
            String next = nextStep(changedSettings, changedRequests, settingViews);
            throw ApiException.badRequest("approvePlan: " + problems.size() + " of the " + chosen.size()
                            + " placements no longer hold, so none was approved; first: " + problems.getFirst() + ". Next: " + next,
                    Map.of("field", "input.planId", "problems", problems, "next", next));
        }

        Instant now = Instant.now();
        List<PlacementView> placements = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (PlanRepository.AssignmentView a : chosen) {
            long id = db.insertInto(PLACEMENT).set(PLACEMENT.REQUEST_ID, a.requestId()).set(PLACEMENT.LA_CODE, a.laCode())
                    .set(PLACEMENT.SETTING_URN, a.urn()).set(PLACEMENT.NEED_CODE, a.need()).set(PLACEMENT.PHASE_CODE, a.phase())
                    .set(PLACEMENT.PLAN_ID, plan.id()).set(PLACEMENT.ANNUAL_FEE_PENCE, a.feePence())
                    .set(PLACEMENT.ANNUAL_COST_PENCE, a.annualCostPence()).set(PLACEMENT.APPROVED_BY, actor.subject())
                    .set(PLACEMENT.APPROVED_AT, now).set(PLACEMENT.TAKES_PLACE, !a.pinned()).set(PLACEMENT.CONTRACT_ID, a.contractId())
                    .returning(PLACEMENT.ID).fetchOne(PLACEMENT.ID);
            db.update(PLAN_ASSIGNMENT).set(PLAN_ASSIGNMENT.STATUS, AssignmentStatus.APPROVED).set(PLAN_ASSIGNMENT.APPROVED_BY, actor.subject())
                    .set(PLAN_ASSIGNMENT.APPROVED_AT, now)
                    .where(PLAN_ASSIGNMENT.PLAN_ID.eq(plan.id())).and(PLAN_ASSIGNMENT.REQUEST_ID.eq(a.requestId())).execute();
            placements.add(new PlacementView(id, a.requestId(), a.laCode(), a.urn(), a.need(), a.phase(), plan.id(), null, a.feePence(),
                    a.annualCostPence(), actor.subject(), now));
            var after = new PlacementSnapshot(a.requestId(), a.urn(), a.need(), a.phase(), plan.id(), a.feePence(), a.annualCostPence(), a.pinned());
            changes.add(new AuditTrail.Change("PLACEMENT_APPROVED", "placement", String.valueOf(id), null, after, "approved from plan " + plan.id(),
                    AuditTrail.Scope.children(a.laCode())));
        }
        List<Long> placed = chosen.stream().map(PlanRepository.AssignmentView::requestId).toList();
        demand.markPlaced(placed);
        events.publishEvent(new PlacementsApproved(plan.id(), placed));
        // every LA's proposals count: a regional plan is APPROVED once each LA has approved its children's. The plan row
        // is locked first, so of two LAs approving at once the later reads the earlier's committed approvals.
        PlanStatus before = db.select(PLAN.STATUS).from(PLAN).where(PLAN.ID.eq(plan.id())).forUpdate().fetchOne(PLAN.STATUS);
        PlanStatus status = db.fetchExists(PLAN_ASSIGNMENT, PLAN_ASSIGNMENT.PLAN_ID.eq(plan.id())
                .and(PLAN_ASSIGNMENT.STATUS.eq(AssignmentStatus.PROPOSED))) ? PlanStatus.PARTLY_APPROVED : PlanStatus.APPROVED;
        if (status != before) {
            db.update(PLAN).set(PLAN.STATUS, status).where(PLAN.ID.eq(plan.id())).execute();
            changes.add(new AuditTrail.Change("PLAN_APPROVED", "plan", String.valueOf(plan.id()), new PlanSnapshot.Status(before),
                    new PlanSnapshot.Status(status), placements.size() + " placement(s) approved",
                    new AuditTrail.Scope(plan.scopeType() == PlanScope.LOCAL_AUTHORITY ? plan.scopeCode() : null, null, false)));
        }
        audit.recordAll(changes);
        return new ApprovalResult(plans.find(plan.id()).orElseThrow(), placements.size(), placements);
    }

    /**
     * What a commissioner does after a refusal: plan again, so the plan reads the register and demand as they are now,
     * naming the settings whose places, status or fees changed and the requests that changed; or approve only the
     * placements that still hold.
     */
    private static String nextStep(Set<Integer> changedSettings, List<String> changedRequests, Map<Integer, SettingView> settingViews) {
        List<String> changed = new ArrayList<>();
        if (!changedSettings.isEmpty()) {
            changed.add((changedSettings.size() == 1 ? "setting " : "settings ") + changedSettings.stream()
                    .map(urn -> settingViews.get(urn).name() + " (URN " + urn + ")").collect(Collectors.joining(", "))
                    + (changedSettings.size() == 1 ? " has" : " have") + " changed (places, status or fees)");
        }
        if (!changedRequests.isEmpty()) {
            changed.add((changedRequests.size() == 1 ? "request " : "requests ") + String.join(", ", changedRequests)
                    + (changedRequests.size() == 1 ? " has" : " have") + " changed");
        }
        return "re-plan so the plan uses the register as it is now (" + String.join("; ", changed)
                + "), or approve only the placements that still hold by naming them in requestIds";
    }

    /** Approved placements in a setting, for the commissioner of the children's LA. */
    List<PlacementView> placementsIn(int urn) {
        Actor actor = access.require("Setting.placements", Role.COMMISSIONER);
        return db.selectFrom(PLACEMENT).where(PLACEMENT.SETTING_URN.eq(urn)).and(PLACEMENT.LA_CODE.eq(actor.laCode()))
                .orderBy(PLACEMENT.ID).fetch(r -> new PlacementView(r.getId(), r.getRequestId(), r.getLaCode(), r.getSettingUrn(), r.getNeedCode(),
                        r.getPhaseCode(), r.getPlanId(), r.getAgreementId(), r.getAnnualFeePence(), r.getAnnualCostPence(), r.getApprovedBy(), r.getApprovedAt()));
    }

}
