package uk.sendplan.planner.solver;

import java.util.List;

import uk.sendplan.planner.domain.PolicyPenalty;

/**
 * One child's place and why it costs what it does.
 *
 * @param requestId     the child
 * @param settingId     the setting
 * @param annualCost    fee + transport, pounds a year
 * @param fee           the setting's fee for the child's band
 * @param transportCost annual transport cost
 * @param distanceKm    one-way road distance, rounded to 0.01 km
 * @param travelMinutes one-way journey time, rounded to 0.1 minute
 * @param pinned        kept in the current setting (keepCurrent)
 * @param penalties     soft policy constraints this placement triggers, with their amounts
 * @param brokenRules   hard rules the placement breaks (only ever a pinned child whose kept setting
 *                      no longer fits, e.g. aged out); empty otherwise
 * @param reactiveSettingId  where the reactive approach (nearest setting with room, first come first served)
 *                      placed the child, or {@code null} when it left the child without a place
 * @param reactiveAnnualCost what that reactive placement costs a year, or {@code null}
 */
public record Assignment(String requestId, String settingId, long annualCost, long fee, long transportCost,
                         double distanceKm, double travelMinutes, boolean pinned, List<PolicyPenalty> penalties,
                         List<String> brokenRules, String reactiveSettingId, Long reactiveAnnualCost) {

    public Assignment {
        penalties = List.copyOf(penalties);
        brokenRules = List.copyOf(brokenRules);
    }
}
