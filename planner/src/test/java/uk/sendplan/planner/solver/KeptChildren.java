package uk.sendplan.planner.solver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * What the children kept in their current settings take before the exact oracles place anyone, read straight from
 * the problem: the places left in each setting, the independent places each LA has used, and their cost.
 *
 * @param room             places left per setting, by index into the problem's settings
 * @param independentByLa  kept children in independent settings, per LA code
 * @param softCost         the kept children's annual cost plus penalties
 * @param count            children kept
 */
record KeptChildren(int[] room, Map<String, Integer> independentByLa, long softCost, int count) {

    static KeptChildren of(PlacementProblem problem, CostModel costModel) {
        List<Setting> settings = problem.settings();
        Map<String, Integer> settingIndex = new HashMap<>();
        for (int s = 0; s < settings.size(); s++) {
            settingIndex.put(settings.get(s).id(), s);
        }
        int[] room = settings.stream().mapToInt(Setting::capacity).toArray();
        Map<String, Integer> independentByLa = new HashMap<>();
        long softCost = 0;
        int count = 0;
        for (PlacementRequest r : problem.requests()) {
            if (r.keepCurrent()) {
                int s = settingIndex.get(r.currentSettingId());
                room[s]--;
                count++;
                softCost += costModel.softCost(r, settings.get(s));
                if (settings.get(s).type().isIndependent()) {
                    independentByLa.merge(r.laCode(), 1, Integer::sum);
                }
            }
        }
        return new KeptChildren(room, independentByLa, softCost, count);
    }
}
