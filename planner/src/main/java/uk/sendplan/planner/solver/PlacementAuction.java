package uk.sendplan.planner.solver;

/**
 * Prices for the start of {@link ExactPlacementFlow}: a forward auction (Bertsekas) in which each child without
 * a place bids for the setting where a place costs it least (its pair cost plus the setting's price) and raises
 * that setting's price by how much worse its second choice is, plus {@code epsilon}. A setting's places are a
 * heap of the prices they were bought at: a bidder takes the cheapest from its holder, who bids again. Leaving
 * the child unplaced is always on offer, at {@code unplacedCost}.
 *
 * <p>It proves nothing (the network simplex does) and need not be optimal. What it gives the simplex is what it
 * lacks on a contested national problem: prices. Ranked by raw cost, a child's optimal setting is often its 20th
 * choice or worse (on the generated England problem only 22% of children are placed in their cheapest setting,
 * and 28% beyond their 19th), so the cheapest pairs miss it and most pivots are spent finding it: 2.5 million of
 * them from a cost-ordered greedy start. Ranked by cost plus price it is nearly always among the first few, and
 * the auction's assignment is a near-optimal start: about 0.5 million pivots.
 *
 * <p>The flow's real unplaced cost M is dearer than any change in cost, so an auction with it would have children
 * in a crowded area outbid each other by a few pounds at a time until prices reach M: a price war (with M it had
 * not finished the 20,000-child region after nine minutes). The caller passes a moderate unplaced cost instead
 * (prices then stop at it), and a limit on bids: the children still bidding when it is reached start unplaced.
 */
final class PlacementAuction {

    /** The pair each flow child holds (-1 = unplaced) and each setting's price (0 while it has a place unsold). */
    record Result(int[] pairOfChild, long[] settingPrice, boolean finished) {
    }

    /** The price of a setting with no places: dearer than leaving any child unplaced, and no overflow when a cost is added. */
    private static final long NO_PLACES = Long.MAX_VALUE / 4;

    private PlacementAuction() {
    }

    /**
     * @param bidLimit most bids in all; a child still bidding then is left unplaced
     */
    static Result run(PlacementNetwork network, int[] flowRequests, int childCount, long[] requestPrice,
                      long unplacedCost, long epsilon, long bidLimit) {
        int settingCount = network.settingCount();
        // the places of setting s are heap slots heapStart[s] .. heapStart[s+1]-1, the first heapSize[s] sold
        int[] heapStart = new int[settingCount + 1];
        for (int s = 0; s < settingCount; s++) {
            heapStart[s + 1] = Math.addExact(heapStart[s], Math.min(network.residualCapacity(s), childCount));
        }
        int[] heapSize = new int[settingCount];
        // what a place in s costs a bidder now: 0 while one is unsold, then the cheapest sold one; NO_PLACES when it has none
        long[] price = new long[settingCount];
        for (int s = 0; s < settingCount; s++) {
            price[s] = heapStart[s + 1] == heapStart[s] ? NO_PLACES : 0;
        }
        long[] slotPrice = new long[heapStart[settingCount]];
        int[] slotChild = new int[heapStart[settingCount]];
        int[] pairOfChild = new int[childCount];
        java.util.Arrays.fill(pairOfChild, -1);
        // children waiting to bid, a ring: each is in it at most once (only a child without a place waits)
        int[] waiting = new int[childCount];
        for (int i = 0; i < childCount; i++) {
            waiting[i] = i;
        }
        int head = 0;
        int queued = childCount;
        long bids = 0;
        while (queued > 0 && bids < bidLimit) {
            int i = waiting[head];
            head = head + 1 == childCount ? 0 : head + 1;
            queued--;
            bids++;
            int r = flowRequests[i];
            long independentPrice = requestPrice[r];
            long best = unplacedCost;
            long second = unplacedCost;
            int bestPair = -1;
            // the inner loop of the whole auction (hundreds of pairs a bid, a million bids at England): one
            // random read per pair, the setting's price
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                long cost = network.pairSoftCost(p);
                if (independentPrice != 0 && network.pairIndependent(p)) {
                    cost += independentPrice;
                }
                if (cost > unplacedCost) {
                    continue;
                }
                long value = cost + price[network.pairSetting(p)];
                if (value < best) {
                    second = best;
                    best = value;
                    bestPair = p;
                } else if (value < second) {
                    second = value;
                }
            }
            if (bestPair < 0) {
                continue;
            }
            int s = network.pairSetting(bestPair);
            int base = heapStart[s];
            int places = heapStart[s + 1] - base;
            long bid = price[s] + (second - best) + epsilon;
            pairOfChild[i] = bestPair;
            if (heapSize[s] < places) {
                int k = heapSize[s]++;
                slotPrice[base + k] = bid;
                slotChild[base + k] = i;
                siftUp(slotPrice, slotChild, base, k);
            } else {
                int outbid = slotChild[base];
                pairOfChild[outbid] = -1;
                int tail = head + queued;
                waiting[tail >= childCount ? tail - childCount : tail] = outbid;
                queued++;
                slotPrice[base] = bid;
                slotChild[base] = i;
                siftDown(slotPrice, slotChild, base, places);
            }
            if (heapSize[s] == places) {
                price[s] = slotPrice[base];
            }
        }
        long[] settingPrice = new long[settingCount];
        for (int s = 0; s < settingCount; s++) {
            settingPrice[s] = price[s] == NO_PLACES ? 0 : price[s];
        }
        return new Result(pairOfChild, settingPrice, queued == 0);
    }

    private static void siftUp(long[] price, int[] child, int base, int k) {
        while (k > 0) {
            int parent = (k - 1) >> 1;
            if (price[base + parent] <= price[base + k]) {
                return;
            }
            swap(price, child, base + parent, base + k);
            k = parent;
        }
    }

    private static void siftDown(long[] price, int[] child, int base, int size) {
        int k = 0;
        while (true) {
            int left = 2 * k + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && price[base + left + 1] < price[base + left] ? left + 1 : left;
            if (price[base + k] <= price[base + smallest]) {
                return;
            }
            swap(price, child, base + k, base + smallest);
            k = smallest;
        }
    }

    private static void swap(long[] price, int[] child, int a, int b) {
        long p = price[a];
        price[a] = price[b];
        price[b] = p;
        int c = child[a];
        child[a] = child[b];
        child[b] = c;
    }
}
