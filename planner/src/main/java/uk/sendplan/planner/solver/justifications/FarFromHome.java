package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** A placement further from home than the local radius, with the penalty in pounds. */
public record FarFromHome(String requestId, String settingId, double distanceKm, double localRadiusKm, long penalty)
        implements ConstraintJustification {
}
