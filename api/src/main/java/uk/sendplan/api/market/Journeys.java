package uk.sendplan.api.market;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journey from a child's home district to a setting and its annual transport cost, by the planner's cost model
 * (road distance, SEND transport speed, school days or weekly boarding trips), so an offer's total cost is the one a
 * plan would count.
 */
final class Journeys {

    record Journey(double distanceKm, double travelMinutes, long transportPence) {
    }

    private static final CostModel COSTS = new CostModel(Parameters.DEFAULTS);

    private Journeys() {
    }

    static Journey between(int homeEasting, int homeNorthing, int settingEasting, int settingNorthing, boolean residential) {
        // only the two points and whether the placement boards count for transport; the other fields are placeholders
        PlacementRequest child = new PlacementRequest("referral", "000", Need.OTH, 1, 11, homeEasting, homeNorthing, Gender.MALE,
                residential, null, false, List.of());
        Setting setting = new Setting("setting", "setting", SettingType.INDEPENDENT_SPECIAL, "000", settingEasting, settingNorthing, 0, 25,
                Set.of(), 1, Map.of(), SettingGender.MIXED, residential);
        return new Journey(COSTS.distanceKm(child, setting), COSTS.travelMinutes(child, setting), COSTS.transportCost(child, setting) * 100);
    }
}
