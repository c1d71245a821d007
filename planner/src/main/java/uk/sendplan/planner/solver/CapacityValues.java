package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * The value of one more place in each setting, exactly, from an optimal placement flow.
 *
 * <p>One more place at setting s adds a unit of capacity to the arc s → sink. The new optimum differs from the old by
 * the cheapest cycle through that new unit in the old flow's residual network: sink → … → s → sink, i.e. the shortest
 * residual path from the sink to s (the old residual network has no negative cycle, and the new arc carries one unit,
 * so one cycle is the whole change). Such a path starts either back along a setting's arc (that setting ends with a
 * free place) or back along a child's "unplaced" arc (that child gets a place, at −M), then alternates: a child leaves
 * the setting it is in and takes a place in another, until one takes the new place at s. The change is
 * min(0, that distance).
 *
 * <p>The simplex's node potential of s alone is a dual price, but at a degenerate optimum (a full setting whose arc is
 * in the spanning tree at its bound) it is only one of many and need not be the value of the next place. The shortest
 * path is: it is the right-hand derivative of the optimum in s's capacity. The optimal potentials make every residual
 * arc's reduced cost non-negative, so one Dijkstra from the sink over the children and settings of the flow gives every
 * setting's path at once. A setting with a place left is worth nothing more; a setting at its places gets the new one.
 *
 * <p>Because M exceeds any change in soft cost between two flows, the change is −M·k + Δsoft with k ∈ {0, 1}: whether
 * the path starts at an unplaced child. The path's moves are replayed to give the annual-cost change as well.
 *
 * <p>Only for the pure flow (every rule pairwise): with a limit on independent placements or weighed siblings the plan
 * is not the flow's optimum, and the caller computes nothing.
 */
final class CapacityValues {

    /** The optimal flow's node potentials: flow node per request (-1 when not in the flow), then settings, then the sink. */
    record Potentials(int[] nodeOfRequest, long[] potential, int firstSettingNode, int sink) {

        /** The simplex's final potentials; flow node i is request {@code flowRequests[i]}, settings follow the children. */
        static Potentials of(NetworkSimplex simplex, int[] flowRequests, int childCount, int requestCount, int sink) {
            int[] nodeOfRequest = new int[requestCount];
            Arrays.fill(nodeOfRequest, -1);
            for (int i = 0; i < childCount; i++) {
                nodeOfRequest[flowRequests[i]] = i;
            }
            long[] potential = new long[sink + 1];
            for (int node = 0; node <= sink; node++) {
                potential[node] = simplex.potential(node);
            }
            return new Potentials(nodeOfRequest, potential, childCount, sink);
        }

        long ofRequest(int r) {
            return potential[nodeOfRequest[r]];
        }

        long ofSetting(int s) {
            return potential[firstSettingNode + s];
        }

        long ofSink() {
            return potential[sink];
        }
    }

    private static final long UNREACHED = Long.MAX_VALUE;

    private CapacityValues() {
    }

    /** Every setting where one more place changes the optimum, best first. */
    static List<PlaceValue> of(PlacementNetwork network, ExactPlacementFlow flow) {
        if (!network.pairwiseOnly()) {
            throw new IllegalArgumentException("place values are exact for the pure flow only");
        }
        Potentials pi = flow.potentials();
        int settingCount = network.settingCount();
        int requestCount = network.requestCount();
        long m = flow.unplacedPenalty();
        int[] at = flow.assignment();

        // the free children each setting holds in the flow (residual arcs setting → child)
        int[] start = new int[settingCount + 1];
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r) && at[r] >= 0) {
                start[at[r] + 1]++;
            }
        }
        for (int s = 0; s < settingCount; s++) {
            start[s + 1] += start[s];
        }
        int[] held = new int[start[settingCount]];
        int[] fill = Arrays.copyOf(start, settingCount);
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r) && at[r] >= 0) {
                held[fill[at[r]]++] = r;
            }
        }

        // Dijkstra from the sink on reduced costs; nodes: settings 0..S-1, then requests S..S+R-1
        long[] dist = new long[settingCount + requestCount];
        int[] pred = new int[settingCount + requestCount];
        Arrays.fill(dist, UNREACHED);
        Arrays.fill(pred, -1);
        Heap heap = new Heap(dist);
        for (int s = 0; s < settingCount; s++) {
            if (start[s + 1] > start[s]) {
                heap.offer(s, reduced(pi.ofSink() - pi.ofSetting(s)));
            }
        }
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r) && at[r] < 0 && pi.nodeOfRequest()[r] >= 0) {
                heap.offer(settingCount + r, reduced(pi.ofSink() - pi.ofRequest(r) - m));
            }
        }
        for (int node = heap.poll(); node >= 0; node = heap.poll()) {
            if (node < settingCount) {
                for (int k = start[node]; k < start[node + 1]; k++) {
                    int y = held[k];
                    long rc = reduced(-(cost(network, y, node) + pi.ofRequest(y) - pi.ofSetting(node)));
                    if (heap.relax(settingCount + y, dist[node] + rc)) {
                        pred[settingCount + y] = node;
                    }
                }
            } else {
                int y = node - settingCount;
                for (int p = network.pairStart(y); p < network.pairEnd(y); p++) {
                    int s = network.pairSetting(p);
                    if (s != at[y] && network.residualCapacity(s) > 0 && network.pairSoftCost(p) <= m) {
                        long rc = reduced(network.pairSoftCost(p) + pi.ofRequest(y) - pi.ofSetting(s));
                        if (heap.relax(s, dist[node] + rc)) {
                            pred[s] = y;
                        }
                    }
                }
            }
        }

        // the last step of each path: a child takes the new place at s
        int[] rawRoom = rawRoom(network);
        long[] best = new long[settingCount];
        int[] bestChild = new int[settingCount];
        Arrays.fill(best, 0);
        Arrays.fill(bestChild, -1);
        for (int r = 0; r < requestCount; r++) {
            long d;
            if (network.isPinned(r)) {
                continue;
            } else if (pi.nodeOfRequest()[r] >= 0) {
                if (dist[settingCount + r] == UNREACHED) {
                    continue;
                }
                d = dist[settingCount + r] - pi.ofSink() + pi.ofRequest(r);
            } else {
                d = -m;  // unplaced whatever happens today: reached straight from the sink along its unplaced arc
            }
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                int s = network.pairSetting(p);
                if (s != at[r] && rawRoom[s] >= 0 && network.pairSoftCost(p) <= m && d + network.pairSoftCost(p) < best[s]) {
                    best[s] = d + network.pairSoftCost(p);
                    bestChild[s] = r;
                }
            }
        }

        List<PlaceValue> values = new ArrayList<>();
        for (int s = 0; s < settingCount; s++) {
            if (bestChild[s] >= 0) {
                values.add(replay(network, at, pred, settingCount, s, bestChild[s], best[s], m));
            }
        }
        values.sort(PlaceValue.BEST_FIRST);
        return values;
    }

    /**
     * Walks the path back from s, applying each move: the annual cost changes alongside the soft cost, and the soft cost
     * must come to the path's length (plus M when it places a child), which checks the distances.
     */
    private static PlaceValue replay(PlacementNetwork network, int[] at, int[] pred, int settingCount, int s, int child,
                                     long length, long m) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        CostModel model = network.costModel();
        long soft = 0;
        long annual = 0;
        int moved = 0;
        int placed = 0;
        int target = s;
        int y = child;
        while (true) {
            PlacementRequest request = requests.get(y);
            soft += model.softCost(request, settings.get(target));
            annual += model.annualCost(request, settings.get(target));
            int from = at[y];
            if (from < 0) {
                placed = 1;
                break;
            }
            soft -= model.softCost(request, settings.get(from));
            annual -= model.annualCost(request, settings.get(from));
            moved++;
            int previous = pred[from];
            if (previous < 0) {
                break;  // the first setting on the path ends with a place free
            }
            target = from;
            y = previous;
        }
        if (soft - placed * m != length) {
            throw new IllegalStateException("place value of " + settings.get(s).id() + ": the moves cost " + soft
                    + " but the path " + length);
        }
        return new PlaceValue(settings.get(s).id(), placed, -soft, -annual, moved);
    }

    private static long cost(PlacementNetwork network, int request, int setting) {
        for (int p = network.pairStart(request); p < network.pairEnd(request); p++) {
            if (network.pairSetting(p) == setting) {
                return network.pairSoftCost(p);
            }
        }
        throw new IllegalStateException("the flow placed request " + request + " in setting " + setting + " without a pair");
    }

    /** Optimal potentials leave no residual arc with a negative reduced cost; one would mean the flow is not optimal. */
    private static long reduced(long value) {
        if (value < 0) {
            throw new IllegalStateException("negative reduced cost " + value + ": the flow is not optimal");
        }
        return value;
    }

    /** Places left after pinned children, unclamped: a setting below 0 (pinned children over its places) gains no usable place from one more. */
    private static int[] rawRoom(PlacementNetwork network) {
        List<Setting> settings = network.problem().settings();
        int[] room = new int[settings.size()];
        for (int s = 0; s < room.length; s++) {
            room[s] = settings.get(s).capacity();
        }
        for (int r = 0; r < network.requestCount(); r++) {
            if (network.isPinned(r)) {
                room[network.pinnedSetting(r)]--;
            }
        }
        return room;
    }

    /** A binary heap of nodes keyed by {@code dist}, with decrease-key. */
    private static final class Heap {
        private final long[] dist;
        private final int[] heap;
        private final int[] position;
        private int size;

        Heap(long[] dist) {
            this.dist = dist;
            this.heap = new int[dist.length];
            this.position = new int[dist.length];
            Arrays.fill(position, -1);
        }

        void offer(int node, long key) {
            relax(node, key);
        }

        /** Lowers the node's key to {@code key} if that is lower; true when it did. A polled node is never lowered. */
        boolean relax(int node, long key) {
            if (position[node] == Integer.MIN_VALUE || key >= dist[node]) {
                return false;
            }
            dist[node] = key;
            if (position[node] < 0) {
                heap[size] = node;
                position[node] = size++;
            }
            up(position[node]);
            return true;
        }

        /** The nearest node not yet polled, or -1. */
        int poll() {
            if (size == 0) {
                return -1;
            }
            int top = heap[0];
            position[top] = Integer.MIN_VALUE;  // settled
            heap[0] = heap[--size];
            if (size > 0) {
                position[heap[0]] = 0;
                down(0);
            }
            return top;
        }

        private void up(int i) {
            int node = heap[i];
            while (i > 0 && dist[heap[(i - 1) / 2]] > dist[node]) {
                heap[i] = heap[(i - 1) / 2];
                position[heap[i]] = i;
                i = (i - 1) / 2;
            }
            heap[i] = node;
            position[node] = i;
        }

        private void down(int i) {
            int node = heap[i];
            while (2 * i + 1 < size) {
                int c = 2 * i + 1;
                if (c + 1 < size && dist[heap[c + 1]] < dist[heap[c]]) {
                    c++;
                }
                if (dist[heap[c]] >= dist[node]) {
                    break;
                }
                heap[i] = heap[c];
                position[heap[i]] = i;
                i = c;
            }
            heap[i] = node;
            position[node] = i;
        }
    }
}
