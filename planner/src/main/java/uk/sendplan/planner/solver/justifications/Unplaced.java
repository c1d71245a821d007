package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** A child left without a place. */
public record Unplaced(String requestId) implements ConstraintJustification {
}
