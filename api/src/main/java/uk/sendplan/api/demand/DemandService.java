package uk.sendplan.api.demand;

import org.jooq.Condition;
import org.springframework.graphql.data.ArgumentValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.PlacementRequestRecord;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.RequestStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST;

/**
 * The demand register: placement requests per LA. Public face for planning (open requests of a scope, status
 * changes when plans propose and approve); every change is audited.
 */
@Service
public class DemandService {

    public record GridPointInput(int easting, int northing) {
    }

    record PlacementRequestInput(String laCode, String reference, String primaryNeed, String secondaryNeed, int band, int age,
                                 GridPointInput home, String homeDistrict, ChildGender gender, Boolean needsBoarding,
                                 Integer currentSettingUrn, Boolean keepCurrent, List<Integer> preferences, String startTerm,
                                 String siblingGroup, Boolean alternativeProvisionAllowed) {
    }

    /** Omitted fields keep their value; the two that may be cleared tell an explicit null (clear) from omitted (keep). */
    record UpdatePlacementRequestInput(String id, String primaryNeed, String secondaryNeed, Integer band, Integer age,
                                       GridPointInput home, String homeDistrict, ChildGender gender, Boolean needsBoarding,
                                       Integer currentSettingUrn, Boolean keepCurrent, List<Integer> preferences, String startTerm,
                                       ArgumentValue<String> siblingGroup, ArgumentValue<Boolean> alternativeProvisionAllowed) {
    }

    record PlacementRequestFilter(String laCode, List<RequestStatus> statuses, String need, String phase, String startTerm) {
    }

    private final DemandRepository requests;
    private final ReferenceData reference;
    private final SettingService settings;
    private final AuditTrail audit;
    private final Access access;

    DemandService(DemandRepository requests, ReferenceData reference, SettingService settings, AuditTrail audit, Access access) {
        this.requests = requests;
        this.reference = reference;
        this.settings = settings;
        this.audit = audit;
        this.access = access;
    }

    /** One request, for its own LA's commissioner; anyone else is told nothing, not even whether it exists. */
    PlacementRequestView get(String operation, String idText) {
        Actor actor = access.require(operation, Role.COMMISSIONER);
        long id = access.idInScope(operation, idText);
        return requests.find(id).filter(r -> r.laCode().equals(actor.laCode())).orElseThrow(() -> access.outOfScope(operation));
    }

    // ------------------------------------------------------------------ reads

    public Optional<PlacementRequestView> find(long id) {
        return requests.find(id);
    }

    public Map<Long, PlacementRequestView> findAll(Collection<Long> ids) {
        return requests.findByIds(ids);
    }

    /** Requests still to be placed (OPEN or PROPOSED) whose home LA is one of these. */
    public List<PlacementRequestView> unplaced(Collection<String> laCodes) {
        return requests.findAll(PLACEMENT_REQUEST.LA_CODE.in(laCodes).and(PLACEMENT_REQUEST.STATUS.in(RequestStatus.OPEN, RequestStatus.PROPOSED)), Integer.MAX_VALUE);
    }

    List<PlacementRequestView> search(PlacementRequestFilter filter, Long afterId, int limit) {
        access.requireCommissionerOf("placementRequests", filter.laCode());
        Condition condition = condition(filter);
        if (afterId != null) {
            condition = condition.and(PLACEMENT_REQUEST.ID.gt(afterId));
        }
        return requests.findAll(condition, limit);
    }

    int count(PlacementRequestFilter filter) {
        return requests.count(condition(filter));
    }

    private Condition condition(PlacementRequestFilter filter) {
        reference.requireLocalAuthority("filter.laCode", filter.laCode());
        Condition condition = PLACEMENT_REQUEST.LA_CODE.eq(filter.laCode());
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            condition = condition.and(PLACEMENT_REQUEST.STATUS.in(filter.statuses()));
        }
        if (filter.need() != null) {
            condition = condition.and(PLACEMENT_REQUEST.PRIMARY_NEED.eq(filter.need()));
        }
        if (filter.phase() != null) {
            ReferenceData.Phase phase = reference.phase(filter.phase());
            condition = condition.and(PLACEMENT_REQUEST.AGE.between(phase.ageFrom(), phase.ageTo()));
        }
        if (filter.startTerm() != null) {
            condition = condition.and(PLACEMENT_REQUEST.START_TERM.eq(filter.startTerm()));
        }
        return condition;
    }

    // ------------------------------------------------------------------ changes

    @Transactional
    PlacementRequestView create(PlacementRequestInput input) {
        reference.requireLocalAuthority("input.laCode", input.laCode());
        access.requireCommissionerOf("createPlacementRequest", input.laCode());
        DemandRules.checkReference("input.reference", input.reference());
        if (requests.byReference(input.laCode()).containsKey(input.reference())) {
            throw ApiException.badRequest("input.reference", "LA " + input.laCode() + " already has a request with reference \"" + input.reference() + "\"");
        }
        PlacementRequestRecord record = new PlacementRequestRecord();
        record.setLaCode(input.laCode());
        record.setReference(input.reference());
        record.setStatus(RequestStatus.OPEN);
        record.setDemo(false);
        apply(record, "input", input.primaryNeed(), input.secondaryNeed(), input.band(), input.age(), input.home(), input.homeDistrict(),
                input.gender(), Boolean.TRUE.equals(input.needsBoarding()), input.currentSettingUrn(), Boolean.TRUE.equals(input.keepCurrent()),
                input.startTerm(), true);
        applyFamily(record, "input", input.siblingGroup(), input.alternativeProvisionAllowed());
        List<Integer> preferences = checkPreferences("input.preferences", input.preferences());
        long id = requests.insert(record);
        record.setId(id);
        requests.replacePreferences(id, preferences);
        audit.record(AuditTrail.Scope.children(record.getLaCode()), "PLACEMENT_REQUEST_CREATED", "placement_request", id, null, RequestSnapshot.of(record, preferences), null);
        return requests.find(id).orElseThrow();
    }

    @Transactional
    PlacementRequestView update(UpdatePlacementRequestInput input) {
        PlacementRequestRecord record = lockOwn("updatePlacementRequest", input.id());
        long id = record.getId();
        if (List.of(RequestStatus.PLACED, RequestStatus.WITHDRAWN).contains(record.getStatus())) {
            throw ApiException.badRequest("input.id", "the request is " + record.getStatus() + " and can no longer change");
        }
        List<Integer> preferencesBefore = requests.preferences(List.of(id)).getOrDefault(id, List.of());
        RequestSnapshot before = RequestSnapshot.of(record, preferencesBefore);
        apply(record, "input",
                input.primaryNeed() != null ? input.primaryNeed() : record.getPrimaryNeed(),
                input.secondaryNeed() != null ? input.secondaryNeed() : record.getSecondaryNeed(),
                input.band() != null ? input.band() : record.getBand(),
                input.age() != null ? input.age() : record.getAge(),
                input.home(), input.homeDistrict(),
                input.gender() != null ? input.gender() : record.getGender(),
                input.needsBoarding() != null ? input.needsBoarding() : record.getNeedsBoarding(),
                input.currentSettingUrn() != null ? input.currentSettingUrn() : record.getCurrentSettingUrn(),
                input.keepCurrent() != null ? input.keepCurrent() : record.getKeepCurrent(),
                input.startTerm() != null ? input.startTerm() : record.getStartTerm(), false);
        applyFamily(record, "input",
                kept(input.siblingGroup(), record.getSiblingGroup()),
                kept(input.alternativeProvisionAllowed(), record.getAlternativeProvisionAllowed()));
        List<Integer> preferences = preferencesBefore;
        if (input.preferences() != null) {
            preferences = checkPreferences("input.preferences", input.preferences());
            requests.replacePreferences(id, preferences);
        }
        requests.update(record);
        audit.record(AuditTrail.Scope.children(record.getLaCode()), "PLACEMENT_REQUEST_UPDATED", "placement_request", id, before, RequestSnapshot.of(record, preferences), null);
        return requests.find(id).orElseThrow();
    }

    @Transactional
    PlacementRequestView withdraw(String idText, String reason) {
        PlacementRequestRecord record = lockOwn("withdrawPlacementRequest", idText);
        long id = record.getId();
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("reason", "a reason is required to withdraw a request");
        }
        if (!List.of(RequestStatus.OPEN, RequestStatus.PROPOSED).contains(record.getStatus())) {
            throw ApiException.badRequest("id", "only an OPEN or PROPOSED request can be withdrawn; this one is " + record.getStatus());
        }
        RequestStatus before = record.getStatus();
        record.setStatus(RequestStatus.WITHDRAWN);
        record.setStatusReason(reason.trim());
        requests.update(record);
        audit.record(AuditTrail.Scope.children(record.getLaCode()), "PLACEMENT_REQUEST_WITHDRAWN", "placement_request", id, new RequestSnapshot.Status(before),
                new RequestSnapshot.Status(RequestStatus.WITHDRAWN), reason.trim());
        return requests.find(id).orElseThrow();
    }

    /** A plan now proposes places for these requests: OPEN ones become PROPOSED. */
    @Transactional
    public void markProposed(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            requests.setStatus(ids, RequestStatus.OPEN, RequestStatus.PROPOSED);
        }
    }

    /** An approved placement: the request becomes PLACED (from OPEN or PROPOSED), audited by the caller's approval. */
    @Transactional
    public void markPlaced(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            requests.setStatus(ids, RequestStatus.PROPOSED, RequestStatus.PLACED);
            requests.setStatus(ids, RequestStatus.OPEN, RequestStatus.PLACED);
        }
    }

    /** Registers many new requests at once (CSV import, demo demand); each is audited. */
    @Transactional
    public List<Long> createAll(List<PlacementRequestRecord> records, List<List<Integer>> preferences, String reason) {
        List<Long> ids = requests.insertAll(records, preferences);
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            changes.add(new AuditTrail.Change("PLACEMENT_REQUEST_CREATED", "placement_request", String.valueOf(ids.get(i)), null,
                    RequestSnapshot.of(records.get(i), preferences.get(i)), reason, AuditTrail.Scope.children(records.get(i).getLaCode())));
        }
        audit.recordAll(changes);
        return ids;
    }

    // ------------------------------------------------------------------ rules

    /** The request locked for a change by its own LA's commissioner; otherwise FORBIDDEN, whether or not it exists. */
    private PlacementRequestRecord lockOwn(String operation, String idText) {
        Actor actor = access.require(operation, Role.COMMISSIONER);
        long id = access.idInScope(operation, idText);
        return requests.lock(id).filter(r -> r.getLaCode().equals(actor.laCode())).orElseThrow(() -> access.outOfScope(operation));
    }

    /** Applies and checks the request's values; the home is a grid point rounded to 100 m or a postcode district's centre. */
    void apply(PlacementRequestRecord record, String field, String primaryNeed, String secondaryNeed, int band, int age,
               GridPointInput home, String homeDistrict, ChildGender gender, boolean needsBoarding, Integer currentUrn,
               boolean keepCurrent, String startTerm, boolean homeRequired) {
        if (secondaryNeed != null && secondaryNeed.equals(primaryNeed)) {
            throw ApiException.badRequest(field + ".secondaryNeed", "must differ from the primary need " + primaryNeed);
        }
        if (band < 1 || band > 5) {
            throw ApiException.badRequest(field + ".band", "a complexity band is 1 to 5, got " + band);
        }
        if (age < 0 || age > 25) {
            throw ApiException.badRequest(field + ".age", "an age in the coming school year is 0 to 25, got " + age);
        }
        if (home != null && homeDistrict != null) {
            throw ApiException.badRequest(field + ".home", "give either home (a grid point) or homeDistrict (a postcode district), not both");
        }
        if (home != null) {
            GridPoints.check(field + ".home", home.easting(), home.northing());
            record.setEasting(GridPoints.round100(home.easting()));
            record.setNorthing(GridPoints.round100(home.northing()));
        } else if (homeDistrict != null) {
            var district = reference.district(homeDistrict.trim().toUpperCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> ApiException.badRequest(field + ".homeDistrict", "unknown English postcode district \"" + homeDistrict + "\""));
            record.setEasting(GridPoints.round100(district.centroid().easting()));
            record.setNorthing(GridPoints.round100(district.centroid().northing()));
        } else if (homeRequired) {
            throw ApiException.badRequest(field + ".home", "the child's home is required: a grid point (rounded to 100 m) or a postcode district");
        }
        if (currentUrn != null && settings.find(currentUrn).isEmpty()) {
            throw ApiException.badRequest(field + ".currentSettingUrn", "no setting with URN " + currentUrn);
        }
        if (keepCurrent && currentUrn == null) {
            throw ApiException.badRequest(field + ".keepCurrent", "a request can only keep its current setting if it has one (currentSettingUrn)");
        }
        String termProblem = DemandRules.startTermProblem(startTerm);
        if (termProblem != null) {
            throw ApiException.badRequest(field + ".startTerm", termProblem);
        }
        record.setPrimaryNeed(primaryNeed);
        record.setSecondaryNeed(secondaryNeed);
        record.setBand(band);
        record.setAge(age);
        record.setGender(gender);
        record.setNeedsBoarding(needsBoarding);
        record.setCurrentSettingUrn(currentUrn);
        record.setKeepCurrent(keepCurrent);
        record.setStartTerm(startTerm);
    }

    /**
     * Sets the request's sibling group (checked like a case reference: a pseudonymous code the LA chooses, never a family
     * name) and whether alternative provision may be planned for the child (null: the planner's default, SEMH only).
     */
    static void applyFamily(PlacementRequestRecord record, String field, String siblingGroup, Boolean alternativeProvisionAllowed) {
        String group = siblingGroup == null ? null : siblingGroup.trim();
        String problem = group == null ? null : DemandRules.siblingGroupProblem(group);
        if (problem != null) {
            throw ApiException.badRequest(field + ".siblingGroup", problem);
        }
        record.setSiblingGroup(group);
        record.setAlternativeProvisionAllowed(alternativeProvisionAllowed);
    }

    private static <T> T kept(ArgumentValue<T> given, T current) {
        return given == null || given.isOmitted() ? current : given.value();
    }

    List<Integer> checkPreferences(String field, List<Integer> urns) {
        if (urns == null) {
            return List.of();
        }
        if (urns.size() > DemandRules.MAX_PREFERENCES) {
            throw ApiException.badRequest(field, "at most " + DemandRules.MAX_PREFERENCES + " preferences, got " + urns.size());
        }
        Set<Integer> seen = new HashSet<>();
        var known = settings.findAll(urns);
        for (int i = 0; i < urns.size(); i++) {
            if (!seen.add(urns.get(i))) {
                throw ApiException.badRequest(field + "[" + i + "]", "URN " + urns.get(i) + " is named twice");
            }
            if (!known.containsKey(urns.get(i))) {
                throw ApiException.badRequest(field + "[" + i + "]", "no setting with URN " + urns.get(i));
            }
        }
        return List.copyOf(urns);
    }
}
