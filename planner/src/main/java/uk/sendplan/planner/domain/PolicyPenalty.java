package uk.sendplan.planner.domain;

/**
 * A soft policy constraint that a placement triggers, with its amount in whole pounds.
 *
 * @param constraint constraint name: preferenceMiss, independentPlacement, outOfArea or moveFromCurrent
 * @param amount     the penalty in pounds a year
 */
public record PolicyPenalty(String constraint, long amount) {
}
