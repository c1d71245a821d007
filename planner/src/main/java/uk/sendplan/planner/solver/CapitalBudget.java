package uk.sendplan.planner.solver;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.ProblemValidator;
import uk.sendplan.planner.domain.Setting;

/**
 * Where to invest a capital budget: new places cost capital, a sum per place that depends on the candidate (in the
 * service, on its kind of setting), and the places bought must cost at most the budget. Most children placed first,
 * then the least soft cost a year, as {@link Investment}.
 *
 * <p>A budget in money is a knapsack constraint over the flow, so no flow is its optimum. It is priced instead
 * (Lagrangian relaxation): at a price λ per pound of capital, a new place at s costs ⌊λ·capital(s)⌋ on its arc, and
 * the flow with those arc costs, less λ·budget, is a lower bound on the best plan within the budget (every plan within
 * it pays at most λ·budget for its places). The price is searched (raised fourfold, then halving the interval) for the
 * cheapest flow whose places fit the budget, which is the answer, and the best bound, which says how far from the
 * optimum it can be: at most so many children fewer placed, or, with as many placed, at most so many pounds a year
 * more. Places the priced flows bought beyond the answer are then added in order of capital while the budget allows,
 * and kept when that places more children or saves.
 */
public final class CapitalBudget {

    /** Flows solved in the price search at most; it stops earlier when the bound meets the answer. */
    static final int MAX_FLOWS = 24;

    /**
     * @param investment         the chosen places and what they do, as {@link Investment#solve} reports them
     * @param capitalUsed        capital of the chosen places, £
     * @param budget             the budget, £
     * @param placedUpperBound   no plan within the budget places more children than this
     * @param softCostLowerBound when placedUpperBound is the answer's children placed: no plan within the budget that places
     *                           them costs less a year (soft cost) than this; otherwise -1
     * @param provenOptimal      the bound meets the answer: no plan within the budget is better
     * @param flowsSolved        priced flows solved
     */
    public record Result(Investment.Result investment, long capitalUsed, long budget, int placedUpperBound, long softCostLowerBound,
                         boolean provenOptimal, int flowsSolved) {
    }

    private CapitalBudget() {
    }

    /**
     * @param candidates      setting id → the most places that may be added there
     * @param capitalPerPlace setting id → capital per new place there, £ (0 or more), for every candidate
     * @param places          the most new places in all, whatever the budget
     * @param budget          capital to spend at most, £ (0 or more)
     */
    public static Result solve(PlacementProblem problem, Map<String, Integer> candidates, Map<String, Long> capitalPerPlace, int places, long budget) {
        ProblemValidator.requireValid(problem);
        if (budget < 0 || places < 0) {
            throw new IllegalArgumentException("budget and places: must be 0 or more");
        }
        PlacementNetwork network = new PlacementNetwork(problem);
        if (!network.pairwiseOnly()) {
            throw new IllegalArgumentException("where to invest is exact only for plans of per-child rules: this problem "
                    + (network.independentCaps().isEmpty() ? "weighs siblings kept together" : "limits independent placements"));
        }
        List<Setting> settings = problem.settings();
        int[] most = Investment.most(network, candidates);
        long[] capital = new long[settings.size()];
        for (int s = 0; s < settings.size(); s++) {
            if (candidates.containsKey(settings.get(s).id())) {
                Long perPlace = capitalPerPlace.get(settings.get(s).id());
                if (perPlace == null || perPlace < 0) {
                    throw new IllegalArgumentException("candidate " + settings.get(s).id() + ": needs a capital cost per place of 0 or more");
                }
                capital[s] = perPlace;
                // a place dearer than the whole budget can never be bought
                most[s] = perPlace > budget ? 0 : most[s];
            }
        }
        Search search = new Search(network, most, capital, places, budget);
        Investment.After best = search.run();
        int[] chosen = search.fill(best);

        Map<String, Integer> bought = new HashMap<>();
        int total = 0;
        long capitalUsed = 0;
        for (int s = 0; s < settings.size(); s++) {
            if (chosen[s] > 0) {
                bought.put(settings.get(s).id(), chosen[s]);
                total += chosen[s];
                capitalUsed += chosen[s] * capital[s];
            }
        }
        Investment.Result investment = Investment.solve(problem, bought, total);
        long m = search.unplacedCost;
        long objective = m * (network.requestCount() - investment.placedAfter()) + investment.softCostAfter();
        long bound = search.bound;
        int placedUpperBound = network.requestCount() - (int) Math.max(0, Math.floorDiv(bound, m));
        long softLower = placedUpperBound == investment.placedAfter() ? Math.max(0, bound - m * (network.requestCount() - placedUpperBound)) : -1;
        return new Result(investment, capitalUsed, budget, placedUpperBound, softLower, bound >= objective, search.flows);
    }

    /** The price search over one network. */
    private static final class Search {
        private final PlacementNetwork network;
        private final int[] most;
        private final long[] capital;
        private final int places;
        private final long budget;
        final long unplacedCost;
        long bound = Long.MIN_VALUE;
        int flows;
        /** g: prices are multiples of 1/g. */
        private long unit = 1;
        /** The dearest priced flow's places: it bought more than the budget allows. */
        private int[] over;
        private long bestObjective = Long.MAX_VALUE;

        Search(PlacementNetwork network, int[] most, long[] capital, int places, long budget) {
            this.network = network;
            this.most = most;
            this.capital = capital;
            this.places = places;
            this.budget = budget;
            this.unplacedCost = Investment.unplacedCost(network);
        }

        /**
         * The best flow within the budget found by the price search. Prices are k/g pounds a year per pound of capital,
         * k a whole number and g the greatest common divisor of the candidates' capital per place, so every arc cost
         * k·capital/g is exact and the bound loses nothing to rounding. At k = 1 every place with capital costs at least
         * £1 on its arc, so a place that neither places a child nor saves is never bought.
         */
        Investment.After run() {
            Investment.After best = null;
            long g = 0;
            long cheapest = Long.MAX_VALUE;
            for (int s = 0; s < capital.length; s++) {
                if (most[s] > 0 && capital[s] > 0) {
                    g = BigInteger.valueOf(g).gcd(BigInteger.valueOf(capital[s])).longValueExact();
                    cheapest = Math.min(cheapest, capital[s]);
                }
            }
            if (g == 0) {
                // no place that may be bought costs capital: the budget binds nothing, and the flow at price 0 is the answer
                Investment.After free = priced(0);
                bestObjective = unplacedCost * free.unplaced() + free.softCost();
                return free;
            }
            unit = g;
            // at this k every place with capital costs more than 2M on its arc, so none is bought
            long ceiling = Math.max(1, Math.ceilDiv(Math.multiplyExact(2, unplacedCost), cheapest / g));
            long low = 0;
            long high = -1;
            long k = 1;
            while (flows < MAX_FLOWS) {
                Investment.After after = priced(k);
                long used = capitalOf(after.added());
                long objective = unplacedCost * after.unplaced() + after.softCost();
                if (used <= budget) {
                    if (objective < bestObjective) {
                        bestObjective = objective;
                        best = after;
                    }
                    high = k;
                } else {
                    over = after.added();
                    low = k;
                }
                if (bound >= bestObjective || k >= ceiling || (high >= 0 && high - low <= 1)) {
                    break;
                }
                // raise the price fourfold until the places fit the budget, then halve the interval between the last two prices
                k = high < 0 ? Math.min(ceiling, k * 4) : low + (high - low) / 2;
            }
            if (best == null) {
                // the search ran out before the budget fitted: at the ceiling only places free of capital are bought
                best = priced(ceiling);
                bestObjective = unplacedCost * best.unplaced() + best.softCost();
            }
            return best;
        }

        /** The flow at price k/g; keeps the bound it gives. */
        private Investment.After priced(long k) {
            long[] cost = new long[most.length];
            for (int s = 0; s < most.length; s++) {
                // a place dearer than 2M is never bought (it gains at most a child, M, and less than M of savings), so the
                // cap changes no flow, keeps the network's sums far from overflow, and keeps each cost at most λ·capital
                BigInteger exact = BigInteger.valueOf(k).multiply(BigInteger.valueOf(capital[s] / unit));
                cost[s] = exact.min(BigInteger.valueOf(4 * unplacedCost)).longValueExact();
            }
            Investment.After after = Investment.withNewPlaces(network, most, places, cost);
            flows++;
            long flowCost = Math.addExact(Math.multiplyExact(unplacedCost, after.unplaced()), after.softCost());
            for (int s = 0; s < most.length; s++) {
                flowCost = Math.addExact(flowCost, Math.multiplyExact(after.added()[s], cost[s]));
            }
            // objectives are whole pounds, so the bound, the flow's cost less k·budget/g, may be rounded up
            BigInteger paid = BigInteger.valueOf(k).multiply(BigInteger.valueOf(budget))
                    .divide(BigInteger.valueOf(unit));
            BigInteger priced = BigInteger.valueOf(flowCost).subtract(paid);
            if (priced.compareTo(BigInteger.valueOf(bound)) > 0) {
                bound = priced.longValueExact();
            }
            return after;
        }

        /** The answer's places, with those the dearest over-budget flow bought added cheapest first while the budget allows. */
        int[] fill(Investment.After best) {
            int[] chosen = best.added().clone();
            if (over == null) {
                return chosen;
            }
            long left = budget - capitalOf(chosen);
            int count = Arrays.stream(chosen).sum();
            Integer[] order = new Integer[chosen.length];
            for (int s = 0; s < order.length; s++) {
                order[s] = s;
            }
            Arrays.sort(order, Comparator.comparingLong(s -> capital[s]));
            int[] filled = chosen.clone();
            for (int s : order) {
                while (filled[s] < over[s] && capital[s] <= left && count < places) {
                    filled[s]++;
                    left -= capital[s];
                    count++;
                }
            }
            if (Arrays.equals(filled, chosen)) {
                return chosen;
            }
            Investment.After tried = Investment.withNewPlaces(network, filled, count, new long[filled.length]);
            flows++;
            long objective = unplacedCost * tried.unplaced() + tried.softCost();
            return objective < bestObjective ? tried.added() : chosen;
        }

        private long capitalOf(int[] added) {
            long used = 0;
            for (int s = 0; s < added.length; s++) {
                used += added[s] * capital[s];
            }
            return used;
        }
    }
}
