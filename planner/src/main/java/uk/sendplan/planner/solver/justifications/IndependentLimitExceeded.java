package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** More of a local authority's children in independent settings than its strategic limit allows. */
public record IndependentLimitExceeded(String laCode, int limit, int placed) implements ConstraintJustification {
}
