package uk.sendplan.api.planning;

import org.springframework.stereotype.Service;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.planner.solver.CapitalBudget;
import uk.sendplan.planner.solver.Investment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where to invest: a budget of new places, spread over candidate place cells so that the plan's waiting children are
 * placed as many as possible and then at the least cost a year ({@link Investment}, an exact min-cost flow). Read by
 * whoever may read the plan; nothing is written. The answer is about settings and totals, never a child. GraphQL's
 * whereToInvest and the where-to-invest page both ask it.
 */
@Service
class Investments {

    /** One candidate cell and the most places that could be added there. */
    record CandidateInput(Integer urn, String need, String phase, Integer maxPlaces) {
    }

    /** Capital to build one new place in a kind of setting, £. */
    record CapitalCostInput(String settingType, BigDecimal costPerPlace) {
    }

    record InvestmentCell(SettingView setting, String need, String phase, int placesAdded) {
    }

    record InvestmentAdvice(PlanView plan, int places, int candidates, int placesAdded, List<InvestmentCell> cells, int children,
                            int childrenPlacedBefore, int childrenPlacedAfter, BigDecimal annualCostBefore, BigDecimal annualCostAfter,
                            BigDecimal annualSaving, String summary, BigDecimal capitalBudget, BigDecimal capitalUsed, boolean provenOptimal,
                            int childrenPlacedUpperBound, BigDecimal annualCostGapAtMost) {
    }

    static final int MAX_PLACES = 1_000;
    static final int MAX_CANDIDATES = 5_000;
    static final int MAX_PER_CELL = 1_000;
    static final BigDecimal MAX_BUDGET = new BigDecimal("10000000000");
    /** Without candidates: every cell of a state-funded specialist kind in the plan's LAs, up to this many places each. */
    static final int DEFAULT_MAX_PLACES = 30;
    static final Set<String> DEFAULT_TYPES = Set.of("STATE_SPECIAL", "RESOURCED_PROVISION", "SEN_UNIT");
    /** Cells named in the summary; the rest are counted. */
    private static final int NAMED_CELLS = 3;

    private final WhatIf whatIf;
    private final SettingService settings;

    Investments(WhatIf whatIf, SettingService settings) {
        this.whatIf = whatIf;
        this.settings = settings;
    }

    InvestmentAdvice advise(String planId, Integer places, List<CandidateInput> candidates, BigDecimal capitalBudget,
                            List<CapitalCostInput> capitalCostPerPlace) {
        PlanView plan = whatIf.plan("whereToInvest", planId);
        if (places == null && capitalBudget == null) {
            throw ApiException.badRequest("places", "give the number of new places, a capitalBudget, or both");
        }
        int most = places == null ? MAX_PLACES : places;
        if (most < 1 || most > MAX_PLACES) {
            throw ApiException.badRequest("places", "new places to invest are 1 to " + String.format("%,d", MAX_PLACES));
        }
        if (candidates != null && (candidates.isEmpty() || candidates.size() > MAX_CANDIDATES)) {
            throw ApiException.badRequest("candidates", "name 1 to " + String.format("%,d", MAX_CANDIDATES)
                    + " candidate cells, or leave them out for every state special, resourced provision and SEN unit cell in the plan's LAs");
        }
        Map<String, Long> capitalByType = capitalByType(capitalBudget, capitalCostPerPlace);
        ProblemBuilder.Built built = whatIf.problem(plan, "planId");
        Map<String, Integer> chosen = candidates == null ? defaults(built, whatIf.laCodes(plan)) : named(built, candidates);

        Investment.Result result;
        CapitalBudget.Result priced = null;
        try {
            if (capitalBudget == null) {
                result = Investment.solve(built.problem(), chosen, most);
            } else {
                priced = CapitalBudget.solve(built.problem(), chosen, capitalOf(built, chosen, capitalByType), most, capitalBudget.longValueExact());
                result = priced.investment();
            }
        } catch (IllegalArgumentException e) {
            // the plan couples children (an independent limit, siblings weighed): no exact answer by a flow
            throw ApiException.badRequest("planId", e.getMessage() + "; where to invest needs a plan without a limit on "
                    + "independent placements and without a weight on keeping siblings together");
        }
        Map<Integer, SettingView> byUrn = settings.findAll(result.extraPlaces().stream()
                .map(e -> built.cell(e.settingId()).setting().urn()).distinct().toList());
        List<InvestmentCell> cells = new ArrayList<>();
        for (Investment.ExtraPlaces extra : result.extraPlaces()) {
            ProblemBuilder.Cell cell = built.cell(extra.settingId());
            cells.add(new InvestmentCell(byUrn.get(cell.setting().urn()), cell.need(), cell.phase(), extra.places()));
        }
        long beforePence = result.annualCostBefore() * 100;
        long afterPence = result.annualCostAfter() * 100;
        int children = built.problem().requests().size();
        String summary = summary(places, chosen.size(), cells, children, result, beforePence, afterPence);
        if (priced == null) {
            return new InvestmentAdvice(plan, most, chosen.size(), result.placesAdded(), cells, children, result.placedBefore(),
                    result.placedAfter(), Money.pounds(beforePence), Money.pounds(afterPence), Money.pounds(beforePence - afterPence),
                    summary, null, null, true, result.placedAfter(), Money.pounds(0));
        }
        BigDecimal gap = priced.softCostLowerBound() < 0 ? null : Money.pounds(Math.max(0, result.softCostAfter() - priced.softCostLowerBound()) * 100);
        return new InvestmentAdvice(plan, most, chosen.size(), result.placesAdded(), cells, children, result.placedBefore(),
                result.placedAfter(), Money.pounds(beforePence), Money.pounds(afterPence), Money.pounds(beforePence - afterPence),
                summary + budgetSummary(priced, gap), Money.pounds(Money.fromWholePounds(priced.budget())),
                Money.pounds(Money.fromWholePounds(priced.capitalUsed())), priced.provenOptimal(), priced.placedUpperBound(), gap);
    }

    /** Whole pounds per place by kind of setting; a budget needs them, and they need a budget. */
    private static Map<String, Long> capitalByType(BigDecimal budget, List<CapitalCostInput> costs) {
        if (budget == null) {
            if (costs != null) {
                throw ApiException.badRequest("capitalCostPerPlace", "capital costs per place count only with a capitalBudget");
            }
            return Map.of();
        }
        if (budget.signum() < 0 || budget.compareTo(MAX_BUDGET) > 0 || budget.stripTrailingZeros().scale() > 0) {
            throw ApiException.badRequest("capitalBudget", "a capital budget is whole pounds from £0 to £10,000,000,000");
        }
        if (costs == null || costs.isEmpty()) {
            throw ApiException.badRequest("capitalCostPerPlace", "a capital budget needs the capital cost of a place for each kind of setting among the candidates");
        }
        Map<String, Long> byType = new HashMap<>();
        for (int i = 0; i < costs.size(); i++) {
            CapitalCostInput c = costs.get(i);
            String field = "capitalCostPerPlace[" + i + "]";
            if (c.costPerPlace().signum() < 0 || c.costPerPlace().compareTo(MAX_BUDGET) > 0 || c.costPerPlace().stripTrailingZeros().scale() > 0) {
                throw ApiException.badRequest(field + ".costPerPlace", "a capital cost per place is whole pounds from £0 to £10,000,000,000");
            }
            if (byType.put(c.settingType(), c.costPerPlace().longValueExact()) != null) {
                throw ApiException.badRequest(field + ".settingType", c.settingType() + " is given twice");
            }
        }
        return byType;
    }

    /** Each candidate's capital per place, by its setting's kind; a kind without one is refused by name. */
    private static Map<String, Long> capitalOf(ProblemBuilder.Built built, Map<String, Integer> chosen, Map<String, Long> byType) {
        Map<String, Long> capital = new HashMap<>();
        for (String id : chosen.keySet()) {
            ProblemBuilder.Cell cell = built.cell(id);
            Long perPlace = byType.get(cell.setting().type());
            if (perPlace == null) {
                throw ApiException.badRequest("capitalCostPerPlace", "no capital cost per place for " + cell.setting().type()
                        + " settings, the kind of candidate " + cell.setting().name() + " (URN " + cell.setting().urn() + ")");
            }
            capital.put(id, perPlace);
        }
        return capital;
    }

    /** "; £1,200,000 of the £1,500,000 budget spent; proven the best within it" or how far from the best it may be. */
    static String budgetSummary(CapitalBudget.Result priced, BigDecimal gap) {
        String spent = "; " + PlaceValueTexts.pounds(priced.capitalUsed() * 100) + " of the " + PlaceValueTexts.pounds(priced.budget() * 100)
                + " capital budget spent";
        if (priced.provenOptimal()) {
            return spent + ", proven the best use of it";
        }
        if (gap != null) {
            return spent + "; no use of it places more children, and one placing as many would cost at most "
                    + PlaceValueTexts.pounds(Money.pence(gap)) + " a year less";
        }
        int more = priced.placedUpperBound() - priced.investment().placedAfter();
        return spent + "; a better use of it might place up to " + more + " more " + (more == 1 ? "child" : "children")
                + " (the bound from pricing capital; a knapsack's gap)";
    }

    /** Every open cell of a state special school, resourced provision or SEN unit in the plan's LAs (not a contract's share). */
    private static Map<String, Integer> defaults(ProblemBuilder.Built built, List<String> laCodes) {
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (ProblemBuilder.Cell cell : built.cells().values()) {
            if (cell.contract() == null && DEFAULT_TYPES.contains(cell.setting().type()) && laCodes.contains(cell.setting().laCode())) {
                chosen.put(cell.id(), DEFAULT_MAX_PLACES);
            }
        }
        return chosen;
    }

    /** The caller's cells, each one the plan can use; a block contract's share is never one (its id is not urn/need/phase). */
    private static Map<String, Integer> named(ProblemBuilder.Built built, List<CandidateInput> candidates) {
        Map<String, Integer> chosen = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            CandidateInput c = candidates.get(i);
            String field = "candidates[" + i + "]";
            if (c.maxPlaces() < 1 || c.maxPlaces() > MAX_PER_CELL) {
                throw ApiException.badRequest(field + ".maxPlaces", "the most places to add to a cell are 1 to " + String.format("%,d", MAX_PER_CELL));
            }
            String id = ProblemBuilder.cellId(c.urn(), c.need(), c.phase());
            if (built.cell(id) == null) {
                throw ApiException.badRequest(field + ".urn", "setting " + c.urn() + " has no " + c.need() + " " + c.phase()
                        + " places this plan can use (not within reach of its children, not open, or without a fee for the year)");
            }
            if (chosen.put(id, c.maxPlaces()) != null) {
                throw ApiException.badRequest(field, "the " + c.need() + " " + c.phase() + " cell of setting " + c.urn() + " is named twice");
            }
        }
        return chosen;
    }

    /** For people, pounds to the nearest £100 from £1,000: "Adding 2 of 2 new places (2 ASD secondary at X (URN n)) …". */
    static String summary(Integer places, int candidates, List<InvestmentCell> cells, int children, Investment.Result result,
                          long beforePence, long afterPence) {
        if (cells.isEmpty()) {
            return (places == null ? "No new place" : "None of the " + places + " new places") + " would place another child or save money at any of the " + candidates
                    + " candidate cells: the plan places " + result.placedBefore() + " of its " + children + " waiting children at "
                    + PlaceValueTexts.pounds(beforePence) + " a year either way";
        }
        List<String> named = new ArrayList<>();
        for (InvestmentCell cell : cells.subList(0, Math.min(NAMED_CELLS, cells.size()))) {
            named.add(cell.placesAdded() + " " + cell.need() + " " + PlaceValueTexts.phase(cell.phase()) + " at "
                    + cell.setting().name() + " (URN " + cell.setting().urn() + ")");
        }
        String where = String.join(", ", named) + (cells.size() > NAMED_CELLS ? " and " + (cells.size() - NAMED_CELLS) + " more cells" : "");
        int gained = result.placedAfter() - result.placedBefore();
        String placed = gained == 0 ? "places the same " + result.placedAfter() + " of " + children + " children"
                : "places " + gained + " more " + (gained == 1 ? "child" : "children") + " (" + result.placedAfter() + " of " + children + ")";
        long saving = beforePence - afterPence;
        String money = saving >= 0 ? "saves " + PlaceValueTexts.pounds(saving) : "costs " + PlaceValueTexts.pounds(-saving) + " more";
        return "Adding " + result.placesAdded() + (places == null ? "" : " of the " + places) + " new places (" + where + ") " + placed + " and " + money
                + " a year: " + PlaceValueTexts.pounds(beforePence) + " to " + PlaceValueTexts.pounds(afterPence);
    }
}
