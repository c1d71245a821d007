package uk.sendplan.db.types;

/**
 * Where a plan stands (column plan.status). APPROVED and PARTLY_APPROVED follow a finished plan once every, or some,
 * of its proposed placements are approved.
 */
public enum PlanStatus {
    QUEUED, SOLVING, COMPLETED, CANCELLED, INTERRUPTED, FAILED, APPROVED, PARTLY_APPROVED
}
