package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** Two siblings placed in different settings, with the penalty in pounds. */
public record SiblingsApart(String siblingGroup, String requestId, String otherRequestId, long penalty)
        implements ConstraintJustification {
}
