package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** The child is placed in a setting of another local authority. */
public record OutOfArea(String requestId, String settingId, String homeLaCode, String settingLaCode, long penalty)
        implements ConstraintJustification {
}
