package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** The setting has no fee (offers no place) for the child's band. */
public record NoFeeForBand(String requestId, String settingId, int band) implements ConstraintJustification {
}
