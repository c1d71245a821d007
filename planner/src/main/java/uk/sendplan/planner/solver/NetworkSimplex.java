package uk.sendplan.planner.solver;

/**
 * Exact minimum-cost flow by the primal network simplex method with block-search pivoting, after
 * the design of LEMON's {@code NetworkSimplex} (Kiraly and Kovacs, "Efficient implementations of
 * minimum-cost flow algorithms", 2012): a strongly feasible spanning tree stored as parent, thread
 * and successor-count arrays, an artificial root, and candidate arcs scanned in blocks of about
 * √(arcs). Node supplies must sum to zero; lower bounds are zero; capacities and supplies are ints,
 * costs longs. Arrays only, so millions of arcs fit in a few hundred megabytes; they grow as arcs are
 * added, up to the number announced. Arcs may be added after a solve and {@link #resume()} continues from the optimal tree:
 * the new arcs enter at flow zero, so the old tree is still a feasible basis.
 */
final class NetworkSimplex extends SimplexStarts {

    private static final int INITIAL_ARCS = 1 << 16;

    /**
     * A network of {@code nodeCount} nodes and at most {@code arcCount} arcs. Memory is taken as arcs are
     * added: a pricing scheme may announce every arc it could add and add a tenth of them.
     */
    NetworkSimplex(int nodeCount, int arcCount) {
        super(nodeCount, arcCount, Math.min(arcCount, INITIAL_ARCS));
    }

    /** Adds an arc and returns its index (0, 1, 2, … in the order added). */
    int addArc(int from, int to, int capacity, long unitCost) {
        if (arcNum == arcLimit) {
            throw new IllegalStateException("more arcs than the " + arcLimit + " announced");
        }
        if (arcNum == arcCapacity) {
            grow();
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        if (solved && Math.abs(unitCost) > initialMaxCost) {
            throw new IllegalArgumentException("an arc added after solving may not cost more than the dearest arc"
                    + " before it (" + initialMaxCost + "), was " + unitCost);
        }
        source[arcNum] = from;
        target[arcNum] = to;
        cap[arcNum] = capacity;
        cost[arcNum] = unitCost;
        state[arcNum] = STATE_LOWER;
        flow[arcNum] = 0;
        return arcNum++;
    }

    int arcCount() {
        return arcNum;
    }

    /** Doubles the room for real arcs (up to the limit): the artificial arcs move up, and tree nodes hung on them follow. */
    private void grow() {
        int oldCapacity = arcCapacity;
        arcCapacity = (int) Math.min(arcLimit, Math.max(INITIAL_ARCS, 2L * oldCapacity));
        int all = Math.addExact(arcCapacity, nodeNum);
        source = moved(source, oldCapacity, all);
        target = moved(target, oldCapacity, all);
        cap = moved(cap, oldCapacity, all);
        flow = moved(flow, oldCapacity, all);
        long[] newCost = java.util.Arrays.copyOf(cost, all);
        System.arraycopy(cost, oldCapacity, newCost, arcCapacity, nodeNum);
        cost = newCost;
        byte[] newState = java.util.Arrays.copyOf(state, all);
        System.arraycopy(state, oldCapacity, newState, arcCapacity, nodeNum);
        state = newState;
        for (int u = 0; u < nodeNum; u++) {
            if (pred[u] >= oldCapacity) {
                pred[u] += arcCapacity - oldCapacity;
            }
        }
    }

    private int[] moved(int[] values, int oldCapacity, int all) {
        int[] grown = java.util.Arrays.copyOf(values, all);
        System.arraycopy(values, oldCapacity, grown, arcCapacity, nodeNum);
        return grown;
    }

    int source(int arc) {
        return source[arc];
    }

    int target(int arc) {
        return target[arc];
    }

    int capacity(int arc) {
        return cap[arc];
    }

    long cost(int arc) {
        return cost[arc];
    }

    void setSupply(int node, int value) {
        supply[node] = value;
    }

    /**
     * Solves to optimality.
     *
     * @return false when the supplies cannot be routed within the capacities
     * @throws ArithmeticException if the costs are too large for exact long arithmetic
     */
    boolean solve() {
        if (solved) {
            throw new IllegalStateException("already solved");
        }
        solved = true;
        long sumSupply = 0;
        for (int u = 0; u < nodeNum; u++) {
            sumSupply += supply[u];
        }
        if (sumSupply != 0) {
            throw new IllegalArgumentException("supplies must sum to zero, they sum to " + sumSupply);
        }
        initArtificialTree();
        return pivot();
    }

    /**
     * Solves to optimality from a feasible flow and a strongly feasible spanning tree given by the caller,
     * instead of from the artificial tree: a near-optimal start saves most of the pivots (on a placement
     * network most of them only rebuild the basis that a greedy assignment already gives).
     * {@code flow[e]} is the flow on real arc e (it must meet every supply, within every capacity);
     * {@code treeArc[u]} is the real arc joining node u to its parent, or -1 for a node hung directly on
     * the artificial root (at zero flow). The tree must be strongly feasible: every node can send flow
     * to the root along its tree path (an arc towards the parent below capacity, an arc from the parent
     * above zero), which is what keeps the simplex from cycling.
     *
     * @return false when the supplies cannot be routed within the capacities
     * @throws IllegalArgumentException when the flow or the tree is not as described
     */
    boolean solveFrom(int[] initialFlow, int[] treeArc) {
        if (solved) {
            throw new IllegalStateException("already solved");
        }
        solved = true;
        long[] balance = new long[nodeNum];
        long maxCost = 0;
        for (int e = 0; e < arcNum; e++) {
            int f = initialFlow[e];
            if (f < 0 || f > cap[e]) {
                throw new IllegalArgumentException("flow " + f + " on arc " + e + " outside 0.." + cap[e]);
            }
            flow[e] = f;
            state[e] = f == 0 ? STATE_LOWER : STATE_UPPER;
            balance[source[e]] += f;
            balance[target[e]] -= f;
            maxCost = Math.max(maxCost, Math.abs(cost[e]));
        }
        for (int u = 0; u < nodeNum; u++) {
            if (balance[u] != supply[u]) {
                throw new IllegalArgumentException("flow leaves node " + u + " " + balance[u] + " times, its supply is " + supply[u]);
            }
        }
        initialMaxCost = maxCost;
        searchArcNum = arcNum;
        blockSize = Math.max((int) Math.ceil(Math.sqrt(searchArcNum)), MIN_BLOCK_SIZE);
        nextArc = 0;

        initGivenTree(treeArc);
        return pivot();
    }

    /**
     * Solves again after arcs were added, starting from the last optimal tree.
     *
     * @return false when the supplies cannot be routed within the capacities
     */
    boolean resume() {
        if (!solved) {
            throw new IllegalStateException("not solved yet");
        }
        searchArcNum = arcNum;
        blockSize = Math.max((int) Math.ceil(Math.sqrt(searchArcNum)), MIN_BLOCK_SIZE);
        nextArc = 0;
        return pivot();
    }

    int flow(int arc) {
        return flow[arc];
    }

    /** The node's potential in the final tree: an arc's reduced cost is cost + potential(from) − potential(to). */
    long potential(int node) {
        return pi[node];
    }

    /** Σ flow × cost over the real arcs. */
    long totalCost() {
        long total = 0;
        for (int e = 0; e < arcNum; e++) {
            total = Math.addExact(total, Math.multiplyExact((long) flow[e], cost[e]));
        }
        return total;
    }

    /**
     * Checks the optimality certificate independently of how the flow was found: flow conservation
     * at every node, 0 ≤ flow ≤ capacity on every arc, and linear-programming complementary
     * slackness with the final potentials (reduced cost ≥ 0 on arcs with spare capacity, ≤ 0 on
     * arcs carrying flow). A flow that passes is a minimum-cost flow by LP duality.
     */
    boolean isCertifiedOptimal() {
        long[] balance = new long[nodeNum];
        for (int e = 0; e < arcNum; e++) {
            if (flow[e] < 0 || flow[e] > cap[e]) {
                return false;
            }
            balance[source[e]] += flow[e];
            balance[target[e]] -= flow[e];
            long reducedCost = cost[e] + pi[source[e]] - pi[target[e]];
            if (flow[e] < cap[e] && reducedCost < 0) {
                return false;
            }
            if (flow[e] > 0 && reducedCost > 0) {
                return false;
            }
        }
        for (int u = 0; u < nodeNum; u++) {
            if (balance[u] != supply[u]) {
                return false;
            }
        }
        return true;
    }
}
