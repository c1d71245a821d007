package uk.sendplan.planner.solver;

/**
 * Where {@link ExactPlacementFlow}'s network simplex starts: the pairs it first gets, the flow it starts from and
 * that flow's spanning tree. A {@link PlacementAuction} prices the settings; each child gets its cheapest pairs at
 * those prices (cost plus price) and the auction's assignment is the start flow. The start only saves pivots:
 * the simplex proves the optimum whatever it is.
 *
 * @param firstPairs  {@code k} pairs per flow child, -1 after the last
 * @param pairOfChild the pair each flow child starts in, -1 for unplaced
 */
record FlowStart(int[] firstPairs, int[] pairOfChild) {

    /**
     * The least raise of a price: 1/100 of the dearest pair. Measured: 1/26 gave the simplex a worse start at
     * England, 1/1,250 made the auction twice as slow on the region.
     */
    private static final long EPSILON_DIVISOR = 100;
    /** Most bids per child in the auction: a safety net, which the generated problems stay well below (15 per child at England). */
    private static final long BIDS_PER_CHILD = 20;

    static FlowStart of(PlacementNetwork network, int[] flowRequests, int childCount, long[] requestPrice,
                        long maxPairCost, long unplacedCost, int k) {
        // Prices stop at 3/5 of the dearest pair: high enough that a crowded setting's price tells children apart,
        // low enough that the price war over a crowded area ends in a few bids per child (measured at England:
        // the dearest pair itself as the cap ran out of bids and started worse, 2/5 started worse too).
        long auctionUnplacedCost = Math.min(unplacedCost, maxPairCost / 5 * 3 + 1);
        long epsilon = Math.max(1, maxPairCost / EPSILON_DIVISOR);
        PlacementAuction.Result auction = PlacementAuction.run(network, flowRequests, childCount, requestPrice,
                auctionUnplacedCost, epsilon, Math.multiplyExact(BIDS_PER_CHILD, (long) childCount));
        return new FlowStart(cheapestPairs(network, flowRequests, childCount, requestPrice, unplacedCost, k,
                auction.settingPrice()), auction.pairOfChild());
    }

    /**
     * A strongly feasible tree for the start flow (see {@link NetworkSimplex#solveFrom}), at most four deep:
     * the sink on the root; a setting with a place left on the sink, a full one below one of its children,
     * one with no places on the root; a placed child on the sink by its (empty) unplaced arc, an unplaced
     * child below one of its settings by an empty pair arc.
     */
    static int[] tree(NetworkSimplex simplex, int[] flow, int childCount, int settingCount,
                                    int firstUnplacedArc, int firstSettingArc) {
        int[] tree = new int[childCount + settingCount + 1];
        java.util.Arrays.fill(tree, -1);
        for (int e = 0; e < firstUnplacedArc; e++) {
            int child = simplex.source(e);
            int settingNode = simplex.target(e);
            if (flow[e] == 1) {
                tree[child] = firstUnplacedArc + child;
                tree[settingNode] = e;
            } else if (tree[child] < 0 && flow[firstUnplacedArc + child] == 1) {
                tree[child] = e;
            }
        }
        for (int s = 0; s < settingCount; s++) {
            int e = firstSettingArc + s;
            if (flow[e] < simplex.capacity(e)) {
                tree[childCount + s] = e;
            } else if (simplex.capacity(e) == 0) {
                tree[childCount + s] = -1;
            }
        }
        return tree;
    }

    /**
     * The {@code k} cheapest usable pairs of every flow child at the settings' prices (pair cost plus price; all
     * of them when it has fewer), as slices of k entries per child, -1 after the last.
     */
    private static int[] cheapestPairs(PlacementNetwork network, int[] flowRequests, int childCount,
                                       long[] requestPrice, long unplacedCost, int k, long[] settingPrice) {
        int[] chosen = new int[Math.multiplyExact(childCount, k)];
        java.util.Arrays.fill(chosen, -1);
        long[] costs = new long[0];
        int[] pairs = new int[0];
        for (int i = 0; i < childCount; i++) {
            int r = flowRequests[i];
            int count = 0;
            int start = network.pairStart(r);
            int end = network.pairEnd(r);
            if (costs.length < end - start) {
                costs = new long[end - start];
                pairs = new int[end - start];
            }
            for (int p = start; p < end; p++) {
                if (ExactPlacementFlow.usable(network, p, r, requestPrice, unplacedCost)) {
                    costs[count] = ExactPlacementFlow.pairCost(network, p, r, requestPrice) + settingPrice[network.pairSetting(p)];
                    pairs[count++] = p;
                }
            }
            long threshold = Long.MAX_VALUE;
            if (count > k) {
                long[] sorted = java.util.Arrays.copyOf(costs, count);
                java.util.Arrays.sort(sorted);
                threshold = sorted[k - 1];
            }
            int taken = 0;
            for (int j = 0; j < count && taken < k; j++) {
                if (costs[j] <= threshold) {
                    chosen[i * k + taken++] = pairs[j];
                }
            }
        }
        return chosen;
    }
}
