package uk.sendplan.db.types;

/**
 * The outcome of a fee check, most serious first: the order is the order reports list them in (columns fee_check.verdict,
 * fee_finding.verdict). Price limits first (they make an offer unlawful to accept), then the surplus cap, then the
 * transparency rules (a breakdown that does not add up misstates costs, a missing one hides them), then the rest.
 */
public enum FeeVerdict {
    ABOVE_CEILING, UPLIFT_ABOVE_CAP, SURPLUS_ABOVE_CAP, BREAKDOWN_INCONSISTENT, BREAKDOWN_MISSING, NO_APPLICABLE_BAND,
    ABOVE_REFERENCE, WITHIN_REFERENCE, NOT_REGULATED
}
