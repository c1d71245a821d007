package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * The exact construction when local authorities limit their independent placements. The limits
 * couple children, so the problem is no longer a flow; relaxing them with a price per independent
 * place (one per capped LA, the Lagrange multiplier) gives a flow again. The prices are searched with
 * cutting planes ({@link PriceCuts}); every flow solved is a lower bound on the true optimum (weak duality),
 * and every flow that keeps all the limits is a plan. When the best plan reaches the best bound it
 * is proven optimal. Otherwise the best plan (or, if none kept every limit, the last flow with its
 * excess independent placements released) is local search's start.
 */
final class LagrangianConstruction {

    /** Flow solves at most: each is a full min-cost flow, so this bounds the construction to about 20 of them. */
    static final int MAX_SOLVES = 20;

    private LagrangianConstruction() {
    }

    static Construction construct(PlacementNetwork network) {
        int caps = network.independentCaps().size();
        long[] price = new long[caps];
        ExactPlacementFlow flow = ExactPlacementFlow.solve(network, price);
        long penalty = flow.unplacedPenalty();
        long[] room = new long[caps];
        for (int c = 0; c < caps; c++) {
            room[c] = Math.max(0, network.independentRoom(c));
        }
        long bound = Long.MIN_VALUE;
        int[] best = null;
        long bestObjective = Long.MAX_VALUE;
        ExactPlacementFlow lastBreaking = null;
        // a price above the unplaced penalty makes an independent place worse than none: every limit then holds
        long ceiling = penalty + 1;
        PriceCuts cuts = new PriceCuts(ceiling, dearestPair(network));
        // per LA, the dearest price that broke its limit and the cheapest that kept it: its next price lies between
        long[] low = new long[caps];
        long[] high = new long[caps];
        Arrays.fill(high, ceiling);
        for (int solves = 1; ; solves++) {
            bound = Math.max(bound, bound(flow, price, room));
            long[] excess = new long[caps];
            boolean keepsLimits = true;
            for (int c = 0; c < caps; c++) {
                excess[c] = flow.independentPlaced(c) - room[c];
                keepsLimits &= excess[c] <= 0;
                if (excess[c] > 0) {
                    low[c] = Math.max(low[c], price[c]);
                } else {
                    high[c] = Math.min(high[c], price[c]);
                }
            }
            long cost = objective(flow, price);
            cuts.add(cost, excess);
            if (keepsLimits) {
                if (cost < bestObjective) {
                    bestObjective = cost;
                    best = flow.assignment();
                }
            } else {
                lastBreaking = flow;
            }
            if (best != null && bestObjective <= bound) {
                return new Construction(best, bound, penalty, true);
            }
            long[] next = cuts.next(price, low, high);
            if (solves == MAX_SOLVES || Arrays.equals(next, price)) {
                break;
            }
            price = next;
            flow = ExactPlacementFlow.solve(network, price);
        }
        // the prices that keep the limits often leave independent places unused: choose who uses them and re-solve
        if (lastBreaking != null) {
            ExactPlacementFlow chosen = LimitRepair.repair(network, lastBreaking, best, room, ceiling);
            long objective = objective(chosen, new long[caps]);
            if (objective < bestObjective) {
                bestObjective = objective;
                best = chosen.assignment();
            }
        }
        if (best == null) {
            best = releaseExcess(network, flow.assignment(), room);
        }
        return new Construction(best, bound, penalty, bestObjective <= bound);
    }

    /** Weak duality: the priced optimum minus the prices of the places the limits allow. */
    private static long bound(ExactPlacementFlow flow, long[] price, long[] room) {
        long bound = flow.pricedObjective();
        for (int c = 0; c < price.length; c++) {
            bound -= price[c] * room[c];
        }
        return bound;
    }

    /** The flow's plan on the true objective: the priced objective without the prices paid. */
    static long objective(ExactPlacementFlow flow, long[] price) {
        long objective = flow.pricedObjective();
        for (int c = 0; c < price.length; c++) {
            objective -= price[c] * flow.independentPlaced(c);
        }
        return objective;
    }

    private static long dearestPair(PlacementNetwork network) {
        long max = 0;
        for (int p = 0; p < network.pairCount(); p++) {
            max = Math.max(max, network.pairSoftCost(p));
        }
        return max;
    }

    /**
     * Keeps every limit by leaving unplaced, in each LA over its limit, the independent placements
     * that cost most, until the LA is within it. A last resort: local search then re-places them.
     */
    private static int[] releaseExcess(PlacementNetwork network, int[] assignment, long[] room) {
        List<List<Integer>> independent = new ArrayList<>();
        for (int c = 0; c < room.length; c++) {
            independent.add(new ArrayList<>());
        }
        List<Setting> settings = network.problem().settings();
        List<PlacementRequest> requests = network.problem().requests();
        for (int r = 0; r < assignment.length; r++) {
            int c = network.capOf(r);
            if (c >= 0 && !network.isPinned(r) && assignment[r] >= 0 && settings.get(assignment[r]).type().isIndependent()) {
                independent.get(c).add(r);
            }
        }
        for (int c = 0; c < room.length; c++) {
            List<Integer> placed = independent.get(c);
            placed.sort(Comparator.comparingLong((Integer r) ->
                    network.costModel().softCost(requests.get(r), settings.get(assignment[r]))).reversed());
            for (int i = 0; i < placed.size() - room[c]; i++) {
                assignment[placed.get(i)] = -1;
            }
        }
        return assignment;
    }
}
