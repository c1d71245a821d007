package uk.sendplan.planner.domain;

import java.util.List;

/**
 * Everything the planner needs: the cost-model parameters, the settings with room and the
 * children to place. Built from JSON ({@code io.ProblemJson}) or in code; checked by
 * {@link ProblemValidator} before it is solved.
 */
public record PlacementProblem(String name, Parameters parameters, List<Setting> settings,
                               List<PlacementRequest> requests) {

    public PlacementProblem {
        parameters = parameters == null ? Parameters.DEFAULTS : parameters;
        settings = settings == null ? List.of() : List.copyOf(settings);
        requests = requests == null ? List.of() : List.copyOf(requests);
    }
}
