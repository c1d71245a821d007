package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** More children placed in a setting than it has places for this plan (pinned children included). */
public record CapacityExceeded(String settingId, int capacity, int placed) implements ConstraintJustification {
}
