package uk.sendplan.planner.solver;

import java.util.List;

import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

import uk.sendplan.planner.domain.Placement;
import uk.sendplan.planner.domain.PlacementSolution;
import uk.sendplan.planner.domain.SettingFact;

/**
 * The construction phase: solve the placement min-cost flow exactly and write its assignment into
 * the working solution, so local search starts from the proven optimum of the model.
 */
final class ExactConstructionCommand implements CustomPhaseCommand<PlacementSolution> {

    private final PlacementNetwork network;
    private final Runnable afterConstruction;

    /** @param afterConstruction runs on the solver thread once the optimum is in the working solution */
    ExactConstructionCommand(PlacementNetwork network, Runnable afterConstruction) {
        this.network = network;
        this.afterConstruction = afterConstruction;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<PlacementSolution> scoreDirector) {
        ExactPlacementFlow flow = ExactPlacementFlow.solve(network);
        PlacementSolution working = scoreDirector.getWorkingSolution();
        List<SettingFact> settings = working.getSettings();
        for (Placement placement : working.getPlacements()) {
            if (placement.isPinned()) {
                continue;
            }
            int s = flow.settingOf(placement.getIndex());
            SettingFact chosen = s < 0 ? null : settings.get(s);
            if (placement.getSetting() != chosen) {
                scoreDirector.beforeVariableChanged(placement, Placement.SETTING_VARIABLE);
                placement.setSetting(chosen);
                scoreDirector.afterVariableChanged(placement, Placement.SETTING_VARIABLE);
            }
        }
        scoreDirector.triggerVariableListeners();
        afterConstruction.run();
    }
}
