package uk.sendplan.planner.solver;

/**
 * The whole placement problem as one min-cost flow, solved exactly by {@link NetworkSimplex}.
 * Every hard rule but capacity is a property of a (request, setting) pair and every soft term is
 * too, so: source → each free request (supply 1) → each suitable setting (cost = annual cost +
 * policy penalties) → sink (capacity = places left after pinned children); plus an "unplaced" arc
 * from each request straight to the sink at cost M. M exceeds the largest possible difference in
 * total soft cost along any augmenting path (one more than the largest pair cost, times the number
 * of requests plus one), so the optimum places as many children as possible first and only then
 * minimises cost: the lexicographic optimum of the medium and soft scores.
 */
final class ExactPlacementFlow {

    /** Pairs per child in the first solve; measured on generated problems, most optima use the 1st–3rd cheapest. */
    static final int FIRST_PAIRS_PER_CHILD = 12;

    /** Setting index per request (pinned ones in their kept setting), -1 = unplaced. */
    private final int[] settingOfRequest;
    private final int unplacedCount;
    /** Soft cost of the whole plan (pinned placements included). */
    private final long softCost;
    private final boolean certified;
    /** Cost of leaving one child unplaced in the flow: dearer than any change in soft cost it could buy. */
    private final long unplacedPenalty;
    /** Free children of each capped LA placed in independent settings. */
    private final int[] independentPlaced;
    /** The flow's objective with the independent-place prices included (pinned placements excluded). */
    private final long pricedObjective;

    private ExactPlacementFlow(int[] settingOfRequest, int unplacedCount, long softCost, boolean certified,
                               long unplacedPenalty, int[] independentPlaced, long pricedObjective) {
        this.settingOfRequest = settingOfRequest;
        this.unplacedCount = unplacedCount;
        this.softCost = softCost;
        this.certified = certified;
        this.unplacedPenalty = unplacedPenalty;
        this.independentPlaced = independentPlaced;
        this.pricedObjective = pricedObjective;
    }

    static ExactPlacementFlow solve(PlacementNetwork network) {
        return solve(network, new long[network.independentCaps().size()]);
    }

    /**
     * The optimum with a price added to every independent place of a capped LA's child ({@code capPrice}
     * by index into {@link PlacementNetwork#independentCaps()}): the Lagrangian relaxation of the limits
     * on independent placements. All zero is the plain optimum.
     */
    static ExactPlacementFlow solve(PlacementNetwork network, long[] capPrice) {
        long[] requestPrice = new long[network.requestCount()];
        for (int r = 0; r < requestPrice.length; r++) {
            int cap = network.capOf(r);
            requestPrice[r] = cap >= 0 ? capPrice[cap] : 0;
        }
        return solveWithRequestPrices(network, requestPrice, capPrice);
    }

    /**
     * The optimum with {@code requestPrice[r]} added to every independent place of request r; the
     * objective reports {@code capPrice} as the prices paid (for the Lagrangian bound).
     */
    static ExactPlacementFlow solveWithRequestPrices(PlacementNetwork network, long[] requestPrice, long[] capPrice) {
        int requestCount = network.requestCount();
        int settingCount = network.settingCount();
        int[] freeRequests = new int[requestCount];
        int freeCount = 0;
        long maxPairCost = 0;
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r)) {
                freeRequests[freeCount++] = r;
            }
        }
        for (int p = 0; p < network.pairCount(); p++) {
            maxPairCost = Math.max(maxPairCost, network.pairSoftCost(p));
        }
        long unplacedCost = Math.multiplyExact(maxPairCost + 1, (long) freeCount + 1);

        // Most pairs are never worth it: solve with each child's cheapest pairs, then price out the rest
        // with the optimal potentials (LP duality); pairs with a negative reduced cost join and the
        // simplex resumes from its optimal tree. The flow that prices out every pair is optimal for the
        // whole network. A pair dearer than leaving the child unplaced is never in an optimum: left out.
        boolean[] included = cheapestPairs(network, freeRequests, freeCount, requestPrice, unplacedCost,
                FIRST_PAIRS_PER_CHILD);
        int sink = freeCount + settingCount;
        NetworkSimplex simplex = new NetworkSimplex(sink + 1,
                Math.addExact(Math.addExact(network.pairCount(), freeCount), settingCount));
        int[] arcOfPair = new int[network.pairCount()];
        java.util.Arrays.fill(arcOfPair, -1);
        for (int i = 0; i < freeCount; i++) {
            int r = freeRequests[i];
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                if (included[p]) {
                    arcOfPair[p] = simplex.addArc(i, freeCount + network.pairSetting(p), 1,
                            pairCost(network, p, r, requestPrice));
                }
            }
            simplex.addArc(i, sink, 1, unplacedCost);
            simplex.setSupply(i, 1);
        }
        for (int s = 0; s < settingCount; s++) {
            simplex.addArc(freeCount + s, sink, network.residualCapacity(s), 0);
        }
        simplex.setSupply(sink, -freeCount);
        boolean routed = simplex.solve();
        while (routed) {
            int joined = 0;
            for (int i = 0; i < freeCount; i++) {
                int r = freeRequests[i];
                long requestPotential = simplex.potential(i);
                for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                    if (arcOfPair[p] < 0) {
                        long cost = pairCost(network, p, r, requestPrice);
                        int settingNode = freeCount + network.pairSetting(p);
                        if (cost <= unplacedCost && cost + requestPotential - simplex.potential(settingNode) < 0) {
                            arcOfPair[p] = simplex.addArc(i, settingNode, 1, cost);
                            joined++;
                        }
                    }
                }
            }
            if (joined == 0) {
                break;
            }
            routed = simplex.resume();
        }
        if (!routed) {
            throw new IllegalStateException("the unplaced arcs make every instance feasible; the flow is not");
        }
        boolean certified = simplex.isCertifiedOptimal();

        int[] settingOfRequest = new int[requestCount];
        int[] independentPlaced = new int[capPrice.length];
        int unplaced = 0;
        long soft = network.pinnedSoftCost();
        long priced = 0;
        for (int r = 0; r < requestCount; r++) {
            settingOfRequest[r] = network.isPinned(r) ? network.pinnedSetting(r) : -1;
        }
        for (int i = 0; i < freeCount; i++) {
            int r = freeRequests[i];
            int cap = network.capOf(r);
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                if (arcOfPair[p] >= 0 && simplex.flow(arcOfPair[p]) == 1) {
                    settingOfRequest[r] = network.pairSetting(p);
                    soft += network.pairSoftCost(p);
                    priced += network.pairSoftCost(p);
                    if (network.pairIndependent(p)) {
                        priced += requestPrice[r];
                        if (cap >= 0) {
                            independentPlaced[cap]++;
                        }
                    }
                }
            }
            if (settingOfRequest[r] < 0) {
                unplaced++;
                priced += unplacedCost;
            }
        }
        return new ExactPlacementFlow(settingOfRequest, unplaced, soft, certified, unplacedCost,
                independentPlaced, priced);
    }

    private static long pairCost(PlacementNetwork network, int p, int r, long[] requestPrice) {
        return network.pairSoftCost(p) + (network.pairIndependent(p) ? requestPrice[r] : 0);
    }

    /** The {@code k} cheapest pairs of every free child (all of them when it has fewer). */
    private static boolean[] cheapestPairs(PlacementNetwork network, int[] freeRequests, int freeCount,
                                           long[] requestPrice, long unplacedCost, int k) {
        boolean[] included = new boolean[network.pairCount()];
        long[] costs = new long[0];
        for (int i = 0; i < freeCount; i++) {
            int r = freeRequests[i];
            int start = network.pairStart(r);
            int count = network.pairEnd(r) - start;
            if (count == 0) {
                continue;
            }
            if (costs.length < count) {
                costs = new long[count];
            }
            for (int j = 0; j < count; j++) {
                costs[j] = pairCost(network, start + j, r, requestPrice);
            }
            long[] sorted = java.util.Arrays.copyOf(costs, count);
            java.util.Arrays.sort(sorted);
            long threshold = Math.min(sorted[Math.min(k, count) - 1], unplacedCost);
            int taken = 0;
            for (int j = 0; j < count && taken < k; j++) {
                if (costs[j] <= threshold) {
                    included[start + j] = true;
                    taken++;
                }
            }
        }
        return included;
    }

    int settingOf(int request) {
        return settingOfRequest[request];
    }

    int unplacedCount() {
        return unplacedCount;
    }

    long softCost() {
        return softCost;
    }

    long unplacedPenalty() {
        return unplacedPenalty;
    }

    int independentPlaced(int cap) {
        return independentPlaced[cap];
    }

    long pricedObjective() {
        return pricedObjective;
    }

    int[] assignment() {
        return settingOfRequest.clone();
    }

    /** True when the LP optimality certificate checked out (see {@link NetworkSimplex#isCertifiedOptimal()}). */
    boolean certified() {
        return certified;
    }
}
