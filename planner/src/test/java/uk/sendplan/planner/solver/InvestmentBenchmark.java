package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

/**
 * Issue 13's row "where-to-invest for 100 new places over 200 candidate settings in a region within 60 s, with its gap to
 * the exact answer": a generated region (20,000 children, 2,000 settings, default weights), 200 candidates drawn (seeded)
 * from its state-funded settings with at most 10 new places each, N = 100, timed; then medium instances where CP-SAT proves
 * the optimum of an independent model ({@link InvestmentTest#cpSat}) and the gap is measured; at the region OR-Tools'
 * min-cost max-flow is the reference. Not a test: run with
 * {@code ./mvnw -B -Pbenchmark verify -pl db,planner -Dbenchmark=InvestmentBenchmark}. Writes its section of
 * docs/benchmarks.md.
 */
class InvestmentBenchmark {

    private record Size(String label, int las, int requests, int settings, int candidates, int mostEach, int places, boolean oracle) {
    }

    @Test
    void whereToInvestInARegion() throws IOException {
        String machine = BenchmarkReport.machine();
        StringBuilder table = new StringBuilder("""
                | problem | children × settings | candidates × most each | N | placed before → after | annual cost before → after | places used (cells) | time | exact reference | gap |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        List<Size> sizes = List.of(
                new Size("region", 9, 20_000, 2_000, 200, 10, 100, false),
                new Size("region, fewer and larger settings", 9, 20_000, 800, 200, 10, 100, false),
                new Size("medium", 1, 600, 60, 30, 5, 20, true),
                new Size("medium, scarce places", 1, 600, 30, 20, 5, 20, true));
        for (Size size : sizes) {
            PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(size.las(), size.requests(), size.settings(), 1,
                    Weights.DEFAULT));
            Map<String, Integer> candidates = candidates(problem, size.candidates(), size.mostEach());
            long t0 = System.nanoTime();
            Investment.Result result = Investment.solve(problem, candidates, size.places());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(result.certified()).isTrue();
            String exact;
            String gap;
            if (!size.oracle()) {
                // too large for CP-SAT: OR-Tools' own min-cost max-flow on the same network (most routed, then least cost)
                long o0 = System.nanoTime();
                long[] reference = orToolsFlow(problem, candidates, size.places());
                double orSeconds = (System.nanoTime() - o0) / 1e9;
                assertThat(result.placedAfter()).isEqualTo((int) reference[0]);
                exact = String.format(Locale.ROOT, "OR-Tools min-cost max-flow: %,d placed, soft cost £%,d, %.1f s", reference[0], reference[1],
                        orSeconds);
                gap = gap(result.softCostAfter(), reference[1]);
            } else {
                long c0 = System.nanoTime();
                long[] oracle = InvestmentTest.cpSat(problem, candidates, size.places());
                double cpSeconds = (System.nanoTime() - c0) / 1e9;
                assertThat(result.placedAfter()).isEqualTo((int) oracle[0]);
                exact = String.format(Locale.ROOT, "CP-SAT: %,d placed, soft cost £%,d, proven optimal in %.1f s", oracle[0], oracle[1], cpSeconds);
                gap = gap(result.softCostAfter(), oracle[1]);
            }
            if (!size.oracle()) {
                assertThat(seconds).as("where to invest at %s", size.label()).isLessThan(60.0);
            }
            table.append(String.format(Locale.ROOT, "| %s | %,d × %,d | %d × %d | %d | %,d → %,d | £%,d → £%,d | %d (%d) | %.2f s | %s | %s |%n",
                    size.label(), size.requests(), size.settings(), candidates.size(), size.mostEach(), size.places(), result.placedBefore(),
                    result.placedAfter(), result.annualCostBefore(), result.annualCostAfter(), result.placesAdded(),
                    result.extraPlaces().size(), seconds, exact, gap));
        }
        BenchmarkReport.write("investment-benchmark", String.format(Locale.ROOT, """
                ## Where to invest: N new places over candidate cells (issue 13)

                Command: `./mvnw -B -Pbenchmark verify -pl db,planner -Dbenchmark=InvestmentBenchmark`
                Machine: %s

                Generated problems (seed 1, default weights); candidates drawn (seed 1) from the settings that are not independent.
                "Time" is `Investment.solve`: building the suitable pairs, today's optimum (the exact flow) and the flow with the
                "new places" node ([planner.md](planner.md#where-to-invest)). The target is 60 s at the region. At the region the
                exact reference is OR-Tools' min-cost max-flow on the same pairs and new-places node (another solver, no M); on the
                medium instances CP-SAT solves an independent model (a boolean per suitable pair, an integer of new places per
                candidate, their sum at most N; children placed, then soft cost) to proven optimality. The gap is the soft cost
                (annual cost plus penalties) above the reference's; the children placed must be equal.

                %s""", machine, table));
    }

    /**
     * A capital budget (issue 13, item 6): candidates' capital per place £40,000 to £160,000 (by candidate, in steps of
     * £30,000), a budget; the priced answer against CP-SAT's proven optimum of the same model with the budget on the
     * medium instances, and against the answer's own bound at the region.
     */
    @Test
    void whereToInvestWithinACapitalBudget() throws IOException {
        String machine = BenchmarkReport.machine();
        StringBuilder table = new StringBuilder("""
                | problem | children × settings | candidates × most each | budget | placed before → after | annual cost after | capital used | flows | time | bound | exact reference | gap |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """);
        List<Size> sizes = List.of(
                new Size("region", 9, 20_000, 2_000, 200, 10, 1_000, false),
                new Size("medium", 1, 300, 30, 15, 5, 1_000, true),
                new Size("medium, scarce places", 1, 300, 15, 10, 5, 1_000, true),
                new Size("small", 1, 90, 10, 10, 3, 1_000, true));
        long budget = 1_500_000;
        for (Size size : sizes) {
            PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(size.las(), size.requests(), size.settings(), 1,
                    Weights.DEFAULT));
            Map<String, Integer> candidates = candidates(problem, size.candidates(), size.mostEach());
            Map<String, Long> capital = new java.util.LinkedHashMap<>();
            int i = 0;
            for (String id : candidates.keySet()) {
                capital.put(id, 40_000L + 30_000L * (i++ % 5));
            }
            long t0 = System.nanoTime();
            CapitalBudget.Result result = CapitalBudget.solve(problem, candidates, capital, size.places(), budget);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Investment.Result r = result.investment();
            assertThat(result.capitalUsed()).isLessThanOrEqualTo(budget);
            String bound = result.provenOptimal() ? "proven optimal"
                    : result.softCostLowerBound() >= 0 ? String.format(Locale.ROOT, "%,d placed at most; soft cost at least £%,d", result.placedUpperBound(),
                    result.softCostLowerBound()) : String.format(Locale.ROOT, "%,d placed at most", result.placedUpperBound());
            String exact = "";
            String gap = "";
            if (size.oracle()) {
                long c0 = System.nanoTime();
                long[] oracle = InvestmentTest.cpSat(problem, candidates, size.places(), capital, budget);
                double cpSeconds = (System.nanoTime() - c0) / 1e9;
                assertThat(r.placedAfter()).isLessThanOrEqualTo((int) oracle[0]);
                assertThat(result.placedUpperBound()).isGreaterThanOrEqualTo((int) oracle[0]);
                exact = String.format(Locale.ROOT, "CP-SAT: %,d placed, soft cost £%,d, proven optimal in %.1f s", oracle[0], oracle[1], cpSeconds);
                gap = r.placedAfter() < oracle[0] ? (oracle[0] - r.placedAfter()) + " fewer placed"
                        : String.format(Locale.ROOT, "£%,d (%.4f%%)", r.softCostAfter() - oracle[1], 100.0 * (r.softCostAfter() - oracle[1]) / oracle[1]);
            }
            table.append(String.format(Locale.ROOT, "| %s | %,d × %,d | %d × %d | £%,d | %,d → %,d | £%,d | £%,d | %d | %.2f s | %s | %s | %s |%n",
                    size.label(), size.requests(), size.settings(), candidates.size(), size.mostEach(), budget, r.placedBefore(), r.placedAfter(),
                    r.annualCostAfter(), result.capitalUsed(), result.flowsSolved(), seconds, bound, exact, gap));
        }
        BenchmarkReport.write("investment-budget-benchmark", String.format(Locale.ROOT, """
                ## Where to invest within a capital budget (issue 13)

                Command: `./mvnw -B -Pbenchmark verify -pl db,planner -Dbenchmark=InvestmentBenchmark`
                Machine: %s

                The same generated problems and candidates as above; each candidate's capital per new place is £40,000 to
                £160,000 (by candidate, in steps of £30,000), the budget £1,500,000, at most 1,000 places. "Time" is
                `CapitalBudget.solve`: the priced flows (each a whole where-to-invest flow), the fill and the answer's own
                evaluation ([planner.md](planner.md#where-to-invest-with-a-capital-budget)). "Bound" is what the pricing proves
                about every plan within the budget. On the small and medium instances CP-SAT solves the model of the table
                above with the budget as one more constraint, to proven optimality; the gap is the answer's soft cost above
                CP-SAT's, or how many fewer children it places.

                %s""", machine, table));
    }

    /** Pounds and percent above the reference; the answer is exact, so anything but 0 fails the run. */
    private static String gap(long softCost, long reference) {
        assertThat(softCost).as("soft cost against the exact reference").isEqualTo(reference);
        return String.format(Locale.ROOT, "£%,d (%.4f%%)", softCost - reference, 100.0 * (softCost - reference) / reference);
    }

    /**
     * OR-Tools' min-cost max-flow on the suitable pairs (PlacementNetwork's, which CostModelTest checks pair by pair against
     * the cost model) with the new-places node: no M, the maximum flow is the most placed. Returns {placed, soft cost},
     * pinned children included.
     */
    private static long[] orToolsFlow(PlacementProblem problem, Map<String, Integer> candidates, int places) {
        Loader.loadNativeLibraries();
        PlacementNetwork network = new PlacementNetwork(problem);
        int n = network.requestCount();
        int m = network.settingCount();
        int source = n + m;
        int fresh = n + m + 1;
        int sink = n + m + 2;
        int[] room = new int[m];
        int pinned = 0;
        for (int s = 0; s < m; s++) {
            room[s] = problem.settings().get(s).capacity();
        }
        for (int r = 0; r < n; r++) {
            if (network.isPinned(r)) {
                room[network.pinnedSetting(r)]--;
                pinned++;
            }
        }
        MinCostFlow flow = new MinCostFlow();
        for (int r = 0; r < n; r++) {
            if (!network.isPinned(r)) {
                flow.addArcWithCapacityAndUnitCost(source, r, 1, 0);
                for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                    flow.addArcWithCapacityAndUnitCost(r, n + network.pairSetting(p), 1, network.pairSoftCost(p));
                }
            }
        }
        for (int s = 0; s < m; s++) {
            flow.addArcWithCapacityAndUnitCost(n + s, sink, Math.max(0, room[s]), 0);
            int most = room[s] < 0 ? 0 : candidates.getOrDefault(problem.settings().get(s).id(), 0);
            if (most > 0) {
                flow.addArcWithCapacityAndUnitCost(n + s, fresh, most, 0);
            }
        }
        flow.addArcWithCapacityAndUnitCost(fresh, sink, places, 0);
        flow.setNodeSupply(source, n - pinned);
        flow.setNodeSupply(sink, -(n - pinned));
        assertThat(flow.solveMaxFlowWithMinCost()).isEqualTo(MinCostFlowBase.Status.OPTIMAL);
        long placed = 0;
        for (int a = 0; a < flow.getNumArcs(); a++) {
            if (flow.getTail(a) == source) {
                placed += flow.getFlow(a);
            }
        }
        return new long[] {pinned + placed, flow.getOptimalCost() + network.pinnedSoftCost()};
    }

    /** {@code count} settings that are not independent, drawn with a fixed seed, each with at most {@code most} new places. */
    private static Map<String, Integer> candidates(PlacementProblem problem, int count, int most) {
        List<Setting> state = new ArrayList<>(problem.settings().stream().filter(s -> !s.type().isIndependent() && !s.reserved()).toList());
        Collections.shuffle(state, new Random(1));
        Map<String, Integer> candidates = new LinkedHashMap<>();
        state.stream().limit(count).forEach(s -> candidates.put(s.id(), most));
        return candidates;
    }
}
