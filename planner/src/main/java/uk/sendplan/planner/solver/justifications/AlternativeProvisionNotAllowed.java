package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

import uk.sendplan.planner.domain.Need;

/** A child whose request does not allow alternative provision is placed in it. */
public record AlternativeProvisionNotAllowed(String requestId, String settingId, Need need)
        implements ConstraintJustification {
}
