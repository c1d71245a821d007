package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.ProblemValidator;
import uk.sendplan.planner.domain.Setting;

/**
 * Where to add a number of new places: given candidate settings (each with the most places that could be added there)
 * and a budget of N places in all, the places to add that place the most children and then cost the least a year
 * (annual cost plus the policy penalties, the planner's soft score), exactly.
 *
 * <p>A budget counted in places, not money, keeps the problem a min-cost flow: the placement flow (see
 * {@link ExactPlacementFlow}) gains one node, "new places", an arc from each candidate setting to it (capacity = the
 * candidate's most places, cost 0) and one arc from it to the sink (capacity N). A flow through the new node is a child in
 * a new place; the flow on a candidate's arc is how many places to add there. The flow optimum is the investment's
 * optimum, with the same unplaced penalty M ordering children placed before pounds (M exceeds the soft cost of any whole
 * flow, so it exceeds any difference between two), and it is integral, so no rounding.
 *
 * <p>Only for plans of per-child rules: a limit on independent placements or weighed siblings couple children, the plan
 * is then no flow's optimum, and this refuses. A block contract's places (a setting reserved for some LAs) are not a
 * candidate: more of them is a new contract, not a new place. A setting whose kept children already exceed its places
 * is not one either: its first new places would only seat children already there.
 */
public final class Investment {

    /** Pairs per child in the first solve; the rest join only when the optimal potentials price them in. */
    private static final int FIRST_PAIRS_PER_CHILD = 12;

    /** Pairs per child that join in one pricing round at most (the most violated). */
    private static final int PAIRS_PER_CHILD_PER_ROUND = 12;

    /**
     * @param settingId the setting (in the service, a place cell)
     * @param places    places to add there
     */
    public record ExtraPlaces(String settingId, int places) {
    }

    /**
     * @param extraPlaces      where the new places go, most places first (ties by setting id); only settings given some
     * @param placedBefore     children placed by the exact optimum today
     * @param placedAfter      children placed with the new places
     * @param annualCostBefore fees and transport of today's optimum, £ a year
     * @param annualCostAfter  the same with the new places
     * @param softCostBefore   annual cost plus policy penalties (minus the soft score) today
     * @param softCostAfter    the same with the new places: the objective after children placed
     * @param certified        both flows passed the simplex's LP optimality certificate
     */
    public record Result(List<ExtraPlaces> extraPlaces, int placedBefore, int placedAfter, long annualCostBefore,
                         long annualCostAfter, long softCostBefore, long softCostAfter, boolean certified) {

        public int placesAdded() {
            return extraPlaces.stream().mapToInt(ExtraPlaces::places).sum();
        }
    }

    private Investment() {
    }

    /**
     * @param candidates setting id → the most places that may be added there (0 or more)
     * @param places     N, the most new places in all (0 or more); fewer are used when more would neither place a child nor save
     * @throws IllegalArgumentException when the problem is not of per-child rules, or a candidate is unknown, a block
     *                                  contract's, or has a negative limit, or N is negative
     */
    public static Result solve(PlacementProblem problem, Map<String, Integer> candidates, int places) {
        ProblemValidator.requireValid(problem);
        if (places < 0) {
            throw new IllegalArgumentException("places: must be 0 or more, not " + places);
        }
        PlacementNetwork network = new PlacementNetwork(problem);
        if (!network.pairwiseOnly()) {
            throw new IllegalArgumentException("where to invest is exact only for plans of per-child rules: this problem "
                    + (network.independentCaps().isEmpty() ? "weighs siblings kept together" : "limits independent placements"));
        }
        List<Setting> settings = problem.settings();
        int[] most = most(network, candidates);

        ExactPlacementFlow before = ExactPlacementFlow.solve(network);
        After after = withNewPlaces(network, most, places, new long[most.length]);

        List<ExtraPlaces> extra = new ArrayList<>();
        for (int s = 0; s < settings.size(); s++) {
            if (after.added[s] > 0) {
                extra.add(new ExtraPlaces(settings.get(s).id(), after.added[s]));
            }
        }
        extra.sort(Comparator.comparingInt(ExtraPlaces::places).reversed().thenComparing(ExtraPlaces::settingId));
        return new Result(List.copyOf(extra), network.requestCount() - before.unplacedCount(),
                network.requestCount() - after.unplaced, annualCost(network, before.assignment()),
                annualCost(network, after.settingOf), before.softCost(), after.softCost,
                before.certified() && after.certified);
    }

    /**
     * The flow's answer: each child's setting (-1 unplaced), places added at each setting, children unplaced, the soft
     * cost of the placements (the new places' own arc costs not included), and the unplaced penalty M it used.
     */
    record After(int[] settingOf, int[] added, int unplaced, long softCost, boolean certified, long unplacedCost) {
    }
    /** Each setting's most new places: the candidate's, or 0 (not a candidate, or kept children already over its places). */
    static int[] most(PlacementNetwork network, Map<String, Integer> candidates) {
        List<Setting> settings = network.problem().settings();
        Map<String, Integer> index = new HashMap<>();
        for (int s = 0; s < settings.size(); s++) {
            index.put(settings.get(s).id(), s);
        }
        int[] rawRoom = new int[settings.size()];
        for (int s = 0; s < settings.size(); s++) {
            rawRoom[s] = settings.get(s).capacity();
        }
        for (int r = 0; r < network.requestCount(); r++) {
            if (network.isPinned(r)) {
                rawRoom[network.pinnedSetting(r)]--;
            }
        }
        int[] most = new int[settings.size()];
        for (Map.Entry<String, Integer> candidate : candidates.entrySet()) {
            Integer s = index.get(candidate.getKey());
            if (s == null) {
                throw new IllegalArgumentException("candidate " + candidate.getKey() + ": no such setting in the problem");
            }
            if (candidate.getValue() < 0) {
                throw new IllegalArgumentException("candidate " + candidate.getKey() + ": most places must be 0 or more");
            }
            if (settings.get(s).reserved()) {
                throw new IllegalArgumentException("candidate " + candidate.getKey()
                        + ": a block contract's places are not a candidate for new places");
            }
            most[s] = rawRoom[s] < 0 ? 0 : candidate.getValue();
        }

        return most;
    }


    /**
     * The placement flow with the "new places" node. Like {@link ExactPlacementFlow}, it solves first with each child's
     * cheapest pairs, then lets in the pairs the optimal potentials price in until none is left: the result is optimal
     * on the whole network. Each new place at setting s costs placeCost[s] (0 but for a capital budget's price).
     */
    static After withNewPlaces(PlacementNetwork network, int[] most, int places, long[] placeCost) {
        int requestCount = network.requestCount();
        int settingCount = network.settingCount();
        int freeCount = 0;
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r)) {
                freeCount++;
            }
        }
        long unplacedCost = unplacedCost(network);
        boolean[] open = new boolean[settingCount];
        for (int s = 0; s < settingCount; s++) {
            open[s] = network.residualCapacity(s) > 0 || (most[s] > 0 && places > 0);
        }

        int[] flowRequests = new int[freeCount];
        int childCount = 0;
        for (int r = 0; r < requestCount; r++) {
            if (!network.isPinned(r)) {
                for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                    if (usable(network, open, p, unplacedCost)) {
                        flowRequests[childCount++] = r;
                        break;
                    }
                }
            }
        }
        int newPlaces = childCount + settingCount;
        int sink = newPlaces + 1;
        NetworkSimplex simplex = new NetworkSimplex(sink + 1, Math.addExact(network.pairCount(), childCount + 2 * settingCount + 1));
        int[] arcOfPair = new int[network.pairCount()];
        Arrays.fill(arcOfPair, -1);
        long[] costs = new long[0];
        int[] pairs = new int[0];
        for (int i = 0; i < childCount; i++) {
            int r = flowRequests[i];
            int count = network.pairEnd(r) - network.pairStart(r);
            if (costs.length < count) {
                costs = new long[count];
                pairs = new int[count];
            }
            int found = 0;
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                if (usable(network, open, p, unplacedCost)) {
                    costs[found] = network.pairSoftCost(p);
                    pairs[found++] = p;
                }
            }
            addCheapest(simplex, network, arcOfPair, i, childCount, costs, pairs, found, FIRST_PAIRS_PER_CHILD);
        }
        for (int i = 0; i < childCount; i++) {
            simplex.addArc(i, sink, 1, unplacedCost);
            simplex.setSupply(i, 1);
        }
        for (int s = 0; s < settingCount; s++) {
            simplex.addArc(childCount + s, sink, network.residualCapacity(s), 0);
        }
        int[] candidateArc = new int[settingCount];
        Arrays.fill(candidateArc, -1);
        for (int s = 0; s < settingCount; s++) {
            if (most[s] > 0) {
                candidateArc[s] = simplex.addArc(childCount + s, newPlaces, most[s], placeCost[s]);
            }
        }
        simplex.addArc(newPlaces, sink, places, 0);
        simplex.setSupply(sink, -childCount);

        boolean routed = simplex.solve();
        while (routed) {
            int joined = 0;
            for (int i = 0; i < childCount; i++) {
                int r = flowRequests[i];
                int count = network.pairEnd(r) - network.pairStart(r);
                if (costs.length < count) {
                    costs = new long[count];
                    pairs = new int[count];
                }
                int found = 0;
                for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                    if (arcOfPair[p] < 0 && usable(network, open, p, unplacedCost)) {
                        long reduced = network.pairSoftCost(p) + simplex.potential(i)
                                - simplex.potential(childCount + network.pairSetting(p));
                        if (reduced < 0) {
                            costs[found] = reduced;
                            pairs[found++] = p;
                        }
                    }
                }
                joined += addCheapest(simplex, network, arcOfPair, i, childCount, costs, pairs, found, PAIRS_PER_CHILD_PER_ROUND);
            }
            if (joined == 0) {
                break;
            }
            routed = simplex.resume();
        }
        if (!routed) {
            throw new IllegalStateException("the unplaced arcs make every instance feasible; the flow is not");
        }

        int[] settingOf = new int[requestCount];
        long soft = network.pinnedSoftCost();
        for (int r = 0; r < requestCount; r++) {
            settingOf[r] = network.isPinned(r) ? network.pinnedSetting(r) : -1;
        }
        for (int i = 0; i < childCount; i++) {
            int r = flowRequests[i];
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                if (arcOfPair[p] >= 0 && simplex.flow(arcOfPair[p]) == 1) {
                    settingOf[r] = network.pairSetting(p);
                    soft += network.pairSoftCost(p);
                }
            }
        }
        int unplaced = 0;
        for (int r = 0; r < requestCount; r++) {
            unplaced += settingOf[r] < 0 ? 1 : 0;
        }
        int[] added = new int[settingCount];
        for (int s = 0; s < settingCount; s++) {
            added[s] = candidateArc[s] >= 0 ? simplex.flow(candidateArc[s]) : 0;
        }
        return new After(settingOf, added, unplaced, soft, simplex.isCertifiedOptimal(), unplacedCost);
    }

    /** M: more than the soft cost of any whole flow, so one more child placed outweighs any saving. */
    static long unplacedCost(PlacementNetwork network) {
        int freeCount = 0;
        for (int r = 0; r < network.requestCount(); r++) {
            if (!network.isPinned(r)) {
                freeCount++;
            }
        }
        long maxPairCost = 0;
        for (int p = 0; p < network.pairCount(); p++) {
            maxPairCost = Math.max(maxPairCost, network.pairSoftCost(p));
        }
        return Math.multiplyExact(maxPairCost + 1, (long) freeCount + 1);
    }

    /** A pair can be in an optimum only when its setting can have a place and it costs less than leaving the child out. */
    private static boolean usable(PlacementNetwork network, boolean[] open, int p, long unplacedCost) {
        return open[network.pairSetting(p)] && network.pairSoftCost(p) <= unplacedCost;
    }

    /** Adds the {@code k} lowest-keyed of the {@code found} pairs (all when fewer) as arcs of flow child i; returns how many. */
    private static int addCheapest(NetworkSimplex simplex, PlacementNetwork network, int[] arcOfPair, int i, int childCount,
                                   long[] keys, int[] pairs, int found, int k) {
        long threshold = Long.MAX_VALUE;
        if (found > k) {
            long[] sorted = Arrays.copyOf(keys, found);
            Arrays.sort(sorted);
            threshold = sorted[k - 1];
        }
        int added = 0;
        for (int j = 0; j < found && added < k; j++) {
            if (keys[j] <= threshold) {
                int p = pairs[j];
                arcOfPair[p] = simplex.addArc(i, childCount + network.pairSetting(p), 1, network.pairSoftCost(p));
                added++;
            }
        }
        return added;
    }

    private static long annualCost(PlacementNetwork network, int[] settingOf) {
        List<PlacementRequest> requests = network.problem().requests();
        List<Setting> settings = network.problem().settings();
        long total = 0;
        for (int r = 0; r < requests.size(); r++) {
            if (settingOf[r] >= 0) {
                total += network.costModel().annualCost(requests.get(r), settings.get(settingOf[r]));
            }
        }
        return total;
    }
}
