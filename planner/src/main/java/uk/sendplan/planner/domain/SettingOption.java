package uk.sendplan.planner.domain;

import java.util.List;

/**
 * One setting considered for one child: what it would cost and, if it cannot take the child,
 * which pairwise hard rules it breaks. See {@link CostModel#options}.
 *
 * @param setting     the setting
 * @param cost        distance, journey, fee, transport and annual cost
 * @param penalties   soft policy penalties the placement would trigger
 * @param brokenRules hard rules broken; empty when the setting is suitable
 */
public record SettingOption(Setting setting, PlacementCost cost, List<PolicyPenalty> penalties,
                            List<HardRule> brokenRules) {

    public SettingOption {
        penalties = List.copyOf(penalties);
        brokenRules = List.copyOf(brokenRules);
    }

    public boolean suitable() {
        return brokenRules.isEmpty();
    }

    /** Annual cost plus penalties: what the placement would add to a plan's soft score. */
    public long softCost() {
        return cost.annualCost() + penalties.stream().mapToLong(PolicyPenalty::amount).sum();
    }
}
