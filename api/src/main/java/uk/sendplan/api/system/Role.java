package uk.sendplan.api.system;

/** What a user does in the service; each role has one scope (see {@link Actor}). */
public enum Role {
    /** One LA: its children, its plans; sees every setting and vacancy. */
    COMMISSIONER,
    /** One region: its demand in aggregate, regional plans. */
    REGIONAL_PLANNER,
    /** One provider organisation: its settings, places, fees and findings; never children. */
    PROVIDER,
    /** National: fees, audits, findings, suspensions; never child-level records. */
    REGULATOR,
    /** Reference data and users' scopes; never child-level records. */
    ADMIN
}
