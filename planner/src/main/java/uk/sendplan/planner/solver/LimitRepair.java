package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import uk.sendplan.planner.domain.Setting;

/**
 * Turns a flow that breaks limits on independent placements into one that keeps them: only chosen children of each
 * capped LA may take an independent place, no more than its limit, and everyone else of the LA pays a price dearer
 * than staying unplaced. The chosen are those placed independently by the last plan that kept the limits, then, from
 * the flow that broke them, those who lose most by moving off. Where the re-solved flow leaves an LA's independent
 * places unused (its children moved elsewhere), the children who gain most from one are let in and the flow solved
 * again, for a few rounds.
 */
final class LimitRepair {

    /** Re-solves at most after the first: each round lets children into places the last one left unused. */
    static final int FILL_ROUNDS = 3;

    private LimitRepair() {
    }

    /** The best flow that keeps every limit, by the true objective. */
    static ExactPlacementFlow repair(PlacementNetwork network, ExactPlacementFlow breaking, int[] keeping, long[] room,
                                     long forbid) {
        long[] noPrices = new long[room.length];
        long[] requestPrice = onlyChosenMayUseIndependent(network, breaking, keeping, room, forbid);
        ExactPlacementFlow best = ExactPlacementFlow.solveWithRequestPrices(network, requestPrice, noPrices);
        ExactPlacementFlow last = best;
        for (int round = 0; round < FILL_ROUNDS && letInto(network, last, requestPrice, room, forbid); round++) {
            last = ExactPlacementFlow.solveWithRequestPrices(network, requestPrice, noPrices);
            // those chosen before may come back beside those let in: a round that breaks a limit is not a plan
            if (keepsLimits(last, room)
                    && LagrangianConstruction.objective(last, noPrices) < LagrangianConstruction.objective(best, noPrices)) {
                best = last;
            }
        }
        return best;
    }

    private static boolean keepsLimits(ExactPlacementFlow flow, long[] room) {
        for (int c = 0; c < room.length; c++) {
            if (flow.independentPlaced(c) > room[c]) {
                return false;
            }
        }
        return true;
    }

    private static long[] onlyChosenMayUseIndependent(PlacementNetwork network, ExactPlacementFlow breakingFlow,
                                                      int[] keeping, long[] room, long forbid) {
        int[] breaking = breakingFlow.assignment();
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
                candidates.get(c).add(new long[] {r, lossWithoutIndependent(network, breakingFlow, r, breaking[r])});
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

    /**
     * Lets children of LAs with unused independent places choose one: in each, up to the places unused, those who
     * gain most from their best independent setting (at the flow's values of places), if they gain at all.
     *
     * @return whether anyone was let in
     */
    private static boolean letInto(PlacementNetwork network, ExactPlacementFlow flow, long[] requestPrice, long[] room,
                                   long forbid) {
        int caps = room.length;
        List<List<long[]>> candidates = new ArrayList<>();
        for (int c = 0; c < caps; c++) {
            candidates.add(new ArrayList<>());
        }
        int[] assignment = flow.assignment();
        for (int r = 0; r < assignment.length; r++) {
            int c = network.capOf(r);
            if (c >= 0 && !network.isPinned(r) && requestPrice[r] == forbid && flow.independentPlaced(c) < room[c]) {
                long gain = gainFromIndependent(network, flow, r, assignment[r]);
                if (gain > 0) {
                    candidates.get(c).add(new long[] {r, gain});
                }
            }
        }
        boolean letIn = false;
        for (int c = 0; c < caps; c++) {
            List<long[]> ranked = candidates.get(c);
            ranked.sort(Comparator.comparingLong((long[] rg) -> rg[1]).reversed());
            long unused = room[c] - flow.independentPlaced(c);
            for (int i = 0; i < ranked.size() && i < unused; i++) {
                requestPrice[(int) ranked.get(i)[0]] = 0;
                letIn = true;
            }
        }
        return letIn;
    }

    /** What the child's best independent setting saves against where the flow has it (or unplaced), at the flow's values. */
    private static long gainFromIndependent(PlacementNetwork network, ExactPlacementFlow flow, int r, int current) {
        CapacityValues.Potentials potentials = flow.potentials();
        long now = flow.unplacedPenalty() - potentials.ofSink();
        long independent = Long.MAX_VALUE;
        for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
            long value = network.pairSoftCost(p) - potentials.ofSetting(network.pairSetting(p));
            if (network.pairSetting(p) == current) {
                now = value;
            } else if (network.pairIndependent(p)) {
                independent = Math.min(independent, value);
            }
        }
        return independent == Long.MAX_VALUE ? 0 : now - independent;
    }

    /**
     * What moving the child off independent setting {@code s} costs, at the flow's prices of places: its cheapest other
     * choice (a non-independent setting, or none) against this one, each less the value the flow puts on a place there
     * (the setting's potential), so that a choice whose places are all taken counts as dear as it is.
     */
    private static long lossWithoutIndependent(PlacementNetwork network, ExactPlacementFlow flow, int r, int s) {
        CapacityValues.Potentials potentials = flow.potentials();
        long here = Long.MAX_VALUE;
        long elsewhere = flow.unplacedPenalty() - potentials.ofSink();
        for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
            long value = network.pairSoftCost(p) - potentials.ofSetting(network.pairSetting(p));
            if (network.pairSetting(p) == s) {
                here = value;
            } else if (!network.pairIndependent(p)) {
                elsewhere = Math.min(elsewhere, value);
            }
        }
        return elsewhere - here;
    }
}
