package uk.sendplan.planner.domain;

import java.util.List;

import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * OptaPlanner's working solution. It never leaves the planner: the facade turns it into a
 * {@code Plan}. The problem is referenced (not cloned) so that a snapshot can be explained later.
 */
@PlanningSolution
public class PlacementSolution {

    private PlacementProblem problem;
    @ProblemFactCollectionProperty
    private List<SettingFact> settings;
    @ProblemFactCollectionProperty
    private List<IndependentCap> independentCaps;
    @PlanningEntityCollectionProperty
    private List<Placement> placements;
    @PlanningScore
    private HardMediumSoftLongScore score;

    /** For OptaPlanner's solution cloner. */
    public PlacementSolution() {
    }

    public PlacementSolution(PlacementProblem problem, List<SettingFact> settings, List<IndependentCap> independentCaps,
                             List<Placement> placements) {
        this.problem = problem;
        this.settings = settings;
        this.independentCaps = independentCaps;
        this.placements = placements;
    }

    public PlacementProblem getProblem() {
        return problem;
    }

    public List<SettingFact> getSettings() {
        return settings;
    }

    public List<IndependentCap> getIndependentCaps() {
        return independentCaps;
    }

    public List<Placement> getPlacements() {
        return placements;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
