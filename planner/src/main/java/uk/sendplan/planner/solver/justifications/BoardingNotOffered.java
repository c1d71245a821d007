package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** The child needs boarding and the setting does not offer it. */
public record BoardingNotOffered(String requestId, String settingId) implements ConstraintJustification {
}
