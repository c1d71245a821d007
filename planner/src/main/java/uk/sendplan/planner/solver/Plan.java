package uk.sendplan.planner.solver;

import java.util.List;

/**
 * A placement plan: the result of a solve (or of the reactive baseline), in the shape of the
 * plan JSON. Money is whole pounds a year.
 *
 * @param name            the problem's name
 * @param score           {@code "0hard/-3medium/-123456soft"}: hard rules broken, children unplaced, soft pounds
 * @param unplacedCount   children without a place
 * @param totalAnnualCost Σ annualCost over every placed child, pinned ones included (penalties excluded)
 * @param baseline        the reactive first-come-first-served plan for the same problem
 * @param assignments     one per placed child, in problem order
 * @param unplaced        one per child without a place, in problem order, with an actionable reason
 * @param provenOptimal   no plan for this problem scores better: the plan reached a proven lower bound
 * @param gapPercent      how far above that lower bound the plan's cost may be, in percent of its cost
 *                        (0 when proven optimal); {@code null} for a plan no bound was computed for
 * @param placeValues     the settings where one more place would place a child or save money, best first (see
 *                        {@link PlaceValue}); {@code null} when not computed: the plan is not the exact flow optimum
 *                        (a limit on independent placements or weighed siblings couple children), is the reactive one,
 *                        or the flow's optimality certificate did not check out
 */
public record Plan(String name, String score, int unplacedCount, long totalAnnualCost, BaselineSummary baseline,
                   List<Assignment> assignments, List<UnplacedRequest> unplaced, boolean provenOptimal,
                   Double gapPercent, List<PlaceValue> placeValues) {

    public Plan {
        assignments = List.copyOf(assignments);
        unplaced = List.copyOf(unplaced);
        placeValues = placeValues == null ? null : List.copyOf(placeValues);
    }

    /** The same plan with its place values (worked out beside the rest of the plan, on another core). */
    Plan withPlaceValues(List<PlaceValue> values) {
        return new Plan(name, score, unplacedCount, totalAnnualCost, baseline, assignments, unplaced, provenOptimal, gapPercent, values);
    }

    public int placedCount() {
        return assignments.size();
    }
}
