package uk.sendplan.db.types;

/** Whom a setting admits (column setting.gender). */
public enum Gender {
    MIXED, BOYS, GIRLS
}
