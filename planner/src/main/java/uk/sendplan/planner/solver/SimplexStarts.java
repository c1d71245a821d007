package uk.sendplan.planner.solver;

/**
 * The two starting trees of {@link NetworkSimplex}: the artificial one (every node on the root) and one laid out from
 * a feasible flow the caller gives, which saves most of the pivots when the start is near optimal.
 */
abstract class SimplexStarts extends SimplexPivots {

    SimplexStarts(int nodeCount, int arcCount, int initialArcs) {
        super(nodeCount, arcCount, initialArcs);
    }

    /** The artificial start: every node hung on the root by an artificial arc carrying its supply, every real arc empty. */
    void initArtificialTree() {
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

    /**
     * The caller's start: the real arc joining each node to its parent ({@code treeArc[u]}, -1 for a node hung
     * directly on the root at zero flow), laid out as thread, subtree sizes and potentials in depth-first order.
     *
     * @throws IllegalArgumentException when an arc does not touch its node, cannot carry flow to the root, or the
     *                                  arcs do not connect every node to the root
     */
    void initGivenTree(int[] treeArc) {
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
    }
}
