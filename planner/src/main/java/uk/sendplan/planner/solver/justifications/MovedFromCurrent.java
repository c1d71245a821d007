package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** A child with a current setting (not pinned) is moved to another one. */
public record MovedFromCurrent(String requestId, String currentSettingId, String settingId, long penalty)
        implements ConstraintJustification {
}
