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
final class NetworkSimplex {

    private static final byte STATE_UPPER = -1;
    private static final byte STATE_TREE = 0;
    private static final byte STATE_LOWER = 1;
    private static final byte DIR_UP = 1;
    private static final byte DIR_DOWN = -1;
    private static final int INF = Integer.MAX_VALUE;
    private static final int MIN_BLOCK_SIZE = 10;
    private static final int INITIAL_ARCS = 1 << 16;

    private final int nodeNum;
    /** Most real arcs this network may have. */
    private final int arcLimit;
    /** Room for real arcs in the arrays now; the artificial arcs follow it and move when it grows. */
    private int arcCapacity;
    private int arcNum;

    // arcs: real ones from 0, one artificial arc per node from arcCapacity
    private int[] source;
    private int[] target;
    private long[] cost;
    private int[] cap;
    private int[] flow;
    private byte[] state;

    // nodes: 0..nodeNum-1 real, nodeNum is the artificial root
    private final int[] supply;
    private final int[] parent;
    private final int[] pred;
    private final int[] thread;
    private final int[] revThread;
    private final int[] succNum;
    private final int[] lastSucc;
    private final byte[] predDir;
    private final long[] pi;
    private final int[] dirtyRevs;

    private int root;
    private int searchArcNum;
    private int blockSize;
    private int nextArc;

    // the current pivot
    private int inArc;
    private int join;
    private int uIn;
    private int vIn;
    private int uOut;
    private int vOut;
    private int delta;

    private boolean solved;
    /** The largest |cost| when first solved: the artificial arcs' cost is built on it. */
    private long initialMaxCost;

    /**
     * A network of {@code nodeCount} nodes and at most {@code arcCount} arcs. Memory is taken as arcs are
     * added: a pricing scheme may announce every arc it could add and add a tenth of them.
     */
    NetworkSimplex(int nodeCount, int arcCount) {
        this.nodeNum = nodeCount;
        this.arcLimit = arcCount;
        this.arcCapacity = Math.min(arcCount, INITIAL_ARCS);
        int allArcs = Math.addExact(arcCapacity, nodeCount);
        source = new int[allArcs];
        target = new int[allArcs];
        cost = new long[allArcs];
        cap = new int[allArcs];
        flow = new int[allArcs];
        state = new byte[allArcs];
        supply = new int[nodeCount + 1];
        parent = new int[nodeCount + 1];
        pred = new int[nodeCount + 1];
        thread = new int[nodeCount + 1];
        revThread = new int[nodeCount + 1];
        succNum = new int[nodeCount + 1];
        lastSucc = new int[nodeCount + 1];
        predDir = new byte[nodeCount + 1];
        pi = new long[nodeCount + 1];
        dirtyRevs = new int[nodeCount + 1];
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
        init();
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

        root = nodeNum;
        parent[root] = -1;
        pred[root] = -1;
        supply[root] = 0;
        pi[root] = 0;
        // children lists (first child, next sibling) to lay the thread out in depth-first order
        int[] firstChild = new int[nodeNum + 1];
        int[] nextSibling = new int[nodeNum + 1];
        java.util.Arrays.fill(firstChild, -1);
        for (int u = nodeNum - 1; u >= 0; u--) {
            int e = treeArc[u];
            int p;
            int art = arcCapacity + u;
            if (e < 0) {
                p = root;
                pred[u] = art;
                predDir[u] = DIR_UP;
                source[art] = u;
                target[art] = root;
            } else {
                if (e >= arcNum || (source[e] != u && target[e] != u)) {
                    throw new IllegalArgumentException("tree arc " + e + " does not touch node " + u);
                }
                p = source[e] == u ? target[e] : source[e];
                pred[u] = e;
                predDir[u] = source[e] == u ? DIR_UP : DIR_DOWN;
                state[e] = STATE_TREE;
                boolean strong = predDir[u] == DIR_UP ? flow[e] < cap[e] : flow[e] > 0;
                if (!strong) {
                    throw new IllegalArgumentException("tree arc " + e + " of node " + u + " cannot carry flow to the root");
                }
                source[art] = u;
                target[art] = root;
            }
            cost[art] = 0;
            cap[art] = INF;
            flow[art] = 0;
            state[art] = e < 0 ? STATE_TREE : STATE_LOWER;
            parent[u] = p;
            nextSibling[u] = firstChild[p];
            firstChild[p] = u;
        }
        // depth-first from the root: thread order, potentials, subtree sizes and last successors
        int[] stack = new int[nodeNum + 1];
        int depth = 0;
        stack[0] = root;
        int previous = root;
        int visited = 1;
        int[] cursor = new int[nodeNum + 1];
        java.util.Arrays.fill(cursor, -2);
        while (depth >= 0) {
            int u = stack[depth];
            int next = cursor[u] == -2 ? firstChild[u] : nextSibling[cursor[u]];
            if (next >= 0) {
                cursor[u] = next;
                int e = pred[next];
                pi[next] = pi[u] - predDir[next] * cost[e];
                thread[previous] = next;
                revThread[next] = previous;
                previous = next;
                visited++;
                stack[++depth] = next;
            } else {
                succNum[u] = 1;
                lastSucc[u] = u;
                for (int c = firstChild[u]; c >= 0; c = nextSibling[c]) {
                    succNum[u] += succNum[c];
                }
                if (firstChild[u] >= 0) {
                    // the last child laid out is the one visited last: its subtree ends the thread segment
                    lastSucc[u] = lastSucc[cursor[u]];
                }
                depth--;
            }
        }
        if (visited != nodeNum + 1) {
            throw new IllegalArgumentException("the tree arcs do not connect every node to the root (a cycle)");
        }
        thread[previous] = root;
        revThread[root] = previous;
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

    private boolean pivot() {
        while (findEnteringArc()) {
            findJoinNode();
            boolean change = findLeavingArc();
            if (delta >= INF) {
                throw new IllegalStateException("unbounded: a negative cycle of infinite capacity");
            }
            changeFlow(change);
            if (change) {
                updateTreeStructure();
                updatePotential();
            }
        }
        for (int e = arcCapacity; e < arcCapacity + nodeNum; e++) {
            if (flow[e] != 0) {
                return false;
            }
        }
        return true;
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

    private void init() {
        searchArcNum = arcNum;
        long maxCost = 0;
        for (int e = 0; e < arcNum; e++) {
            maxCost = Math.max(maxCost, Math.abs(cost[e]));
            state[e] = STATE_LOWER;
            flow[e] = 0;
        }
        // Any path through real arcs is cheaper than one artificial arc, so an optimum uses none
        // when a feasible flow exists.
        initialMaxCost = maxCost;
        long artificialCost = Math.multiplyExact(maxCost + 1, (long) nodeNum + 1);
        blockSize = Math.max((int) Math.ceil(Math.sqrt(searchArcNum)), MIN_BLOCK_SIZE);
        nextArc = 0;

        root = nodeNum;
        parent[root] = -1;
        pred[root] = -1;
        thread[root] = 0;
        revThread[0] = root;
        succNum[root] = nodeNum + 1;
        lastSucc[root] = root - 1;
        supply[root] = 0;
        pi[root] = 0;
        for (int u = 0, e = arcCapacity; u != nodeNum; u++, e++) {
            parent[u] = root;
            pred[u] = e;
            thread[u] = u + 1;
            revThread[u + 1] = u;
            succNum[u] = 1;
            lastSucc[u] = u;
            cap[e] = INF;
            state[e] = STATE_TREE;
            if (supply[u] >= 0) {
                predDir[u] = DIR_UP;
                pi[u] = 0;
                source[e] = u;
                target[e] = root;
                flow[e] = supply[u];
                cost[e] = 0;
            } else {
                predDir[u] = DIR_DOWN;
                pi[u] = artificialCost;
                source[e] = root;
                target[e] = u;
                flow[e] = -supply[u];
                cost[e] = artificialCost;
            }
        }
        if (nodeNum == 0) {
            thread[root] = root;
            revThread[root] = root;
        }
    }

    /** Block search: scan arcs from where the last search stopped, pick the most violating arc of the first block that has one. */
    private boolean findEnteringArc() {
        long min = 0;
        int cnt = blockSize;
        int e = nextArc;
        for (int scanned = 0; scanned < searchArcNum; scanned++) {
            long c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
            if (c < min) {
                min = c;
                inArc = e;
            }
            e = e + 1 == searchArcNum ? 0 : e + 1;
            if (--cnt == 0) {
                if (min < 0) {
                    nextArc = e;
                    return true;
                }
                cnt = blockSize;
            }
        }
        nextArc = e;
        return min < 0;
    }

    private void findJoinNode() {
        int u = source[inArc];
        int v = target[inArc];
        while (u != v) {
            if (succNum[u] < succNum[v]) {
                u = parent[u];
            } else {
                v = parent[v];
            }
        }
        join = u;
    }

    /** Finds the blocking arc of the cycle closed by the entering arc; false when the entering arc itself blocks. */
    private boolean findLeavingArc() {
        int first;
        int second;
        if (state[inArc] == STATE_LOWER) {
            first = source[inArc];
            second = target[inArc];
        } else {
            first = target[inArc];
            second = source[inArc];
        }
        delta = cap[inArc];
        int result = 0;
        for (int u = first; u != join; u = parent[u]) {
            int e = pred[u];
            int d = flow[e];
            if (predDir[u] == DIR_DOWN) {
                int c = cap[e];
                d = c >= INF ? INF : c - d;
            }
            if (d < delta) {
                delta = d;
                uOut = u;
                result = 1;
            }
        }
        for (int u = second; u != join; u = parent[u]) {
            int e = pred[u];
            int d = flow[e];
            if (predDir[u] == DIR_UP) {
                int c = cap[e];
                d = c >= INF ? INF : c - d;
            }
            if (d <= delta) {
                delta = d;
                uOut = u;
                result = 2;
            }
        }
        if (result == 1) {
            uIn = first;
            vIn = second;
        } else {
            uIn = second;
            vIn = first;
        }
        return result != 0;
    }

    private void changeFlow(boolean change) {
        if (delta > 0) {
            int val = state[inArc] * delta;
            flow[inArc] += val;
            for (int u = source[inArc]; u != join; u = parent[u]) {
                flow[pred[u]] -= predDir[u] * val;
            }
            for (int u = target[inArc]; u != join; u = parent[u]) {
                flow[pred[u]] += predDir[u] * val;
            }
        }
        if (change) {
            state[inArc] = STATE_TREE;
            state[pred[uOut]] = flow[pred[uOut]] == 0 ? STATE_LOWER : STATE_UPPER;
        } else {
            state[inArc] = (byte) -state[inArc];
        }
    }

    /** Re-hangs the subtree under u_out below v_in, reversing the stem from u_in to u_out. */
    private void updateTreeStructure() {
        int oldRevThread = revThread[uOut];
        int oldSuccNum = succNum[uOut];
        int oldLastSucc = lastSucc[uOut];
        vOut = parent[uOut];

        if (uIn == uOut) {
            parent[uIn] = vIn;
            pred[uIn] = inArc;
            predDir[uIn] = uIn == source[inArc] ? DIR_UP : DIR_DOWN;
            if (thread[vIn] != uOut) {
                int after = thread[oldLastSucc];
                thread[oldRevThread] = after;
                revThread[after] = oldRevThread;
                after = thread[vIn];
                thread[vIn] = uOut;
                revThread[uOut] = vIn;
                thread[oldLastSucc] = after;
                revThread[after] = oldLastSucc;
            }
        } else {
            // when old_rev_thread is v_in, join and v_out coincide
            int threadContinue = oldRevThread == vIn ? thread[oldLastSucc] : thread[vIn];

            int stem = uIn;
            int parStem = vIn;
            int nextStem;
            int last = lastSucc[uIn];
            int before;
            int after = thread[last];
            thread[vIn] = uIn;
            int dirtyCount = 0;
            dirtyRevs[dirtyCount++] = vIn;
            while (stem != uOut) {
                nextStem = parent[stem];
                thread[last] = nextStem;
                dirtyRevs[dirtyCount++] = last;

                before = revThread[stem];
                thread[before] = after;
                revThread[after] = before;

                parent[stem] = parStem;
                parStem = stem;
                stem = nextStem;

                last = lastSucc[stem] == lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
                after = thread[last];
            }
            parent[uOut] = parStem;
            thread[last] = threadContinue;
            revThread[threadContinue] = last;
            lastSucc[uOut] = last;

            if (oldRevThread != vIn) {
                thread[oldRevThread] = after;
                revThread[after] = oldRevThread;
            }

            for (int i = 0; i < dirtyCount; i++) {
                int u = dirtyRevs[i];
                revThread[thread[u]] = u;
            }

            int tmpSc = 0;
            int tmpLs = lastSucc[uOut];
            for (int u = uOut, p = parent[u]; u != uIn; u = p, p = parent[u]) {
                pred[u] = pred[p];
                predDir[u] = (byte) -predDir[p];
                tmpSc += succNum[u] - succNum[p];
                succNum[u] = tmpSc;
                lastSucc[p] = tmpLs;
            }
            pred[uIn] = inArc;
            predDir[uIn] = uIn == source[inArc] ? DIR_UP : DIR_DOWN;
            succNum[uIn] = oldSuccNum;
        }

        int upLimitOut = lastSucc[join] == vIn ? join : -1;
        int lastSuccOut = lastSucc[uOut];
        for (int u = vIn; u != -1 && lastSucc[u] == vIn; u = parent[u]) {
            lastSucc[u] = lastSuccOut;
        }

        if (join != oldRevThread && vIn != oldRevThread) {
            for (int u = vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u]) {
                lastSucc[u] = oldRevThread;
            }
        } else if (lastSuccOut != oldLastSucc) {
            for (int u = vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u]) {
                lastSucc[u] = lastSuccOut;
            }
        }

        for (int u = vIn; u != join; u = parent[u]) {
            succNum[u] += oldSuccNum;
        }
        for (int u = vOut; u != join; u = parent[u]) {
            succNum[u] -= oldSuccNum;
        }
    }

    /** Shifts the potentials of the moved subtree so that the entering arc has zero reduced cost. */
    private void updatePotential() {
        long sigma = pi[vIn] - pi[uIn] - predDir[uIn] * cost[inArc];
        int end = thread[lastSucc[uIn]];
        for (int u = uIn; u != end; u = thread[u]) {
            pi[u] += sigma;
        }
    }
}
