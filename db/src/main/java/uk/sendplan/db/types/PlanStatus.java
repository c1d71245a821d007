package uk.sendplan.db.types;

/** Where a plan stands (column plan.status). */
public enum PlanStatus {
    QUEUED, SOLVING, COMPLETED, CANCELLED, INTERRUPTED, FAILED
}
