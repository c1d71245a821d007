package uk.sendplan.api.planning;

/**
 * What one soft rule of the planner adds to a placement's cost, in pence (stored with the placement as JSON, shown as
 * Penalty in pounds).
 *
 * @param constraint the planner's rule, e.g. "out of area"
 */
record PenaltyCost(String constraint, long amountPence) {
}
