package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.CostModel;
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
 * Where to invest N new places, against an exact model built without the flow: CP-SAT with an integer number of new
 * places per candidate and their sum at most N, solved lexicographically (children placed, then soft cost).
 */
class InvestmentTest {

    /**
     * Small generated problems (pinned children included), with and without policy weights, every setting a candidate
     * with at most 3 new places, N = 6: the same children placed and the same soft cost as CP-SAT's proven optimum, and
     * the chosen places, put into the problem, give that optimum again. Investing places children in some problems, so
     * the comparison is not vacuous.
     */
    @Test
    void equalsTheExactModelOnGeneratedProblems() {
        int gained = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Weights weights = seed % 2 == 0 ? Weights.NONE : Weights.DEFAULT;
            PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(1, 90, seed <= 3 ? 10 : 6, seed, weights));
            Map<String, Integer> candidates = new LinkedHashMap<>();
            problem.settings().stream().filter(s -> !s.reserved()).forEach(s -> candidates.put(s.id(), 3));

            Investment.Result result = Investment.solve(problem, candidates, 6);
            long[] oracle = cpSat(problem, candidates, 6);

            assertThat(result.placedAfter()).as("seed %d: children placed", seed).isEqualTo((int) oracle[0]);
            assertThat(result.softCostAfter()).as("seed %d: soft cost", seed).isEqualTo(oracle[1]);
            assertThat(result.placesAdded()).isLessThanOrEqualTo(6);
            assertThat(result.extraPlaces()).allSatisfy(e -> assertThat(e.places()).isBetween(1, 3));
            assertThat(result.certified()).isTrue();
            ExactOptimum.Result rebuilt = ExactOptimum.solve(withPlaces(problem, result.extraPlaces()));
            assertThat(rebuilt.placedCount()).isEqualTo(result.placedAfter());
            assertThat(rebuilt.softCost()).isEqualTo(result.softCostAfter());
            assertThat(rebuilt.totalAnnualCost()).isEqualTo(result.annualCostAfter());
            gained += result.placedAfter() - result.placedBefore();
        }
        assertThat(gained).as("children placed by investing, over all problems").isPositive();
    }

    /** No new places: the plan's own optimum, nothing added. */
    @Test
    void noPlacesChangeNothing() {
        PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(1, 90, 8, 3, Weights.DEFAULT));
        Map<String, Integer> candidates = new HashMap<>();
        problem.settings().forEach(s -> candidates.put(s.id(), 5));

        Investment.Result result = Investment.solve(problem, candidates, 0);
        ExactOptimum.Result today = ExactOptimum.solve(problem);

        assertThat(result.extraPlaces()).isEmpty();
        assertThat(result.placedAfter()).isEqualTo(result.placedBefore()).isEqualTo(today.placedCount());
        assertThat(result.softCostAfter()).isEqualTo(result.softCostBefore()).isEqualTo(today.softCost());
        assertThat(result.annualCostBefore()).isEqualTo(today.totalAnnualCost());
    }

    /**
     * Worked by hand, no weights, everyone at the settings' door so fees decide. A (£10,000, 1 place) and B (£20,000,
     * 1 place) take ASD; c1, c2 and c3 are ASD, c4 SEMH with only C (£30,000, 0 places). Today: c1 in A, c2 in B, c3 and c4
     * out. Two new places, candidates A (up to 2), B (up to 2) and C (up to 1): placing c3 and c4 wins over saving; c3 is
     * cheapest in A (£10,000 against £20,000), c4 can only go to C. So one place at A, one at C; 4 placed; the annual cost
     * rises by £10,000 + £30,000 (fees; transport equal everywhere and counted on both sides).
     */
    @Test
    void aSmallCaseWorkedByHand() {
        Setting a = setting("A", 1, 10_000, Set.of(Need.ASD));
        Setting b = setting("B", 1, 20_000, Set.of(Need.ASD));
        Setting c = setting("C", 0, 30_000, Set.of(Need.SEMH));
        List<PlacementRequest> requests = List.of(child("c1", Need.ASD), child("c2", Need.ASD), child("c3", Need.ASD),
                child("c4", Need.SEMH));
        PlacementProblem problem = new PlacementProblem("hand", Parameters.DEFAULTS.withWeights(Weights.NONE),
                List.of(a, b, c), requests);
        long transport = new CostModel(problem.parameters()).annualCost(requests.get(0), a) - 10_000;

        Investment.Result result = Investment.solve(problem, Map.of("A", 2, "B", 2, "C", 1), 2);

        assertThat(result.extraPlaces()).containsExactly(new Investment.ExtraPlaces("A", 1), new Investment.ExtraPlaces("C", 1));
        assertThat(result.placedBefore()).isEqualTo(2);
        assertThat(result.placedAfter()).isEqualTo(4);
        assertThat(result.annualCostBefore()).isEqualTo(30_000 + 2 * transport);
        assertThat(result.annualCostAfter()).isEqualTo(70_000 + 4 * transport);

        // with one place only, the child placed is either; the cheaper is c3 in A
        Investment.Result one = Investment.solve(problem, Map.of("A", 2, "B", 2, "C", 1), 1);
        assertThat(one.extraPlaces()).containsExactly(new Investment.ExtraPlaces("A", 1));
        assertThat(one.placedAfter()).isEqualTo(3);
    }

    /** Coupled rules (an independent limit, weighed siblings) are no flow: refused with the reason. A contract cell is no candidate. */
    @Test
    void refusesWhatIsNotAFlowAndContractCells() {
        PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(1, 90, 8, 3, Weights.DEFAULT));
        Map<String, Integer> candidates = Map.of(problem.settings().get(0).id(), 2);

        assertThatThrownBy(() -> Investment.solve(StrategicLimitsTest.halveIndependentPlaces(problem), candidates, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-child rules")
                .hasMessageContaining("limits independent placements");
        assertThatThrownBy(() -> Investment.solve(ProblemGenerator.withSiblings(problem, 0.5, 1), candidates, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weighs siblings");
        Setting first = problem.settings().get(0);
        List<Setting> settings = new ArrayList<>(problem.settings());
        settings.set(0, new Setting(first.id(), first.name(), first.type(), first.laCode(), first.easting(), first.northing(),
                first.ageFrom(), first.ageTo(), first.needs(), first.capacity(), first.annualFees(), first.gender(),
                first.boarding(), first.annualBoardingFees(), Set.of(first.laCode())));
        PlacementProblem contracted = new PlacementProblem(problem.name(), problem.parameters(), settings, problem.requests());
        assertThatThrownBy(() -> Investment.solve(contracted, candidates, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block contract");
        assertThatThrownBy(() -> Investment.solve(problem, Map.of("nowhere", 1), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such setting");
        assertThatThrownBy(() -> Investment.solve(problem, candidates, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or more");
    }

    /**
     * The exact model: a boolean per suitable pair, an integer of new places per candidate (0 to its most), a setting's
     * children within its places left plus its new ones, the new ones within N. Most placed first, then least soft cost.
     * Returns {placed, soft cost}, pinned children included.
     */
    static long[] cpSat(PlacementProblem problem, Map<String, Integer> candidates, int places) {
        return cpSat(problem, candidates, places, Map.of(), Long.MAX_VALUE);
    }

    /** As {@link #cpSat(PlacementProblem, Map, int)}, with the new places' capital within a budget as well. */
    static long[] cpSat(PlacementProblem problem, Map<String, Integer> candidates, int places, Map<String, Long> capital, long budget) {
        Loader.loadNativeLibraries();
        CostModel costModel = new CostModel(problem.parameters());
        List<Setting> settings = problem.settings();
        List<PlacementRequest> requests = problem.requests();
        Map<String, Integer> index = new HashMap<>();
        for (int s = 0; s < settings.size(); s++) {
            index.put(settings.get(s).id(), s);
        }
        int[] room = settings.stream().mapToInt(Setting::capacity).toArray();
        long pinnedSoft = 0;
        int pinned = 0;
        for (PlacementRequest r : requests) {
            if (r.keepCurrent()) {
                int s = index.get(r.currentSettingId());
                room[s]--;
                pinned++;
                pinnedSoft += costModel.softCost(r, settings.get(s));
            }
        }
        CpModel model = new CpModel();
        LinearExprBuilder objective = LinearExpr.newBuilder();
        List<List<BoolVar>> bySetting = new ArrayList<>();
        settings.forEach(s -> bySetting.add(new ArrayList<>()));
        List<BoolVar> unplaced = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            PlacementRequest request = requests.get(r);
            if (request.keepCurrent()) {
                continue;
            }
            List<BoolVar> choices = new ArrayList<>();
            for (int s = 0; s < settings.size(); s++) {
                if (costModel.isFeasible(request, settings.get(s))) {
                    BoolVar x = model.newBoolVar("x" + r + "_" + s);
                    choices.add(x);
                    bySetting.get(s).add(x);
                    objective.addTerm(x, costModel.softCost(request, settings.get(s)));
                }
            }
            BoolVar none = model.newBoolVar("u" + r);
            choices.add(none);
            unplaced.add(none);
            model.addExactlyOne(choices.toArray(new Literal[0]));
        }
        List<IntVar> added = new ArrayList<>();
        for (int s = 0; s < settings.size(); s++) {
            int most = room[s] < 0 ? 0 : candidates.getOrDefault(settings.get(s).id(), 0);
            IntVar extra = model.newIntVar(0, most, "k" + s);
            added.add(extra);
            LinearExprBuilder used = LinearExpr.newBuilder();
            bySetting.get(s).forEach(used::add);
            used.addTerm(extra, -1);
            model.addLessOrEqual(used.build(), Math.max(0, room[s]));
        }
        model.addLessOrEqual(LinearExpr.sum(added.toArray(new LinearArgument[0])), places);
        if (budget != Long.MAX_VALUE) {
            LinearExprBuilder spent = LinearExpr.newBuilder();
            for (int s = 0; s < settings.size(); s++) {
                spent.addTerm(added.get(s), capital.getOrDefault(settings.get(s).id(), 0L));
            }
            model.addLessOrEqual(spent.build(), budget);
        }
        LinearArgument unplacedSum = LinearExpr.sum(unplaced.toArray(new LinearArgument[0]));
        model.minimize(unplacedSum);
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(60).setNumWorkers(2);
        assertThat(solver.solve(model)).isEqualTo(CpSolverStatus.OPTIMAL);
        long unplacedCount = Math.round(solver.objectiveValue());
        model.addEquality(unplacedSum, unplacedCount);
        model.minimize(objective.build());
        assertThat(solver.solve(model)).isEqualTo(CpSolverStatus.OPTIMAL);
        return new long[] {pinned + unplaced.size() - unplacedCount, Math.round(solver.objectiveValue()) + pinnedSoft};
    }

    static PlacementProblem withPlaces(PlacementProblem problem, List<Investment.ExtraPlaces> extra) {
        Map<String, Integer> more = new HashMap<>();
        extra.forEach(e -> more.put(e.settingId(), e.places()));
        List<Setting> settings = problem.settings().stream()
                .map(s -> s.withCapacity(s.capacity() + more.getOrDefault(s.id(), 0))).toList();
        return new PlacementProblem(problem.name(), problem.parameters(), settings, problem.requests());
    }

    static Setting setting(String id, int capacity, long fee, Set<Need> needs) {
        return new Setting(id, id, SettingType.STATE_SPECIAL, "E09000007", 530_000, 180_000, 4, 19, needs, capacity,
                Map.of(1, fee, 2, fee, 3, fee, 4, fee, 5, fee), SettingGender.MIXED, false);
    }

    static PlacementRequest child(String id, Need need) {
        return new PlacementRequest(id, "E09000007", need, 3, 10, 530_000, 180_000, Gender.MALE, false, null, false, List.of());
    }
}
