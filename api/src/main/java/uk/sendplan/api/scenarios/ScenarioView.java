package uk.sendplan.api.scenarios;

import uk.sendplan.api.planning.WhatIf.Outcome;
import uk.sendplan.db.types.PlanScope;

import java.time.Instant;
import java.util.List;

/**
 * A saved scenario: the plan it was run on, or the January whose forecast demand it re-planned (one of the two), its
 * changes in words, and the base and scenario outcomes.
 */
record ScenarioView(long id, String name, Long planId, Integer forecastJanuary, PlanScope scopeType, String scopeCode, String regionCode, String financialYear,
                    List<String> changes, Outcome base, Outcome outcome, String createdBy, Instant createdAt) {

    /** Children the scenario places that the base does not (negative: fewer). */
    int placesGained() {
        return outcome.placed() - base.placed();
    }

    /** What the scenario saves a year against the base (negative: costs more). */
    long annualSavingPence() {
        return base.totalCostPence() - outcome.totalCostPence();
    }
}
