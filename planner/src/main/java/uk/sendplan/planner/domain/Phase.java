package uk.sendplan.planner.domain;

/** Education phase, derived from the child's age at the start of the placement. */
public enum Phase {
    EARLY_YEARS, PRIMARY, SECONDARY, POST_16, POST_19;

    /** Youngest and oldest age a placement request may have. */
    public static final int MIN_AGE = 0;
    public static final int MAX_AGE = 25;

    /**
     * 0–4 early years, 5–10 primary, 11–15 secondary, 16–18 post-16, 19–25 post-19.
     *
     * @throws IllegalArgumentException for an age outside 0–25 (EHC plans end at 25)
     */
    public static Phase ofAge(int age) {
        if (age < MIN_AGE || age > MAX_AGE) {
            throw new IllegalArgumentException("age " + age + " is outside " + MIN_AGE + "–" + MAX_AGE);
        }
        if (age <= 4) {
            return EARLY_YEARS;
        }
        if (age <= 10) {
            return PRIMARY;
        }
        if (age <= 15) {
            return SECONDARY;
        }
        if (age <= 18) {
            return POST_16;
        }
        return POST_19;
    }
}
