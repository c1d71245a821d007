package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** What a placement costs a year: the fee for the band plus transport, whole pounds. */
public record AnnualCost(String requestId, String settingId, long fee, long transportCost, long annualCost)
        implements ConstraintJustification {
}
