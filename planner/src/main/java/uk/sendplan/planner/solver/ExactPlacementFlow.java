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

    /**
     * Pairs per child in the first solve, the cheapest at the auction's prices (see {@link FlowStart}). Measured on
     * the generated England problem: 4, 6 and 12 take about the same time (fewer pairs, more pricing rounds).
     */
    static final int FIRST_PAIRS_PER_CHILD = 6;

    /** Pairs per child that join in one pricing round at most (the most violated). */
    static final int PAIRS_PER_CHILD_PER_ROUND = 12;

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
    /** The optimal node potentials, for the value of one more place in each setting. */
    private final CapacityValues.Potentials potentials;

    private ExactPlacementFlow(int[] settingOfRequest, int unplacedCount, long softCost, boolean certified,
                               long unplacedPenalty, int[] independentPlaced, long pricedObjective,
                               CapacityValues.Potentials potentials) {
        this.settingOfRequest = settingOfRequest;
        this.unplacedCount = unplacedCount;
        this.softCost = softCost;
        this.certified = certified;
        this.unplacedPenalty = unplacedPenalty;
        this.independentPlaced = independentPlaced;
        this.pricedObjective = pricedObjective;
        this.potentials = potentials;
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
        int freeCount = 0;
        long maxPairCost = 0;
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r)) {
                freeCount++;
            }
        }
        for (int p = 0; p < network.pairCount(); p++) {
            maxPairCost = Math.max(maxPairCost, network.pairSoftCost(p));
        }
        long unplacedCost = Math.multiplyExact(maxPairCost + 1, (long) freeCount + 1);

        // Flow nodes: free children with at least one usable pair (the others are unplaced whatever happens),
        // then the settings, then the sink. A pair is unusable when its setting has no place left, or when it
        // costs more than leaving the child unplaced (never in an optimum).
        int[] flowRequests = new int[freeCount];
        int childCount = 0;
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r)) {
                for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                    if (usable(network, p, r, requestPrice, unplacedCost)) {
                        flowRequests[childCount++] = r;
                        break;
                    }
                }
            }
        }
        int sink = childCount + settingCount;

        // Most pairs are never worth it: solve with each child's cheapest pairs at the auction's prices (and the
        // pair the auction placed it in), starting from the auction's flow rather than from nothing, then price
        // out the rest with the optimal potentials (LP duality); each child's most violated pairs join and the
        // simplex resumes from its optimal tree. The flow that prices out every pair is optimal for the whole
        // network, whatever the start was.
        int[] arcOfPair = new int[network.pairCount()];
        java.util.Arrays.fill(arcOfPair, -1);
        FlowStart flowStart = FlowStart.of(network, flowRequests, childCount, requestPrice, maxPairCost, unplacedCost,
                FIRST_PAIRS_PER_CHILD);
        int[] firstPairs = flowStart.firstPairs();
        int[] startPair = flowStart.pairOfChild();
        NetworkSimplex simplex = new NetworkSimplex(sink + 1,
                Math.addExact(Math.addExact(network.pairCount(), childCount), settingCount));
        for (int i = 0; i < childCount; i++) {
            int r = flowRequests[i];
            for (int k = i * FIRST_PAIRS_PER_CHILD; k < (i + 1) * FIRST_PAIRS_PER_CHILD && firstPairs[k] >= 0; k++) {
                int p = firstPairs[k];
                arcOfPair[p] = simplex.addArc(i, childCount + network.pairSetting(p), 1, pairCost(network, p, r, requestPrice));
            }
        }
        for (int i = 0; i < childCount; i++) {
            int p = startPair[i];
            if (p >= 0 && arcOfPair[p] < 0) {
                arcOfPair[p] = simplex.addArc(i, childCount + network.pairSetting(p), 1,
                        pairCost(network, p, flowRequests[i], requestPrice));
            }
        }
        int firstUnplacedArc = simplex.arcCount();
        for (int i = 0; i < childCount; i++) {
            simplex.addArc(i, sink, 1, unplacedCost);
            simplex.setSupply(i, 1);
        }
        int firstSettingArc = simplex.arcCount();
        for (int s = 0; s < settingCount; s++) {
            simplex.addArc(childCount + s, sink, network.residualCapacity(s), 0);
        }
        simplex.setSupply(sink, -childCount);
        int[] startFlow = new int[simplex.arcCount()];
        for (int i = 0; i < childCount; i++) {
            if (startPair[i] >= 0) {
                startFlow[arcOfPair[startPair[i]]] = 1;
                startFlow[firstSettingArc + network.pairSetting(startPair[i])]++;
            } else {
                startFlow[firstUnplacedArc + i] = 1;
            }
        }
        boolean routed = simplex.solveFrom(startFlow, FlowStart.tree(simplex, startFlow, childCount, settingCount,
                firstUnplacedArc, firstSettingArc));
        long[] candidateCost = new long[0];
        int[] candidatePair = new int[0];
        while (routed) {
            int joined = 0;
            for (int i = 0; i < childCount; i++) {
                int r = flowRequests[i];
                long requestPotential = simplex.potential(i);
                int start = network.pairStart(r);
                int count = network.pairEnd(r) - start;
                if (candidateCost.length < count) {
                    candidateCost = new long[count];
                    candidatePair = new int[count];
                }
                int found = 0;
                for (int p = start; p < start + count; p++) {
                    if (arcOfPair[p] < 0 && usable(network, p, r, requestPrice, unplacedCost)) {
                        long reduced = pairCost(network, p, r, requestPrice) + requestPotential
                                - simplex.potential(childCount + network.pairSetting(p));
                        if (reduced < 0) {
                            candidateCost[found] = reduced;
                            candidatePair[found++] = p;
                        }
                    }
                }
                // only the most violated few per child: the rest usually price out once these are in
                int take = Math.min(found, PAIRS_PER_CHILD_PER_ROUND);
                if (found > take) {
                    long[] sorted = java.util.Arrays.copyOf(candidateCost, found);
                    java.util.Arrays.sort(sorted);
                    long threshold = sorted[take - 1];
                    int added = 0;
                    for (int k = 0; k < found && added < take; k++) {
                        if (candidateCost[k] <= threshold) {
                            candidatePair[added++] = candidatePair[k];
                        }
                    }
                }
                for (int k = 0; k < take; k++) {
                    int p = candidatePair[k];
                    arcOfPair[p] = simplex.addArc(i, childCount + network.pairSetting(p), 1, pairCost(network, p, r, requestPrice));
                }
                joined += take;
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
        long soft = network.pinnedSoftCost();
        long priced = 0;
        for (int r = 0; r < requestCount; r++) {
            settingOfRequest[r] = network.isPinned(r) ? network.pinnedSetting(r) : -1;
        }
        for (int i = 0; i < childCount; i++) {
            int r = flowRequests[i];
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
        }
        int unplaced = 0;
        for (int r = 0; r < requestCount; r++) {
            if (settingOfRequest[r] < 0) {
                unplaced++;
                priced += unplacedCost;
            }
        }
        return new ExactPlacementFlow(settingOfRequest, unplaced, soft, certified, unplacedCost,
                independentPlaced, priced, CapacityValues.Potentials.of(simplex, flowRequests, childCount, requestCount, sink));
    }

    static boolean usable(PlacementNetwork network, int p, int r, long[] requestPrice, long unplacedCost) {
        return network.residualCapacity(network.pairSetting(p)) > 0 && pairCost(network, p, r, requestPrice) <= unplacedCost;
    }

    static long pairCost(PlacementNetwork network, int p, int r, long[] requestPrice) {
        return network.pairSoftCost(p) + (network.pairIndependent(p) ? requestPrice[r] : 0);
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

    CapacityValues.Potentials potentials() {
        return potentials;
    }

    /** True when the LP optimality certificate checked out (see {@link NetworkSimplex#isCertifiedOptimal()}). */
    boolean certified() {
        return certified;
    }
}
