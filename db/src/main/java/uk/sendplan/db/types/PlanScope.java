package uk.sendplan.db.types;

/** Whose demand a plan places: one local authority's or a region's (column plan.scope_type). */
public enum PlanScope {
    LOCAL_AUTHORITY, REGION
}
