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
 * place (one per capped LA, the Lagrange multiplier) gives a flow again. The prices are searched
 * (grown geometrically until the limit holds, then halved between the last price that broke it and
 * the first that kept it); every flow solved is a lower bound on the true optimum (weak duality),
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
        long[] low = new long[caps];
        long[] high = new long[caps];
        Arrays.fill(high, -1);
        // a price above the unplaced penalty makes an independent place worse than none: every limit then holds
        long ceiling = penalty + 1;
        long start = Math.max(1_000, maxPairCost(network) / 16);
        for (int solves = 1; ; solves++) {
            bound = Math.max(bound, bound(flow, price, room));
            boolean keepsLimits = true;
            for (int c = 0; c < caps; c++) {
                if (flow.independentPlaced(c) > room[c]) {
                    keepsLimits = false;
                    low[c] = price[c];
                } else {
                    high[c] = price[c];
                }
            }
            if (keepsLimits) {
                long objective = objective(flow, price);
                if (objective < bestObjective) {
                    bestObjective = objective;
                    best = flow.assignment();
                }
            } else {
                lastBreaking = flow;
            }
            if (best != null && bestObjective <= bound) {
                return new Construction(best, bound, penalty, true);
            }
            if (solves == MAX_SOLVES || converged(low, high)) {
                break;
            }
            for (int c = 0; c < caps; c++) {
                if (high[c] < 0) {
                    price[c] = Math.min(ceiling, price[c] == 0 ? start : price[c] * 4);
                } else {
                    price[c] = low[c] + (high[c] - low[c]) / 2;
                }
            }
            flow = ExactPlacementFlow.solve(network, price);
        }
        // the prices that keep the limits often leave independent places unused: choose who uses them and re-solve
        if (lastBreaking != null) {
            ExactPlacementFlow chosen = ExactPlacementFlow.solveWithRequestPrices(network,
                    onlyChosenMayUseIndependent(network, lastBreaking.assignment(), best, room, ceiling), new long[caps]);
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

    /**
     * Prices that let only some children of each capped LA take an independent place (no more than
     * the limit allows): those placed independently by the last plan that kept the limits, then
     * from the last plan that broke them, the ones who lose most by moving to their best other
     * setting. Everyone else of the LA pays {@code forbid}, dearer than staying unplaced.
     */
    private static long[] onlyChosenMayUseIndependent(PlacementNetwork network, int[] breaking, int[] keeping,
                                                      long[] room, long forbid) {
        List<Setting> settings = network.problem().settings();
        int caps = room.length;
        long[] requestPrice = new long[network.requestCount()];
        long[] chosen = new long[caps];
        List<List<long[]>> candidates = new ArrayList<>();
        for (int c = 0; c < caps; c++) {
            candidates.add(new ArrayList<>());
        }
        for (int r = 0; r < requestPrice.length; r++) {
            int c = network.capOf(r);
            if (c < 0 || network.isPinned(r)) {
                continue;
            }
            requestPrice[r] = forbid;
            if (keeping != null && keeping[r] >= 0 && settings.get(keeping[r]).type().isIndependent()) {
                requestPrice[r] = 0;
                chosen[c]++;
            } else if (breaking[r] >= 0 && settings.get(breaking[r]).type().isIndependent()) {
                candidates.get(c).add(new long[] {r, lossWithoutIndependent(network, r, breaking[r])});
            }
        }
        for (int c = 0; c < caps; c++) {
            List<long[]> ranked = candidates.get(c);
            ranked.sort(Comparator.comparingLong((long[] rl) -> rl[1]).reversed());
            for (int i = 0; i < ranked.size() && chosen[c] < room[c]; i++, chosen[c]++) {
                requestPrice[(int) ranked.get(i)[0]] = 0;
            }
        }
        return requestPrice;
    }

    /** What moving the child from independent setting {@code s} to its cheapest non-independent suitable setting costs. */
    private static long lossWithoutIndependent(PlacementNetwork network, int r, int s) {
        long here = Long.MAX_VALUE;
        long elsewhere = Long.MAX_VALUE;
        for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
            if (network.pairSetting(p) == s) {
                here = network.pairSoftCost(p);
            } else if (!network.pairIndependent(p)) {
                elsewhere = Math.min(elsewhere, network.pairSoftCost(p));
            }
        }
        return elsewhere == Long.MAX_VALUE ? Long.MAX_VALUE : elsewhere - here;
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
    private static long objective(ExactPlacementFlow flow, long[] price) {
        long objective = flow.pricedObjective();
        for (int c = 0; c < price.length; c++) {
            objective -= price[c] * flow.independentPlaced(c);
        }
        return objective;
    }

    private static boolean converged(long[] low, long[] high) {
        for (int c = 0; c < low.length; c++) {
            if (high[c] < 0 || high[c] - low[c] > 1) {
                return false;
            }
        }
        return true;
    }

    private static long maxPairCost(PlacementNetwork network) {
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
