package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

import uk.sendplan.planner.domain.Need;

/** The setting does not cater for the child's primary need. */
public record NeedNotMet(String requestId, String settingId, Need need) implements ConstraintJustification {
}
