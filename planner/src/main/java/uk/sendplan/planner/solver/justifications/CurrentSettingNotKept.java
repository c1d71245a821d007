package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** A child marked keepCurrent is not in the current setting ({@code settingId} null = unplaced). */
public record CurrentSettingNotKept(String requestId, String currentSettingId, String settingId)
        implements ConstraintJustification {
}
