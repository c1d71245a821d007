package uk.sendplan.planner.solver;

import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;

import uk.sendplan.planner.domain.Placement;
import uk.sendplan.planner.domain.PlacementSolution;

/** The solver configuration, built in code (there is no Spring or XML here). */
final class SolverConfigs {

    private SolverConfigs() {
    }

    /** Domain and constraints only: enough to score a given assignment. */
    static SolverConfig scoring() {
        return new SolverConfig()
                .withSolutionClass(PlacementSolution.class)
                .withEntityClasses(Placement.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(PlacementConstraintProvider.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET));
    }

    /**
     * The exact min-cost-flow construction, then local search until the time cap or until it has found nothing better
     * for the unimproved limit. Only for problems where rules couple children, so the flow is not the optimum (see
     * {@link PlanningRun}: without such a rule no solver is built at all).
     */
    static SolverConfig solving(SolveOptions options, CustomPhaseCommand<PlacementSolution> construction) {
        SolverConfig config = scoring()
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withPhases(new CustomPhaseConfig().withCustomPhaseCommands(construction), new LocalSearchPhaseConfig())
                .withTerminationConfig(new TerminationConfig()
                        .withSpentLimit(options.timeLimit())
                        .withUnimprovedSpentLimit(options.unimprovedTimeLimit()));
        if (options.moveThreadCount() > 0) {
            config.setMoveThreadCount(Integer.toString(options.moveThreadCount()));
        }
        if (options.seed() != null) {
            config.setRandomSeed(options.seed());
        }
        return config;
    }
}
