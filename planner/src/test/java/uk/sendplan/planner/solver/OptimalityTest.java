package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

/**
 * The planner's plans against independent exact oracles, built straight from the cost model
 * (not from the planner's network): a textbook successive-shortest-path min-cost max-flow on
 * small instances and OR-Tools' max-flow-with-min-cost on a 2,000-child one. Neither uses an
 * "unplaced" cost M, so they also check that M gives the lexicographic optimum.
 */
class OptimalityTest {

    private static final SolveOptions QUICK = new SolveOptions(Duration.ofSeconds(20), Duration.ofSeconds(1), 0, 1L);

    /** Most children placed and the least soft cost among such plans. */
    private record Optimum(int placed, long softCost) {
    }

    @Test
    void smallInstancesMatchTheSuccessiveShortestPathOracle() {
        for (long seed = 1; seed <= 6; seed++) {
            Weights weights = seed % 2 == 0 ? Weights.NONE : Weights.DEFAULT;
            PlacementProblem problem = ProblemGenerator.generate(
                    new GeneratorOptions(1, 120, 12, seed, weights));
            Optimum optimum = sspOptimum(problem);

            Plan plan = new PlacementPlanner().solve(problem, QUICK);

            HardMediumSoftLongScore score = HardMediumSoftLongScore.parseScore(plan.score());
            assertThat(score.hardScore()).as("seed %d", seed).isZero();
            assertThat(plan.placedCount()).as("seed %d", seed).isEqualTo(optimum.placed());
            assertThat(-score.softScore()).as("seed %d", seed).isEqualTo(optimum.softCost());
            assertThat(ExactOptimum.solve(problem).softCost()).isEqualTo(optimum.softCost());
        }
    }

    /**
     * Places are scarce (one setting per 25 children across nine LAs): the greedy start leaves many children
     * out, pricing runs several rounds, each adding only a child's most violated pairs, and the optimum must
     * still be OR-Tools' on all pairs, every child and every pound.
     */
    @Test
    void aCongestedRegionMatchesOrToolsOverManyPricingRounds() {
        for (long seed = 21; seed <= 22; seed++) {
            PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(9, 5_000, 200, seed, Weights.DEFAULT));
            Optimum optimum = orToolsOptimum(problem);

            ExactOptimum.Result exact = ExactOptimum.solve(problem);

            assertThat(exact.certified()).isTrue();
            assertThat(exact.unplacedCount()).as("seed %d", seed).isPositive();
            assertThat(exact.placedCount()).as("seed %d", seed).isEqualTo(optimum.placed());
            assertThat(exact.softCost()).as("seed %d", seed).isEqualTo(optimum.softCost());
        }
    }

    @Test
    void aTwoThousandChildInstanceMatchesOrTools() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(1, 2_000, 11)
                .withWeights(Weights.NONE));
        Optimum optimum = orToolsOptimum(problem);

        Plan plan = new PlacementPlanner().solve(problem, QUICK);

        assertThat(plan.placedCount()).isEqualTo(optimum.placed());
        assertThat(plan.totalAnnualCost()).isEqualTo(optimum.softCost());
        assertThat(ExactOptimum.solve(problem).certified()).isTrue();
    }

    @Test
    void withPolicyWeightsThePlanIsAtLeastAsGoodAsTheBaselineOnEveryGeneratedInstance() {
        for (long seed = 1; seed <= 5; seed++) {
            PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of((int) seed % 3 + 1, 600, seed));

            Plan plan = new PlacementPlanner().solve(problem, QUICK);

            HardMediumSoftLongScore planScore = HardMediumSoftLongScore.parseScore(plan.score());
            HardMediumSoftLongScore baselineScore = HardMediumSoftLongScore.parseScore(plan.baseline().score());
            assertThat(planScore).as("seed %d", seed).isGreaterThanOrEqualTo(baselineScore);
            assertThat(plan.unplacedCount()).isLessThanOrEqualTo(plan.baseline().unplacedCount());
        }
    }

    // ---- the oracles, from the problem and the cost model only ----

    /** Free requests 0..n-1, settings n..n+m-1, then a source and a sink. */
    private static Optimum sspOptimum(PlacementProblem problem) {
        Network network = Network.of(problem);
        int n = network.requests.size();
        int m = problem.settings().size();
        SuccessiveShortestPathOracle oracle = new SuccessiveShortestPathOracle(n + m + 2);
        int source = n + m;
        int sink = n + m + 1;
        for (int i = 0; i < n; i++) {
            oracle.addArc(source, i, 1, 0);
            for (int s = 0; s < m; s++) {
                long cost = network.cost(i, s);
                if (cost >= 0) {
                    oracle.addArc(i, n + s, 1, cost);
                }
            }
        }
        for (int s = 0; s < m; s++) {
            oracle.addArc(n + s, sink, network.room[s], 0);
        }
        // successive shortest paths route as much as they can, each path the cheapest: min-cost max-flow
        oracle.setSupply(source, n);
        oracle.setSupply(sink, -n);
        int[] routed = new int[1];
        long cost = oracle.solve(routed);
        return new Optimum(network.pinnedCount + routed[0], cost + network.pinnedSoftCost);
    }

    private static Optimum orToolsOptimum(PlacementProblem problem) {
        Loader.loadNativeLibraries();
        Network network = Network.of(problem);
        int n = network.requests.size();
        int m = problem.settings().size();
        MinCostFlow flow = new MinCostFlow();
        int source = n + m;
        int sink = n + m + 1;
        for (int i = 0; i < n; i++) {
            flow.addArcWithCapacityAndUnitCost(source, i, 1, 0);
            for (int s = 0; s < m; s++) {
                long cost = network.cost(i, s);
                if (cost >= 0) {
                    flow.addArcWithCapacityAndUnitCost(i, n + s, 1, cost);
                }
            }
        }
        for (int s = 0; s < m; s++) {
            flow.addArcWithCapacityAndUnitCost(n + s, sink, network.room[s], 0);
        }
        flow.setNodeSupply(source, n);
        flow.setNodeSupply(sink, -n);
        assertThat(flow.solveMaxFlowWithMinCost()).isEqualTo(MinCostFlowBase.Status.OPTIMAL);
        long placed = 0;
        for (int a = 0; a < flow.getNumArcs(); a++) {
            if (flow.getTail(a) == source) {
                placed += flow.getFlow(a);
            }
        }
        return new Optimum(network.pinnedCount + (int) placed, flow.getOptimalCost() + network.pinnedSoftCost);
    }

    /** Free requests, places left after pinned children, and pair costs straight from the cost model. */
    private static final class Network {
        final List<PlacementRequest> requests;
        final int[] room;
        final int pinnedCount;
        final long pinnedSoftCost;
        final CostModel costModel;
        final List<Setting> settings;

        private Network(List<PlacementRequest> requests, int[] room, int pinnedCount, long pinnedSoftCost,
                        CostModel costModel, List<Setting> settings) {
            this.requests = requests;
            this.room = room;
            this.pinnedCount = pinnedCount;
            this.pinnedSoftCost = pinnedSoftCost;
            this.costModel = costModel;
            this.settings = settings;
        }

        static Network of(PlacementProblem problem) {
            CostModel costModel = new CostModel(problem.parameters());
            Map<String, Integer> index = new HashMap<>();
            for (int s = 0; s < problem.settings().size(); s++) {
                index.put(problem.settings().get(s).id(), s);
            }
            int[] room = problem.settings().stream().mapToInt(Setting::capacity).toArray();
            int pinned = 0;
            long pinnedSoft = 0;
            for (PlacementRequest r : problem.requests()) {
                if (r.keepCurrent()) {
                    Setting kept = problem.settings().get(index.get(r.currentSettingId()));
                    room[index.get(r.currentSettingId())]--;
                    pinned++;
                    pinnedSoft += costModel.softCost(r, kept);
                }
            }
            for (int s = 0; s < room.length; s++) {
                room[s] = Math.max(0, room[s]);
            }
            List<PlacementRequest> free = problem.requests().stream().filter(r -> !r.keepCurrent()).toList();
            return new Network(free, room, pinned, pinnedSoft, costModel, problem.settings());
        }

        /** Soft cost of the pair, or -1 when a hard rule forbids it. */
        long cost(int request, int setting) {
            PlacementRequest r = requests.get(request);
            Setting s = settings.get(setting);
            return costModel.isFeasible(r, s) ? costModel.softCost(r, s) : -1;
        }
    }
}
