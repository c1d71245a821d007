package uk.sendplan.db.types;

/** A plan's proposed placement, or approved (column plan_assignment.status). */
public enum AssignmentStatus {
    PROPOSED, APPROVED
}
