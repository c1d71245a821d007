package uk.sendplan.db.types;

/** What made a fee check (column fee_check.occasion). PROPOSAL is a checkFee answer, never stored: the column's CHECK rejects it. */
public enum FeeCheckOccasion {
    SUBMISSION, FRAMEWORK_PUBLISHED, AUDIT, PROPOSAL
}
