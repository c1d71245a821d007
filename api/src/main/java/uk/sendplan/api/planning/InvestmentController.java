package uk.sendplan.api.planning;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.ApiException;
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
 * whoever may read the plan; nothing is written. The answer is about settings and totals, never a child.
 */
@Controller
class InvestmentController {

    /** One candidate cell and the most places that could be added there. */
    record CandidateInput(Integer urn, String need, String phase, Integer maxPlaces) {
    }

    record InvestmentCell(SettingView setting, String need, String phase, int placesAdded) {
    }

    record InvestmentAdvice(PlanView plan, int places, int candidates, int placesAdded, List<InvestmentCell> cells, int children,
                            int childrenPlacedBefore, int childrenPlacedAfter, BigDecimal annualCostBefore, BigDecimal annualCostAfter,
                            BigDecimal annualSaving, String summary) {
    }

    static final int MAX_PLACES = 1_000;
    static final int MAX_CANDIDATES = 5_000;
    static final int MAX_PER_CELL = 1_000;
    /** Without candidates: every cell of a state-funded specialist kind in the plan's LAs, up to this many places each. */
    static final int DEFAULT_MAX_PLACES = 30;
    static final Set<String> DEFAULT_TYPES = Set.of("STATE_SPECIAL", "RESOURCED_PROVISION", "SEN_UNIT");
    /** Cells named in the summary; the rest are counted. */
    private static final int NAMED_CELLS = 3;

    private final WhatIf whatIf;
    private final SettingService settings;

    InvestmentController(WhatIf whatIf, SettingService settings) {
        this.whatIf = whatIf;
        this.settings = settings;
    }

    @QueryMapping
    InvestmentAdvice whereToInvest(@Argument String planId, @Argument int places, @Argument List<CandidateInput> candidates) {
        PlanView plan = whatIf.plan("whereToInvest", planId);
        if (places < 1 || places > MAX_PLACES) {
            throw ApiException.badRequest("places", "new places to invest are 1 to " + String.format("%,d", MAX_PLACES));
        }
        if (candidates != null && (candidates.isEmpty() || candidates.size() > MAX_CANDIDATES)) {
            throw ApiException.badRequest("candidates", "name 1 to " + String.format("%,d", MAX_CANDIDATES)
                    + " candidate cells, or leave them out for every state special, resourced provision and SEN unit cell in the plan's LAs");
        }
        ProblemBuilder.Built built = whatIf.problem(plan, "planId");
        Map<String, Integer> chosen = candidates == null ? defaults(built, whatIf.laCodes(plan)) : named(built, candidates);

        Investment.Result result;
        try {
            result = Investment.solve(built.problem(), chosen, places);
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
        return new InvestmentAdvice(plan, places, chosen.size(), result.placesAdded(), cells, children, result.placedBefore(),
                result.placedAfter(), Money.pounds(beforePence), Money.pounds(afterPence), Money.pounds(beforePence - afterPence),
                summary(places, chosen.size(), cells, children, result, beforePence, afterPence));
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
    static String summary(int places, int candidates, List<InvestmentCell> cells, int children, Investment.Result result,
                          long beforePence, long afterPence) {
        if (cells.isEmpty()) {
            return "None of the " + places + " new places would place another child or save money at any of the " + candidates
                    + " candidate cells: the plan places " + result.placedBefore() + " of its " + children + " waiting children at "
                    + PlaceValueController.pounds(beforePence) + " a year either way";
        }
        List<String> named = new ArrayList<>();
        for (InvestmentCell cell : cells.subList(0, Math.min(NAMED_CELLS, cells.size()))) {
            named.add(cell.placesAdded() + " " + cell.need() + " " + PlaceValueController.phase(cell.phase()) + " at "
                    + cell.setting().name() + " (URN " + cell.setting().urn() + ")");
        }
        String where = String.join(", ", named) + (cells.size() > NAMED_CELLS ? " and " + (cells.size() - NAMED_CELLS) + " more cells" : "");
        int gained = result.placedAfter() - result.placedBefore();
        String placed = gained == 0 ? "places the same " + result.placedAfter() + " of " + children + " children"
                : "places " + gained + " more " + (gained == 1 ? "child" : "children") + " (" + result.placedAfter() + " of " + children + ")";
        long saving = beforePence - afterPence;
        String money = saving >= 0 ? "saves " + PlaceValueController.pounds(saving) : "costs " + PlaceValueController.pounds(-saving) + " more";
        return "Adding " + result.placesAdded() + " of the " + places + " new places (" + where + ") " + placed + " and " + money
                + " a year: " + PlaceValueController.pounds(beforePence) + " to " + PlaceValueController.pounds(afterPence);
    }
}
