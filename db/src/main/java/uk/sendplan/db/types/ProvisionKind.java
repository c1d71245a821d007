package uk.sendplan.db.types;

/** The kind of place a fee or a rate band is for (columns fee.kind, rate_band.kind, plan_assignment.fee_kind). */
public enum ProvisionKind {
    DAY, RESIDENTIAL_38_WEEK, RESIDENTIAL_52_WEEK, POST_16, ALTERNATIVE_PROVISION
}
