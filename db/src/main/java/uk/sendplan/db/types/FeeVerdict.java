package uk.sendplan.db.types;

/** The outcome of a fee check, most serious first: the order is the order reports list them in (columns fee_check.verdict, fee_finding.verdict). */
public enum FeeVerdict {
    ABOVE_CEILING, UPLIFT_ABOVE_CAP, NO_APPLICABLE_BAND, ABOVE_REFERENCE, WITHIN_REFERENCE, NOT_REGULATED
}
