package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.List;

import uk.sendplan.planner.domain.Placement;
import uk.sendplan.planner.domain.PlacementSolution;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingFact;

/** Converts between the planning solution and a plain assignment array (setting index per request, -1 = unplaced). */
final class Solutions {

    private Solutions() {
    }

    /**
     * A planning solution for the network's problem. Pinned children sit in their kept setting;
     * the others take {@code assignment}'s setting, or start unplaced when it is null.
     */
    static PlacementSolution build(PlacementNetwork network, int[] assignment) {
        List<Setting> settings = network.problem().settings();
        List<SettingFact> facts = new ArrayList<>(settings.size());
        for (int s = 0; s < settings.size(); s++) {
            facts.add(new SettingFact(s, settings.get(s)));
        }
        List<Placement> placements = new ArrayList<>(network.requestCount());
        for (int r = 0; r < network.requestCount(); r++) {
            if (network.isPinned(r)) {
                SettingFact kept = facts.get(network.pinnedSetting(r));
                placements.add(new Placement(r, network.problem().requests().get(r), network.costModel(),
                        List.of(kept), true, kept));
            } else {
                List<SettingFact> suitable = new ArrayList<>(network.pairEnd(r) - network.pairStart(r));
                for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                    suitable.add(facts.get(network.pairSetting(p)));
                }
                SettingFact chosen = assignment == null || assignment[r] < 0 ? null : facts.get(assignment[r]);
                placements.add(new Placement(r, network.problem().requests().get(r), network.costModel(), suitable,
                        false, chosen));
            }
        }
        return new PlacementSolution(network.problem(), facts, network.independentCaps(), placements);
    }

    static int[] assignment(PlacementSolution solution) {
        int[] assignment = new int[solution.getPlacements().size()];
        for (Placement placement : solution.getPlacements()) {
            assignment[placement.getIndex()] = placement.getSetting() == null ? -1 : placement.getSetting().getIndex();
        }
        return assignment;
    }
}
