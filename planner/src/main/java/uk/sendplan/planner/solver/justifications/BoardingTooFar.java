package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** A boarding placement further from home than the boarding reach. */
public record BoardingTooFar(String requestId, String settingId, double distanceKm, double limitKm)
        implements ConstraintJustification {
}
