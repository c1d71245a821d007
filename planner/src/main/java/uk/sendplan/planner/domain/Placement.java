package uk.sendplan.planner.domain;

import java.util.List;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * The planning entity: one placement request and the setting chosen for it ({@code null} =
 * unplaced). Its value range is the settings that pass every pairwise hard rule for the request,
 * so local search never tries a setting the child could not attend. A request kept in its current
 * setting is pinned there. Internal to the planner.
 */
@PlanningEntity
public class Placement {

    public static final String SETTING_VARIABLE = "setting";

    @PlanningId
    private String id;
    private int index;
    private PlacementRequest request;
    private CostModel costModel;
    private List<SettingFact> suitableSettings;
    @PlanningPin
    private boolean pinned;
    @PlanningVariable(valueRangeProviderRefs = "suitableSettings", nullable = true)
    private SettingFact setting;

    /** For OptaPlanner's solution cloner. */
    public Placement() {
    }

    public Placement(int index, PlacementRequest request, CostModel costModel, List<SettingFact> suitableSettings,
                     boolean pinned, SettingFact setting) {
        this.id = request.id();
        this.index = index;
        this.request = request;
        this.costModel = costModel;
        this.suitableSettings = suitableSettings;
        this.pinned = pinned;
        this.setting = setting;
    }

    public String getId() {
        return id;
    }

    public int getIndex() {
        return index;
    }

    public PlacementRequest getRequest() {
        return request;
    }

    public CostModel getCostModel() {
        return costModel;
    }

    @ValueRangeProvider(id = "suitableSettings")
    public List<SettingFact> getSuitableSettings() {
        return suitableSettings;
    }

    public boolean isPinned() {
        return pinned;
    }

    public SettingFact getSetting() {
        return setting;
    }

    public void setSetting(SettingFact setting) {
        this.setting = setting;
    }

    /** The placed setting; call only when {@link #getSetting()} is not null. */
    public Setting placedSetting() {
        return setting.getSetting();
    }

    @Override
    public String toString() {
        return id + "->" + setting;
    }
}
