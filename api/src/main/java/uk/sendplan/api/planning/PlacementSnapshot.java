package uk.sendplan.api.planning;

import uk.sendplan.api.audit.AuditSnapshot;

/** A placement as the audit trail keeps it when a commissioner approves it from a plan; amounts in pence a year. */
record PlacementSnapshot(long requestId, int settingUrn, String need, String phase, long planId, long annualFeePence,
                         long annualCostPence, boolean pinned) implements AuditSnapshot {
}
