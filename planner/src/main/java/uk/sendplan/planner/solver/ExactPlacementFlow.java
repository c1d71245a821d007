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

        // nodes: free requests 0..freeCount-1, settings freeCount..freeCount+settingCount-1, sink last
        int sink = freeCount + settingCount;
        int arcCount = Math.addExact(Math.addExact(network.pairCount(), freeCount), settingCount);
        NetworkSimplex simplex = new NetworkSimplex(sink + 1, arcCount);
        int[] firstArc = new int[freeCount];
        for (int i = 0; i < freeCount; i++) {
            int r = freeRequests[i];
            firstArc[i] = -1;
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                long cost = network.pairSoftCost(p) + (network.pairIndependent(p) ? requestPrice[r] : 0);
                int arc = simplex.addArc(i, freeCount + network.pairSetting(p), 1, cost);
                if (firstArc[i] < 0) {
                    firstArc[i] = arc;
                }
            }
            simplex.addArc(i, sink, 1, unplacedCost);
            simplex.setSupply(i, 1);
        }
        for (int s = 0; s < settingCount; s++) {
            simplex.addArc(freeCount + s, sink, network.residualCapacity(s), 0);
        }
        simplex.setSupply(sink, -freeCount);
        if (!simplex.solve()) {
            throw new IllegalStateException("the unplaced arcs make every instance feasible; the flow is not");
        }

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
            int arc = firstArc[i];
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++, arc++) {
                if (simplex.flow(arc) == 1) {
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
        return new ExactPlacementFlow(settingOfRequest, unplaced, soft, simplex.isCertifiedOptimal(), unplacedCost,
                independentPlaced, priced);
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
