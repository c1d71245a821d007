package uk.sendplan.planner.domain;

/**
 * A local authority's strategic limit on independent placements in one plan: at most
 * {@code maxPlacements} of its children, or at most {@code maxShare} of them, in independent
 * settings ({@link SettingType#isIndependent()}); when both are given the lower count applies.
 * Children kept in their current independent setting count towards it.
 *
 * @param maxPlacements most of the authority's children in independent settings, or {@code null}
 * @param maxShare      most of the authority's children in the problem, as a fraction 0–1, or {@code null}
 */
public record IndependentLimit(Integer maxPlacements, Double maxShare) {

    /** The limit as a count for an authority with {@code children} requests in the problem (a share rounds down). */
    public int cap(int children) {
        int cap = Integer.MAX_VALUE;
        if (maxPlacements != null) {
            cap = maxPlacements;
        }
        if (maxShare != null) {
            // 1e-9: a share of exactly 25% of 40 children is 10, not 9 because of binary rounding
            cap = Math.min(cap, (int) Math.floor(maxShare * children + 1e-9));
        }
        return cap;
    }
}
