package uk.sendplan.planner.solver;

import java.util.Comparator;

/**
 * What one more place in a setting is worth to a plan that is the exact optimum of the placement flow: the change in
 * the optimum if the setting had one place more, everything else as it is. Whole pounds a year.
 *
 * @param settingId      the setting (in the service, one place cell: a setting's places for one need in one phase)
 * @param childrenPlaced 1 when the extra place lets a child the plan leaves without a place be placed (perhaps by moving
 *                       others along), else 0: the capacity's dual price at the score's medium level
 * @param scoreSaving    pounds the soft score falls by (annual cost plus policy penalties): the dual price at the soft
 *                       level; negative when the place is spent on a child who had none (their place costs money)
 * @param annualSaving   pounds the plan's annual cost (fees plus transport) falls by through the same moves
 * @param childrenMoved  children already placed who move to another setting to make the best use of the place
 */
public record PlaceValue(String settingId, int childrenPlaced, long scoreSaving, long annualSaving, int childrenMoved) {

    /** Best first: a place that places a child, then the larger saving; ties by setting id. */
    public static final Comparator<PlaceValue> BEST_FIRST = Comparator.comparingInt(PlaceValue::childrenPlaced).reversed()
            .thenComparing(Comparator.comparingLong(PlaceValue::scoreSaving).reversed())
            .thenComparing(PlaceValue::settingId);
}
