package uk.sendplan.planner.solver.justifications;

import java.util.Set;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** A child is placed in places block-commissioned by other local authorities. */
public record ReservedForOtherLas(String requestId, String settingId, String laCode, Set<String> reservedFor)
        implements ConstraintJustification {
}
