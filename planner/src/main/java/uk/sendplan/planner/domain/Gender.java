package uk.sendplan.planner.domain;

/** The child's sex as recorded for admission to single-sex settings. */
public enum Gender {
    MALE, FEMALE
}
