package uk.sendplan.planner.solver;

/**
 * The starting plan local search improves, and what is known about its quality.
 *
 * @param assignment      setting index per request, -1 = unplaced
 * @param lowerBound      no plan scores better than this on {@link Objective} (pounds, unplaced children priced
 *                        at the flow's penalty each); a plan that reaches it is optimal
 * @param unplacedPenalty what one unplaced child adds to the objective
 * @param proven          the assignment reaches the lower bound: it is optimal, and local search has nothing to do
 * @param placeValues     the value of one more place in each setting where it has one, best first; {@code null} when
 *                        the assignment is not the pure flow's optimum (see {@link CapacityValues})
 */
record Construction(int[] assignment, long lowerBound, long unplacedPenalty, boolean proven, java.util.List<PlaceValue> placeValues) {

    Construction(int[] assignment, long lowerBound, long unplacedPenalty, boolean proven) {
        this(assignment, lowerBound, unplacedPenalty, proven, null);
    }

    Construction withPlaceValues(java.util.List<PlaceValue> values) {
        return new Construction(assignment, lowerBound, unplacedPenalty, proven, values);
    }
}
