package uk.sendplan.planner.solver;

/**
 * The strongly feasible spanning tree of {@link NetworkSimplex} and its pivots: the arc and node arrays, block search
 * for the entering arc, the leaving arc of the cycle it closes, the flow change and the re-hanging of the subtree with
 * its potentials. A pivot keeps the tree strongly feasible, which keeps the simplex from cycling. The starting trees
 * are {@link SimplexStarts}'; the network's own operations are NetworkSimplex's.
 */
abstract class SimplexPivots {

    static final byte STATE_UPPER = -1;
    static final byte STATE_TREE = 0;
    static final byte STATE_LOWER = 1;
    static final byte DIR_UP = 1;
    static final byte DIR_DOWN = -1;
    static final int INF = Integer.MAX_VALUE;
    static final int MIN_BLOCK_SIZE = 10;

    final int nodeNum;
    /** Most real arcs this network may have. */
    final int arcLimit;
    /** Room for real arcs in the arrays now; the artificial arcs follow it and move when it grows. */
    int arcCapacity;
    int arcNum;

    // arcs: real ones from 0, one artificial arc per node from arcCapacity
    int[] source;
    int[] target;
    long[] cost;
    int[] cap;
    int[] flow;
    byte[] state;

    // nodes: 0..nodeNum-1 real, nodeNum is the artificial root
    final int[] supply;
    final int[] parent;
    final int[] pred;
    final int[] thread;
    final int[] revThread;
    final int[] succNum;
    final int[] lastSucc;
    final byte[] predDir;
    final long[] pi;
    final int[] dirtyRevs;

    int root;
    int searchArcNum;
    int blockSize;
    int nextArc;

    // the current pivot
    int inArc;
    int join;
    int uIn;
    int vIn;
    int uOut;
    int vOut;
    int delta;

    boolean solved;
    /** The largest |cost| when first solved: the artificial arcs' cost is built on it. */
    long initialMaxCost;

    SimplexPivots(int nodeCount, int arcCount, int initialArcs) {
        this.nodeNum = nodeCount;
        this.arcLimit = arcCount;
        this.arcCapacity = initialArcs;
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

    /** Pivots until no arc violates its reduced cost; false when an artificial arc still carries flow (infeasible). */
    boolean pivot() {
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
