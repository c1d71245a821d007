package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test oracle: textbook min-cost flow by successive shortest paths with Bellman-Ford, written
 * independently of {@link NetworkSimplex} and slow on purpose (no potentials, no cleverness), for
 * small instances only. Non-negative costs; a super source and sink carry the node supplies.
 */
final class SuccessiveShortestPathOracle {

    private final int nodes;
    private final List<int[]> arcs = new ArrayList<>(); // {from, to, cap}
    private final List<Long> costs = new ArrayList<>();
    private final int[] supply;

    SuccessiveShortestPathOracle(int nodes) {
        this.nodes = nodes;
        this.supply = new int[nodes];
    }

    void addArc(int from, int to, int cap, long cost) {
        arcs.add(new int[] {from, to, cap});
        costs.add(cost);
    }

    void setSupply(int node, int value) {
        supply[node] = value;
    }

    /** Min cost of a flow that routes as much supply as possible; {@code routed[0]} receives the amount routed. */
    long solve(int[] routed) {
        int n = nodes + 2;
        int s = nodes;
        int t = nodes + 1;
        List<int[]> all = new ArrayList<>(arcs);
        List<Long> allCosts = new ArrayList<>(costs);
        for (int u = 0; u < nodes; u++) {
            if (supply[u] > 0) {
                all.add(new int[] {s, u, supply[u]});
                allCosts.add(0L);
            } else if (supply[u] < 0) {
                all.add(new int[] {u, t, -supply[u]});
                allCosts.add(0L);
            }
        }
        int m = all.size();
        // residual arcs: 2i forward, 2i+1 backward
        int[] from = new int[2 * m];
        int[] to = new int[2 * m];
        int[] cap = new int[2 * m];
        long[] cost = new long[2 * m];
        for (int i = 0; i < m; i++) {
            int[] a = all.get(i);
            from[2 * i] = a[0];
            to[2 * i] = a[1];
            cap[2 * i] = a[2];
            cost[2 * i] = allCosts.get(i);
            from[2 * i + 1] = a[1];
            to[2 * i + 1] = a[0];
            cap[2 * i + 1] = 0;
            cost[2 * i + 1] = -allCosts.get(i);
        }
        long total = 0;
        int flow = 0;
        while (true) {
            long[] dist = new long[n];
            int[] via = new int[n];
            Arrays.fill(dist, Long.MAX_VALUE);
            Arrays.fill(via, -1);
            dist[s] = 0;
            for (int round = 0; round < n; round++) {
                boolean changed = false;
                for (int e = 0; e < 2 * m; e++) {
                    if (cap[e] > 0 && dist[from[e]] != Long.MAX_VALUE && dist[from[e]] + cost[e] < dist[to[e]]) {
                        dist[to[e]] = dist[from[e]] + cost[e];
                        via[to[e]] = e;
                        changed = true;
                    }
                }
                if (!changed) {
                    break;
                }
            }
            if (dist[t] == Long.MAX_VALUE) {
                break;
            }
            int push = Integer.MAX_VALUE;
            for (int v = t; v != s; v = from[via[v]]) {
                push = Math.min(push, cap[via[v]]);
            }
            for (int v = t; v != s; v = from[via[v]]) {
                cap[via[v]] -= push;
                cap[via[v] ^ 1] += push;
            }
            total += push * dist[t];
            flow += push;
        }
        routed[0] = flow;
        return total;
    }
}
