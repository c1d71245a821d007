package uk.sendplan.planner.domain;

/**
 * Kind of setting. The two independent kinds carry the {@code independentPlacement} penalty:
 * independent and non-maintained special schools, and specialist post-16 institutions (which are
 * independent providers funded place by place).
 */
public enum SettingType {
    /** Mainstream school place with an EHC plan top-up. */
    MAINSTREAM(false),
    /** Resourced provision or SEN unit attached to a mainstream school. */
    RESOURCED_PROVISION(false),
    /** LA-maintained, academy or free special school. */
    STATE_SPECIAL(false),
    /** Independent or non-maintained special school. */
    INDEPENDENT_SPECIAL(true),
    /** General further education college (high-needs place). */
    FE_COLLEGE(false),
    /** Specialist post-16 institution (independent). */
    SPECIALIST_POST_16(true);

    private final boolean independent;

    SettingType(boolean independent) {
        this.independent = independent;
    }

    public boolean isIndependent() {
        return independent;
    }
}
