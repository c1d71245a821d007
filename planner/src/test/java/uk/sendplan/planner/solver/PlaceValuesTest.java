package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

/**
 * The value of one more place in each setting, against the definition: re-solve the exact flow with that setting's
 * capacity one higher and compare the optimum, child for child and pound for pound.
 */
class PlaceValuesTest {

    private static final SolveOptions QUICK = new SolveOptions(Duration.ofSeconds(20), Duration.ofSeconds(1), 0, 1L);

    /**
     * Every setting of small generated problems, in 12 settings and in 6, with and without policy weights (pinned children
     * included, so settings filled by them count): the value equals the change in the re-solved optimum exactly, and a
     * setting left out of the values changes nothing. Both kinds of value occur, so neither half is vacuous.
     */
    @Test
    void everySettingsValueIsTheReSolvedOptimumWithOneMorePlace() {
        int placing = 0;
        int saving = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Weights weights = seed % 2 == 0 ? Weights.NONE : Weights.DEFAULT;
            int settings = seed <= 4 ? 12 : 6;  // the same places in 6 settings: fewer, larger cells
            PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(1, 120, settings, seed, weights));
            PlacementNetwork network = new PlacementNetwork(problem);
            ExactPlacementFlow flow = ExactPlacementFlow.solve(network);
            Map<String, PlaceValue> values = new HashMap<>();
            CapacityValues.of(network, flow).forEach(v -> values.put(v.settingId(), v));

            for (int s = 0; s < problem.settings().size(); s++) {
                Setting setting = problem.settings().get(s);
                ExactPlacementFlow more = ExactPlacementFlow.solve(new PlacementNetwork(withOneMorePlace(problem, s)));
                PlaceValue value = values.getOrDefault(setting.id(), new PlaceValue(setting.id(), 0, 0, 0, 0));
                assertThat(flow.unplacedCount() - more.unplacedCount()).as("seed %d, %s: children placed", seed, setting.id())
                        .isEqualTo(value.childrenPlaced());
                assertThat(flow.softCost() - more.softCost()).as("seed %d, %s: pounds saved", seed, setting.id())
                        .isEqualTo(value.scoreSaving());
                placing += value.childrenPlaced();
                saving += value.childrenPlaced() == 0 && value.scoreSaving() > 0 ? 1 : 0;
            }
            assertThat(values.values()).allSatisfy(v -> assertThat(v.childrenPlaced() == 1 || v.scoreSaving() > 0).isTrue());
        }
        assertThat(placing).as("places that place a child").isPositive();
        assertThat(saving).as("places that only save money").isPositive();
    }

    /**
     * Worked by hand. Child c1 (ASD, 10) is near A (£10,000, 1 place) and B (£20,000, 1 place); c2 can only go to A;
     * c3 can only go to C (full, 0 places). The optimum puts c2 in A, c1 in B, and leaves c3 out.
     * One more place at A: c1 moves from B to A, saving £10,000 a year (one child moved, B left with a free place).
     * One more place at C: c3 gets it at £30,000, a child placed. B has a place to spare already: worth nothing.
     */
    @Test
    void aSmallCaseWorkedByHand() {
        Setting a = setting("A", 0, 1, 10_000, Set.of(Need.ASD, Need.SLCN));
        Setting b = setting("B", 0, 1, 20_000, Set.of(Need.ASD));
        Setting c = setting("C", 0, 0, 30_000, Set.of(Need.SEMH));
        List<PlacementRequest> requests = List.of(child("c1", Need.ASD), child("c2", Need.SLCN), child("c3", Need.SEMH));
        PlacementProblem problem = new PlacementProblem("hand", Parameters.DEFAULTS.withWeights(Weights.NONE),
                List.of(a, b, c), requests);
        PlacementNetwork network = new PlacementNetwork(problem);

        List<PlaceValue> values = CapacityValues.of(network, ExactPlacementFlow.solve(network));

        // everyone lives at the settings' door, so transport is the same everywhere and fees make the difference
        long c3AtC = network.costModel().annualCost(requests.get(2), c);
        assertThat(c3AtC).isGreaterThanOrEqualTo(30_000);
        assertThat(values).containsExactly(new PlaceValue("C", 1, -c3AtC, -c3AtC, 0), new PlaceValue("A", 0, 10_000, 10_000, 1));
    }

    /** The planner's plan carries the values when it is the flow's optimum, and none when an independent limit couples children. */
    @Test
    void thePlanCarriesTheValuesOnlyWhenItIsTheFlowOptimum() {
        PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(1, 120, 6, 5, Weights.DEFAULT));
        PlacementNetwork network = new PlacementNetwork(problem);

        Plan plan = new PlacementPlanner().solve(problem, QUICK);
        Plan limited = new PlacementPlanner().solve(StrategicLimitsTest.halveIndependentPlaces(problem), QUICK);

        assertThat(plan.placeValues()).isNotEmpty().isEqualTo(CapacityValues.of(network, ExactPlacementFlow.solve(network)));
        assertThat(plan.placeValues()).isSortedAccordingTo(PlaceValue.BEST_FIRST);
        assertThat(limited.placeValues()).isNull();
    }

    static PlacementProblem withOneMorePlace(PlacementProblem problem, int index) {
        List<Setting> settings = new ArrayList<>(problem.settings());
        Setting s = settings.get(index);
        settings.set(index, new Setting(s.id(), s.name(), s.type(), s.laCode(), s.easting(), s.northing(), s.ageFrom(), s.ageTo(),
                s.needs(), s.capacity() + 1, s.annualFees(), s.gender(), s.boarding(), s.annualBoardingFees(), s.reservedFor()));
        return new PlacementProblem(problem.name(), problem.parameters(), settings, problem.requests());
    }

    private static Setting setting(String id, double easting, int capacity, long fee, Set<Need> needs) {
        return new Setting(id, id, SettingType.STATE_SPECIAL, "E09000007", 530_000 + easting, 180_000, 4, 19, needs, capacity,
                Map.of(1, fee, 2, fee, 3, fee, 4, fee, 5, fee), SettingGender.MIXED, false);
    }

    private static PlacementRequest child(String id, Need need) {
        return new PlacementRequest(id, "E09000007", need, 3, 10, 530_000, 180_000, Gender.MALE, false, null, false, List.of());
    }
}
