package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Phase;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

class PlacementNetworkTest {

    /**
     * The spatial grid and the array costing must find exactly the pairs that testing every setting with
     * CostModel finds, in problem order and at the same cost: an LA, a region and England-wide spreads,
     * with the default reach and with short day and boarding limits (radii that cut through grid cells).
     */
    @Test
    void findsEverySuitablePairAndNoOtherAtItsCostAsBruteForceDoes() {
        List<PlacementProblem> problems = new ArrayList<>();
        problems.add(ProblemGenerator.generate(new GeneratorOptions(1, 1_500, 150, 3, Weights.DEFAULT)));
        problems.add(ProblemGenerator.generate(new GeneratorOptions(9, 3_000, 400, 4, Weights.DEFAULT)));
        PlacementProblem england = ProblemGenerator.generate(new GeneratorOptions(151, 3_000, 800, 5, Weights.DEFAULT));
        problems.add(england);
        problems.add(new PlacementProblem(england.name(), england.parameters().withMaxTravelMinutes(Phase.SECONDARY, 12)
                .withMaxTravelMinutes(Phase.PRIMARY, 17).withMaxBoardingKm(45), england.settings(), england.requests()));
        long pairs = 0;
        for (PlacementProblem problem : problems) {
            PlacementNetwork network = new PlacementNetwork(problem);
            CostModel model = new CostModel(problem.parameters());
            List<Setting> settings = problem.settings();
            for (int r = 0; r < network.requestCount(); r++) {
                PlacementRequest request = problem.requests().get(r);
                List<Integer> expectedSettings = new ArrayList<>();
                List<Long> expectedCosts = new ArrayList<>();
                if (!request.keepCurrent()) {
                    for (int s = 0; s < settings.size(); s++) {
                        if (model.isFeasible(request, settings.get(s))) {
                            expectedSettings.add(s);
                            expectedCosts.add(model.softCost(request, settings.get(s)));
                        }
                    }
                }
                List<Integer> foundSettings = new ArrayList<>();
                List<Long> foundCosts = new ArrayList<>();
                for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                    foundSettings.add(network.pairSetting(p));
                    foundCosts.add(network.pairSoftCost(p));
                }
                assertThat(foundSettings).as("settings of %s", request.id()).isEqualTo(expectedSettings);
                assertThat(foundCosts).as("costs of %s", request.id()).isEqualTo(expectedCosts);
            }
            pairs += network.pairCount();
        }
        assertThat(pairs).isGreaterThan(50_000);
    }
}
