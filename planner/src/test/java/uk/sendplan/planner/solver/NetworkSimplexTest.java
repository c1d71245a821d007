package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NetworkSimplexTest {

    @Test
    void solvesATextbookTransportationProblem() {
        // two suppliers (3 and 2 units), two consumers (4 and 1 units)
        NetworkSimplex simplex = new NetworkSimplex(4, 4);
        int a0 = simplex.addArc(0, 2, 10, 4);
        int a1 = simplex.addArc(0, 3, 10, 6);
        int a2 = simplex.addArc(1, 2, 10, 5);
        int a3 = simplex.addArc(1, 3, 10, 3);
        simplex.setSupply(0, 3);
        simplex.setSupply(1, 2);
        simplex.setSupply(2, -4);
        simplex.setSupply(3, -1);

        assertThat(simplex.solve()).isTrue();

        assertThat(new int[] {simplex.flow(a0), simplex.flow(a1), simplex.flow(a2), simplex.flow(a3)})
                .containsExactly(3, 0, 1, 1);
        assertThat(simplex.totalCost()).isEqualTo(3 * 4 + 5 + 3);
        assertThat(simplex.isCertifiedOptimal()).isTrue();
    }

    /**
     * Two children, two one-place settings, a sink; started from the dearer of the two assignments (a greedy
     * one) with a strongly feasible tree, it swaps them and certifies the optimum.
     */
    @Test
    void solvesFromAGivenFeasibleFlowAndTree() {
        NetworkSimplex simplex = transportation();
        int[] flow = {0, 1, 1, 0, 0, 0, 1, 1};
        // sink on the root; each setting below the child placed in it; each child on the sink by its empty unplaced arc
        int[] tree = {4, 5, 2, 1, -1};

        assertThat(simplex.solveFrom(flow, tree)).isTrue();

        assertThat(simplex.totalCost()).isEqualTo(5 + 6);
        assertThat(simplex.flow(0)).isEqualTo(1);
        assertThat(simplex.flow(3)).isEqualTo(1);
        assertThat(simplex.isCertifiedOptimal()).isTrue();
    }

    @Test
    void refusesAStartThatIsNotAFeasibleFlowOnAStronglyFeasibleTree() {
        // a child's supply not sent
        assertThatThrownBy(() -> transportation().solveFrom(new int[] {0, 0, 1, 0, 0, 0, 1, 0}, new int[] {4, 5, 2, 1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supply");
        // a child hung by its full pair arc cannot send flow up it
        assertThatThrownBy(() -> transportation().solveFrom(new int[] {0, 1, 1, 0, 0, 0, 1, 1}, new int[] {1, 5, 2, 1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot carry flow");
        // child 1 below setting 3 below child 0 below setting 2 below child 1: a cycle, not a tree
        assertThatThrownBy(() -> transportation().solveFrom(new int[] {0, 1, 1, 0, 0, 0, 1, 1}, new int[] {0, 3, 2, 1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    }

    /** Children 0 and 1 (one each), settings 2 and 3 (one place each), sink 4; arcs 0–3 pairs, 4–5 unplaced, 6–7 places. */
    private static NetworkSimplex transportation() {
        NetworkSimplex simplex = new NetworkSimplex(5, 8);
        simplex.addArc(0, 2, 1, 5);
        simplex.addArc(0, 3, 1, 9);
        simplex.addArc(1, 2, 1, 4);
        simplex.addArc(1, 3, 1, 6);
        simplex.addArc(0, 4, 1, 100);
        simplex.addArc(1, 4, 1, 100);
        simplex.addArc(2, 4, 1, 0);
        simplex.addArc(3, 4, 1, 0);
        simplex.setSupply(0, 1);
        simplex.setSupply(1, 1);
        simplex.setSupply(4, -2);
        return simplex;
    }

    /** Arrays start small and double: a solved tree survives many more arcs being added, and the optimum is the cold one's. */
    @Test
    void growsItsArraysWhileKeepingTheOptimalTree() {
        Random random = new Random(7);
        int sources = 400;
        int sinks = 300;
        long[][] cost = new long[sources][sinks];
        for (long[] row : cost) {
            for (int t = 0; t < sinks; t++) {
                row[t] = random.nextInt(1_000);
            }
        }
        // the dearest arc is among the first: arcs added later may not cost more
        cost[0][0] = 1_000;
        NetworkSimplex cold = new NetworkSimplex(sources + sinks, sources * sinks);
        NetworkSimplex grown = new NetworkSimplex(sources + sinks, sources * sinks);
        for (int u = 0; u < sources; u++) {
            for (int t = 0; t < 3; t++) {
                grown.addArc(u, sources + t * 100 + u % 100, 1, cost[u][t * 100 + u % 100]);
            }
            for (int t = 0; t < sinks; t++) {
                cold.addArc(u, sources + t, 1, cost[u][t]);
            }
            cold.setSupply(u, 1);
            grown.setSupply(u, 1);
        }
        for (int t = 0; t < sinks; t++) {
            cold.setSupply(sources + t, t < 100 ? -2 : -1);
            grown.setSupply(sources + t, t < 100 ? -2 : -1);
        }
        assertThat(cold.solve()).isTrue();
        assertThat(grown.solve()).isTrue();
        for (int u = 0; u < sources; u++) {
            for (int t = 0; t < sinks; t++) {
                if (t % 100 != u % 100) {
                    grown.addArc(u, sources + t, 1, cost[u][t]);
                }
            }
        }
        assertThat(grown.arcCount()).isGreaterThan(100_000);
        assertThat(grown.resume()).isTrue();

        assertThat(grown.totalCost()).isEqualTo(cold.totalCost());
        assertThat(grown.isCertifiedOptimal()).isTrue();
    }

    @Test
    void resumesFromItsOptimalTreeWhenACheaperArcIsAdded() {
        // the same transportation problem, first without the cheap 1 -> 3 arc
        NetworkSimplex simplex = new NetworkSimplex(4, 4);
        simplex.addArc(0, 2, 10, 4);
        simplex.addArc(0, 3, 10, 6);
        simplex.addArc(1, 2, 10, 5);
        simplex.setSupply(0, 3);
        simplex.setSupply(1, 2);
        simplex.setSupply(2, -4);
        simplex.setSupply(3, -1);
        assertThat(simplex.solve()).isTrue();
        assertThat(simplex.totalCost()).isEqualTo(2 * 4 + 6 + 2 * 5);
        // its reduced cost at the optimum is negative: it would improve the flow
        assertThat(3 + simplex.potential(1) - simplex.potential(3)).isNegative();

        int cheap = simplex.addArc(1, 3, 10, 3);
        assertThat(simplex.resume()).isTrue();

        assertThat(simplex.flow(cheap)).isEqualTo(1);
        assertThat(simplex.totalCost()).isEqualTo(3 * 4 + 5 + 3);
        assertThat(simplex.isCertifiedOptimal()).isTrue();
        assertThatThrownBy(() -> simplex.addArc(0, 3, 1, 1_000)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsInfeasibleSuppliesThatCapacitiesCannotCarry() {
        NetworkSimplex simplex = new NetworkSimplex(2, 1);
        simplex.addArc(0, 1, 1, 1);
        simplex.setSupply(0, 2);
        simplex.setSupply(1, -2);

        assertThat(simplex.solve()).isFalse();
    }

    @Test
    void refusesSuppliesThatDoNotBalance() {
        NetworkSimplex simplex = new NetworkSimplex(2, 1);
        simplex.addArc(0, 1, 5, 1);
        simplex.setSupply(0, 2);

        assertThatThrownBy(simplex::solve).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 2");
    }

    /**
     * Random networks with parallel arcs, zero-capacity arcs and a free path to the sink: the
     * simplex cost equals the independent successive-shortest-path oracle's, and the flow passes
     * its own optimality certificate.
     */
    @Test
    void matchesTheOracleOnRandomNetworks() {
        Random random = new Random(20251122);
        for (int round = 0; round < 300; round++) {
            int nodes = 2 + random.nextInt(12);
            int arcs = random.nextInt(nodes * 4);
            NetworkSimplex simplex = new NetworkSimplex(nodes, arcs + nodes);
            SuccessiveShortestPathOracle oracle = new SuccessiveShortestPathOracle(nodes);
            for (int e = 0; e < arcs; e++) {
                int from = random.nextInt(nodes);
                int to = random.nextInt(nodes);
                int cap = random.nextInt(5);
                long cost = random.nextInt(50);
                simplex.addArc(from, to, cap, cost);
                oracle.addArc(from, to, cap, cost);
            }
            // every node may send its supply to the last node at a high cost, so all instances are feasible
            int sink = nodes - 1;
            int total = 0;
            for (int u = 0; u < sink; u++) {
                int supply = random.nextInt(4);
                total += supply;
                simplex.setSupply(u, supply);
                oracle.setSupply(u, supply);
                simplex.addArc(u, sink, supply, 10_000);
                oracle.addArc(u, sink, supply, 10_000);
            }
            simplex.setSupply(sink, -total);
            oracle.setSupply(sink, -total);

            assertThat(simplex.solve()).as("round %d", round).isTrue();
            int[] routed = new int[1];
            long expected = oracle.solve(routed);
            assertThat(routed[0]).isEqualTo(total);
            assertThat(simplex.totalCost()).as("round %d", round).isEqualTo(expected);
            assertThat(simplex.isCertifiedOptimal()).as("round %d", round).isTrue();
        }
    }
}
