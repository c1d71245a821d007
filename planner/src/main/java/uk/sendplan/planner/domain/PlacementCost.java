package uk.sendplan.planner.domain;

/**
 * What placing one child in one setting costs, as {@link CostModel} computes it.
 *
 * @param distanceKm        one-way road distance (straight line × road factor)
 * @param travelMinutes     one-way journey time at the average speed
 * @param fee               the setting's annual fee for the child's band (0 when it has none)
 * @param transportCost     annual transport cost, whole pounds
 * @param annualCost        fee + transport cost
 * @param phase             the child's phase
 * @param boardingPlacement the child boards there (travel limit exempt, fewer trips)
 */
public record PlacementCost(double distanceKm, double travelMinutes, long fee, long transportCost, long annualCost,
                            Phase phase, boolean boardingPlacement) {
}
