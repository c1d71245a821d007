package uk.sendplan.db.types;

/** A rate framework version's step: prepared, in force for its year, or replaced by a later version (column rate_framework.status). */
public enum RateFrameworkStatus {
    DRAFT, PUBLISHED, SUPERSEDED
}
