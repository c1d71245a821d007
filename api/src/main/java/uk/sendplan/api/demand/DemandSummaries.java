package uk.sendplan.api.demand;

import org.springframework.stereotype.Service;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.RequestStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.noCondition;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST;

/** Demand in aggregate (counts by need, phase and status), never a child-level record, for each role's scope. */
@Service
public class DemandSummaries {

    private final DemandRepository requests;
    private final ReferenceData reference;
    private final Access access;

    DemandSummaries(DemandRepository requests, ReferenceData reference, Access access) {
        this.requests = requests;
        this.reference = reference;
        this.access = access;
    }

    /**
     * Demand in aggregate for an LA, a region or England: a commissioner for their own LA, a regional planner for
     * their region or an LA in it, regulators and admins for any.
     */
    public List<DemandCount> summaryFor(String laCode, String regionCode) {
        Actor actor = access.require("demandSummary", Role.COMMISSIONER, Role.REGIONAL_PLANNER, Role.REGULATOR, Role.ADMIN);
        if (laCode != null && regionCode != null) {
            throw ApiException.badRequest("laCode", "give either laCode or regionCode, not both");
        }
        if (laCode != null) {
            ReferenceData.LocalAuthority la = reference.requireLocalAuthority("laCode", laCode);
            if ((actor.is(Role.COMMISSIONER) && !actor.laCode().equals(laCode))
                    || (actor.is(Role.REGIONAL_PLANNER) && !actor.regionCode().equals(la.regionCode()))) {
                throw access.outOfScope("demandSummary");
            }
            return summary(List.of(laCode));
        }
        if (actor.is(Role.COMMISSIONER)) {
            throw access.outOfScope("demandSummary");
        }
        if (regionCode != null) {
            reference.requireRegion("regionCode", regionCode);
            if (actor.is(Role.REGIONAL_PLANNER) && !actor.regionCode().equals(regionCode)) {
                throw access.outOfScope("demandSummary");
            }
            return summary(reference.localAuthoritiesOf(regionCode).stream().map(ReferenceData.LocalAuthority::code).toList());
        }
        if (actor.is(Role.REGIONAL_PLANNER)) {
            throw access.outOfScope("demandSummary");
        }
        return summary(null);
    }

    /** Counts by need × phase × status over some LAs: demand in aggregate, without any child-level record. */
    List<DemandCount> summary(Collection<String> laCodes) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<RequestStatus> statuses = List.of(RequestStatus.values());
        for (var row : requests.summary(laCodes == null ? noCondition() : PLACEMENT_REQUEST.LA_CODE.in(laCodes))) {
            String phase = reference.phaseForAge(row.get(PLACEMENT_REQUEST.AGE)).orElseThrow().code();
            int[] byStatus = counts.computeIfAbsent(row.get(PLACEMENT_REQUEST.PRIMARY_NEED) + "|" + phase, k -> new int[statuses.size()]);
            byStatus[statuses.indexOf(row.get(PLACEMENT_REQUEST.STATUS))] += row.get(3, Integer.class);
        }
        List<DemandCount> result = new ArrayList<>();
        for (var need : reference.needTypes()) {
            for (var phase : reference.phases()) {
                int[] c = counts.get(need.code() + "|" + phase.code());
                if (c != null) {
                    result.add(new DemandCount(need.code(), phase.code(), c[0], c[1], c[2], c[3]));
                }
            }
        }
        return result;
    }

    public record DemandCount(String need, String phase, int open, int proposed, int placed, int withdrawn) {
    }
}
