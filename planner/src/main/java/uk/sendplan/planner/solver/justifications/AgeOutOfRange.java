package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** The child's age is outside the setting's age range. */
public record AgeOutOfRange(String requestId, String settingId, int age, int ageFrom, int ageTo)
        implements ConstraintJustification {
}
