package uk.sendplan.api.demand;

import uk.sendplan.db.types.ChildGender;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.jooq.tables.records.PlacementRequestRecord;
import uk.sendplan.db.types.RequestStatus;

import java.util.List;

/**
 * A placement request as the audit trail keeps it: every column but its timestamps, under the column's own name
 * (snake case, as the trail has always shown it), and its preferences as setting URNs in order. Child-level: the
 * trail shows it to the LA's commissioner only.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RequestSnapshot(Long id, String laCode, String reference, String primaryNeed, String secondaryNeed, Integer band, Integer age,
                       Integer easting, Integer northing, ChildGender gender, Boolean needsBoarding, Integer currentSettingUrn,
                       Boolean keepCurrent, String startTerm, RequestStatus status, String statusReason, Boolean demo,
                       String siblingGroup, Boolean alternativeProvisionAllowed, List<Integer> preferences) implements AuditSnapshot {

    /** A request's status before and after it is withdrawn. */
    record Status(RequestStatus status) implements AuditSnapshot {
    }

    static RequestSnapshot of(PlacementRequestRecord r, List<Integer> preferences) {
        return new RequestSnapshot(r.getId(), r.getLaCode(), r.getReference(), r.getPrimaryNeed(), r.getSecondaryNeed(), r.getBand(),
                r.getAge(), r.getEasting(), r.getNorthing(), r.getGender(), r.getNeedsBoarding(), r.getCurrentSettingUrn(),
                r.getKeepCurrent(), r.getStartTerm(), r.getStatus(), r.getStatusReason(), r.getDemo(), r.getSiblingGroup(),
                r.getAlternativeProvisionAllowed(), preferences);
    }
}
