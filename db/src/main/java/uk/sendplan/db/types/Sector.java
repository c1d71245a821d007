package uk.sendplan.db.types;

/** Who funds and runs a setting: the state, a non-maintained special school's charity, or an independent provider (columns setting.sector, setting_type.default_sector). */
public enum Sector {
    STATE, NON_MAINTAINED, INDEPENDENT
}
