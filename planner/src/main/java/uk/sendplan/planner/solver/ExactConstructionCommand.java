package uk.sendplan.planner.solver;

import java.util.List;
import java.util.function.Consumer;

import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

import uk.sendplan.planner.domain.Placement;
import uk.sendplan.planner.domain.PlacementSolution;
import uk.sendplan.planner.domain.SettingFact;

/**
 * The construction phase: solve the placement min-cost flow exactly (with prices on independent
 * places when LAs limit them) and write its plan into the working solution, so local search starts
 * from the optimum of the pairwise model, or stops there when that is the optimum of the whole.
 */
final class ExactConstructionCommand implements CustomPhaseCommand<PlacementSolution> {

    private final PlacementNetwork network;
    private final Consumer<Construction> afterConstruction;

    /** @param afterConstruction runs on the solver thread once the start plan is in the working solution */
    ExactConstructionCommand(PlacementNetwork network, Consumer<Construction> afterConstruction) {
        this.network = network;
        this.afterConstruction = afterConstruction;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<PlacementSolution> scoreDirector) {
        Construction construction = construct(network);
        PlacementSolution working = scoreDirector.getWorkingSolution();
        List<SettingFact> settings = working.getSettings();
        for (Placement placement : working.getPlacements()) {
            if (placement.isPinned()) {
                continue;
            }
            int s = construction.assignment()[placement.getIndex()];
            SettingFact chosen = s < 0 ? null : settings.get(s);
            if (placement.getSetting() != chosen) {
                scoreDirector.beforeVariableChanged(placement, Placement.SETTING_VARIABLE);
                placement.setSetting(chosen);
                scoreDirector.afterVariableChanged(placement, Placement.SETTING_VARIABLE);
            }
        }
        scoreDirector.triggerVariableListeners();
        afterConstruction.accept(construction);
    }

    /**
     * The flow optimum is a lower bound on every plan (the other rules only add penalties or forbid
     * plans); a start plan that reaches its bound is proven optimal.
     */
    static Construction construct(PlacementNetwork network) {
        if (!network.independentCaps().isEmpty()) {
            Construction relaxed = LagrangianConstruction.construct(network);
            boolean proven = Objective.of(network, relaxed.assignment(), relaxed.unplacedPenalty()) <= relaxed.lowerBound();
            return new Construction(relaxed.assignment(), relaxed.lowerBound(), relaxed.unplacedPenalty(), proven);
        }
        ExactPlacementFlow flow = ExactPlacementFlow.solve(network);
        return of(network, flow).withPlaceValues(placeValuesExact(network, flow) ? CapacityValues.of(network, flow) : null);
    }

    /** The flow's plan and bound, without place values (see {@link #placeValuesExact}). */
    static Construction of(PlacementNetwork network, ExactPlacementFlow flow) {
        int[] assignment = flow.assignment();
        long bound = flow.pricedObjective();
        boolean proven = flow.certified() && Objective.of(network, assignment, flow.unplacedPenalty()) <= bound;
        return new Construction(assignment, bound, flow.unplacedPenalty(), proven);
    }

    /**
     * Place values are exact for this plan only when the flow is the whole model (no local search follows), and read
     * from potentials whose optimality was checked.
     */
    static boolean placeValuesExact(PlacementNetwork network, ExactPlacementFlow flow) {
        return network.pairwiseOnly() && flow.certified();
    }
}
