package uk.sendplan.planner.solver;

/**
 * The reactive plan the planner is measured against.
 *
 * @param unplacedCount   children the reactive plan leaves without a place
 * @param totalAnnualCost Σ annual cost of its placements
 * @param score           its score under the same constraints, comparable with {@link Plan#score()}
 */
public record BaselineSummary(int unplacedCount, long totalAnnualCost, String score) {
}
