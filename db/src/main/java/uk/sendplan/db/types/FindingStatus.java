package uk.sendplan.db.types;

/** A fee finding's step in its workflow (column fee_finding.status). */
public enum FindingStatus {
    OPEN, PROVIDER_RESPONDED, ACCEPTED, UPHELD, ESCALATED
}
