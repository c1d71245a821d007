package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

import uk.sendplan.planner.domain.Phase;

/** A day placement's journey is longer than the limit for the child's phase. */
public record TravelTimeExceeded(String requestId, String settingId, double travelMinutes, Phase phase,
                                 int limitMinutes) implements ConstraintJustification {
}
