package uk.sendplan.planner.domain;

import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A setting as a planning value: the immutable {@link Setting} plus its position in the problem.
 * Internal to the planner (the solver package builds it); the service sees only {@link Setting}.
 */
public final class SettingFact {

    @PlanningId
    private final String id;
    private final int index;
    private final Setting setting;

    public SettingFact(int index, Setting setting) {
        this.id = setting.id();
        this.index = index;
        this.setting = setting;
    }

    public String getId() {
        return id;
    }

    public int getIndex() {
        return index;
    }

    public Setting getSetting() {
        return setting;
    }

    public int getCapacity() {
        return setting.capacity();
    }

    @Override
    public String toString() {
        return id;
    }
}
