package uk.sendplan.planner.domain;

/**
 * Policy penalties in whole pounds a year, added to the soft score on top of the annual cost.
 * A penalty is the extra annual cost the authority accepts to avoid the outcome; 0 switches it off.
 *
 * @param preferenceMiss       placed outside the family's ranked preferences (when they gave some)
 * @param independentPlacement placed in an independent setting ({@link SettingType#isIndependent()})
 * @param outOfArea            placed in a setting of another local authority than the child's
 * @param moveFromCurrent      a child with a current setting, not pinned, moved to another setting
 * @param distanceFromHome     per road kilometre beyond {@link Parameters#localRadiusKm()} from home
 * @param siblingsApart        per pair of siblings (same sibling group) placed in different settings
 */
public record Weights(long preferenceMiss, long independentPlacement, long outOfArea, long moveFromCurrent,
                      long distanceFromHome, long siblingsApart) {

    /**
     * Defaults: a moved child (£3,000) and an independent placement (£5,000) weigh more than a missed
     * preference (£2,000) or a journey across an LA border (£1,000). Each is well below the gap
     * between a state special (~£25k) and an independent (~£60k) fee, so cost still leads.
     * £300 a kilometre beyond the local radius makes a setting 10 km further away worth £3,000 a year
     * less on top of its transport cost, so that nearer wins when costs are close, and a boarding
     * place 200 km away carries £55,500: boarding far from home is a last resort. Siblings apart
     * (£4,000 a pair) weigh like a moved child.
     */
    public static final Weights DEFAULT = new Weights(2_000, 5_000, 1_000, 3_000, 300, 4_000);

    /** No policy penalties: the soft score is the annual cost alone (the min-cost-flow benchmark case). */
    public static final Weights NONE = new Weights(0, 0, 0, 0, 0, 0);
}
