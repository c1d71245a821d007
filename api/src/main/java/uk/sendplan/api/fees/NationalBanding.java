package uk.sendplan.api.fees;

/**
 * Where a state setting's fee stands against the national tariff of its band. Not a regulatory verdict: state fees are
 * the LA's own spending, so this is reported to the LA and its region and never opens a finding.
 */
enum NationalBanding {
    /** Above the tariff's maximum or below its minimum. */
    OUTSIDE_NATIONAL_BANDING,
    /** From the tariff's minimum to its maximum, both included. */
    WITHIN_NATIONAL_BANDING,
    /** The framework has no band with a tariff for the fee's kind of place and complexity. */
    NO_NATIONAL_TARIFF
}
