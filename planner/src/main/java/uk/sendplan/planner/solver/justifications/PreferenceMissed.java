package uk.sendplan.planner.solver.justifications;

import java.util.List;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** The child is placed outside the family's ranked preferences. */
public record PreferenceMissed(String requestId, String settingId, List<String> preferences, long penalty)
        implements ConstraintJustification {
}
