package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

/**
 * Issue 13's row "dual prices for a regional plan of 20,000 children under 2 s after the plan": the value of one more
 * place in every setting, timed after the exact flow, at an LA and a region, with a setting per ten children and with
 * fewer, larger settings (one per 25 children, the same places in all). The first run includes the JIT's warm-up; the best of three is
 * the steady figure. At the LA sizes the ten best values are checked against re-solving with that setting's capacity + 1.
 * Not a test: run with {@code ./mvnw -B -Pbenchmark verify -pl db,planner -Dbenchmark=PlaceValuesBenchmark}. Writes its
 * section of docs/benchmarks.md.
 */
class PlaceValuesBenchmark {

    private record Size(String label, int las, int requests, int settings) {
    }

    @Test
    void placeValuesAfterThePlan() throws IOException {
        String machine = BenchmarkReport.machine();
        StringBuilder table = new StringBuilder("""
                | problem | children × settings | suitable pairs | unplaced | flow (the plan) | settings with a value: place a child / save £ | values: first run | values: best of 3 | checked by re-solving |
                |---|---|---|---|---|---|---|---|---|
                """);
        List<Size> sizes = List.of(new Size("LA", 1, 2_000, 200), new Size("LA, fewer and larger settings", 1, 2_000, 80),
                new Size("region", 9, 20_000, 2_000), new Size("region, fewer and larger settings", 9, 20_000, 800));
        for (Size size : sizes) {
            PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(size.las(), size.requests(), size.settings(), 1,
                    Weights.DEFAULT));
            PlacementNetwork network = new PlacementNetwork(problem);
            long t0 = System.nanoTime();
            ExactPlacementFlow flow = ExactPlacementFlow.solve(network);
            double flowSeconds = (System.nanoTime() - t0) / 1e9;
            double first = 0;
            double best = Double.MAX_VALUE;
            List<PlaceValue> values = null;
            for (int run = 0; run < 3; run++) {
                long v0 = System.nanoTime();
                values = CapacityValues.of(network, flow);
                double seconds = (System.nanoTime() - v0) / 1e9;
                first = run == 0 ? seconds : first;
                best = Math.min(best, seconds);
            }
            assertThat(best).as("values for %s", size.label()).isLessThan(2.0);
            long placing = values.stream().filter(v -> v.childrenPlaced() == 1).count();
            String checked = "—";
            if (size.requests() <= 2_000) {
                int count = Math.min(10, values.size());
                for (PlaceValue value : values.subList(0, count)) {
                    int s = problem.settings().stream().map(x -> x.id()).toList().indexOf(value.settingId());
                    ExactPlacementFlow more = ExactPlacementFlow.solve(new PlacementNetwork(PlaceValuesTest.withOneMorePlace(problem, s)));
                    assertThat(flow.unplacedCount() - more.unplacedCount()).isEqualTo(value.childrenPlaced());
                    assertThat(flow.softCost() - more.softCost()).isEqualTo(value.scoreSaving());
                }
                checked = "the best " + count + ": all equal";
            }
            table.append(String.format(Locale.ROOT, "| %s | %,d × %,d | %,d | %,d | %.2f s | %,d / %,d | %.3f s | %.3f s | %s |%n",
                    size.label(), size.requests(), size.settings(), network.pairCount(), flow.unplacedCount(), flowSeconds, placing,
                    values.size() - placing, first, best, checked));
        }
        BenchmarkReport.write("place-values-benchmark", String.format(Locale.ROOT, """
                ## Where a new place saves most: the value of one more place (issue 13)

                Command: `./mvnw -B -Pbenchmark verify -pl db,planner -Dbenchmark=PlaceValuesBenchmark`
                Machine: %s

                Generated problems (seed 1, default weights). "Flow" is the exact construction that is the plan when every rule
                is per child; the values are then one Dijkstra from the sink over the flow's residual network (reduced costs from
                the optimal potentials) and a pass over every suitable pair, replaying each setting's chain of moves
                (`CapacityValues`; [planner.md](planner.md#where-a-new-place-saves-most)). The target is under 2 s at the region.
                At LA scale the ten best values are also checked against re-solving the flow with that setting's capacity + 1.

                %s""", machine, table));
    }
}
