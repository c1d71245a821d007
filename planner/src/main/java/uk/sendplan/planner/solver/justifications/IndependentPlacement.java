package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

import uk.sendplan.planner.domain.SettingType;

/** The child is placed in an independent setting. */
public record IndependentPlacement(String requestId, String settingId, SettingType type, long penalty)
        implements ConstraintJustification {
}
