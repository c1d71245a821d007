package uk.sendplan.planner.domain;

/**
 * Kind of setting: the register's setting types, plus general FE colleges. The two independent kinds carry the
 * {@code independentPlacement} penalty: independent special schools, and specialist post-16 institutions (which
 * are independent providers funded place by place).
 */
public enum SettingType {
    /** Mainstream school place with an EHC plan top-up. */
    MAINSTREAM(false),
    /** Resourced provision attached to a mainstream school. */
    RESOURCED_PROVISION(false),
    /** SEN unit attached to a mainstream school. */
    SEN_UNIT(false),
    /** LA-maintained, academy or free special school. */
    STATE_SPECIAL(false),
    /** Non-maintained special school (charitable, state-funded place by place). */
    NON_MAINTAINED_SPECIAL(false),
    /** Independent special school. */
    INDEPENDENT_SPECIAL(true),
    /** Pupil referral unit, AP academy or free school. */
    ALTERNATIVE_PROVISION(false),
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
