package uk.sendplan.api.planning;

import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.planning.ProblemBuilder.Built;
import uk.sendplan.api.planning.ProblemBuilder.Cell;
import uk.sendplan.api.planning.ProblemBuilder.FeeChoice;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.planner.solver.Assignment;
import uk.sendplan.planner.solver.Plan;
import uk.sendplan.planner.solver.UnplacedRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a planner plan back into the register's terms: request ids, URNs and place cells, exact fees in pence,
 * and unplaced reasons that name settings by name and URN rather than by the planner's cell ids.
 */
final class PlanTranslator {

    record AssignmentRow(long requestId, String laCode, int urn, String need, String phase, int band, ProvisionKind feeKind, long feePence,
                         long transportPence, long annualCostPence, double distanceKm, double travelMinutes, boolean pinned,
                         boolean boarding, boolean outOfArea, List<PenaltyCost> penalties, Integer reactiveUrn, Long reactiveCostPence,
                         Long contractId) {
    }

    record UnplacedRow(long requestId, String laCode, String need, String phase, String reason, List<Integer> blockingUrns) {
    }

    /** One LA's block-contracted places in a cell: how many were open to the plan and how many it filled. */
    record ContractUse(long contractId, String laCode, int urn, String need, String phase, int placesOpen, int filled) {
    }

    /**
     * A plan's rows, totals in exact pence. The baseline's cost is the planner's, from the same fees rounded to whole
     * pounds (the fee schedules' amounts are whole pounds in practice, so the two compare like for like).
     */
    record Result(String score, List<AssignmentRow> assignments, List<UnplacedRow> unplaced, long totalCostPence,
                  int baselinePlaced, int baselineUnplaced, long baselineCostPence, long elapsedMs, boolean provenOptimal,
                  Double gapPercent, List<ContractUse> contractUses, List<PlaceValueRow> placeValues) {
    }

    /**
     * The value of one more place in a place cell, in pence a year (see {@link uk.sendplan.planner.solver.PlaceValue}).
     * {@code laCode} is the setting's LA; a cell kept for one LA under a block contract names it and the contract.
     */
    record PlaceValueRow(int urn, String need, String phase, String laCode, Long contractId, String contractLaCode,
                         int childrenPlaced, long scoreSavingPence, long annualSavingPence, int childrenMoved) {
    }

    private PlanTranslator() {
    }

    static Result translate(Built built, Plan plan, long elapsedMs) {
        List<AssignmentRow> assignments = new ArrayList<>();
        long total = 0;
        for (Assignment a : plan.assignments()) {
            Cell cell = built.cell(a.settingId());
            PlacementRequestView child = built.requests().get(Long.parseLong(a.requestId()));
            boolean boarding = child.needsBoarding() && cell.setting().boarding();
            FeeChoice fee = feeFor(cell, child.band(), boarding);
            // a place under a block contract adds no fee: the contract pays for it filled or empty
            long feePence = cell.contract() == null ? fee.pence() : 0;
            long transportPence = Money.fromWholePounds(a.transportCost());
            long annual = feePence + transportPence;
            total += annual;
            List<PenaltyCost> penalties = a.penalties().stream()
                    .map(p -> new PenaltyCost(p.constraint(), Money.fromWholePounds(p.amount()))).toList();
            // the reactive placement's cost is the planner's, in whole pounds, as the baseline's total is
            Integer reactiveUrn = a.reactiveSettingId() == null ? null : built.cell(a.reactiveSettingId()).setting().urn();
            Long reactiveCost = a.reactiveAnnualCost() == null ? null : Money.fromWholePounds(a.reactiveAnnualCost());
            assignments.add(new AssignmentRow(child.id(), child.laCode(), cell.setting().urn(), cell.need(), cell.phase(), child.band(),
                    fee.kind(), feePence, transportPence, annual, a.distanceKm(), a.travelMinutes(), a.pinned(), boarding,
                    !cell.setting().laCode().equals(child.laCode()), penalties, reactiveUrn, reactiveCost,
                    cell.contract() == null ? null : cell.contract().contractId()));
        }
        List<UnplacedRow> unplaced = new ArrayList<>();
        for (UnplacedRequest u : plan.unplaced()) {
            PlacementRequestView child = built.requests().get(Long.parseLong(u.requestId()));
            Set<Integer> blocking = new LinkedHashSet<>();
            u.blockingSettingIds().forEach(id -> blocking.add(built.cell(id).setting().urn()));
            unplaced.add(new UnplacedRow(child.id(), child.laCode(), child.primaryNeed(), child.phase(), u.cause().describe(id -> name(built, id)),
                    List.copyOf(blocking)));
        }
        return new Result(plan.score(), assignments, unplaced, total, plan.baseline() == null ? 0
                : built.problem().requests().size() - plan.baseline().unplacedCount(), plan.baseline() == null ? 0 : plan.baseline().unplacedCount(),
                plan.baseline() == null ? 0 : Money.fromWholePounds(plan.baseline().totalAnnualCost()), elapsedMs, plan.provenOptimal(),
                plan.gapPercent(), contractUses(built, plan), placeValues(built, plan));
    }

    /** Every contracted cell the plan had, with the children it put there. */
    private static List<ContractUse> contractUses(Built built, Plan plan) {
        java.util.Map<String, Integer> filled = new java.util.HashMap<>();
        plan.assignments().forEach(a -> filled.merge(a.settingId(), 1, Integer::sum));
        return built.cells().values().stream().filter(c -> c.contract() != null)
                .map(c -> new ContractUse(c.contract().contractId(), c.contract().laCode(), c.setting().urn(), c.need(), c.phase(), c.vacancies(),
                        filled.getOrDefault(c.id(), 0)))
                .toList();
    }

    /**
     * The planner's values by place cell. Its pounds are the plan's own (fees in whole pounds, a contracted place at no
     * fee), so a saving compares with the plan's costs like for like.
     */
    private static List<PlaceValueRow> placeValues(Built built, Plan plan) {
        if (plan.placeValues() == null) {
            return null;
        }
        return plan.placeValues().stream().map(v -> {
            Cell cell = built.cell(v.settingId());
            return new PlaceValueRow(cell.setting().urn(), cell.need(), cell.phase(), cell.setting().laCode(),
                    cell.contract() == null ? null : cell.contract().contractId(), cell.contract() == null ? null : cell.contract().laCode(),
                    v.childrenPlaced(), Money.fromWholePounds(v.scoreSaving()), Money.fromWholePounds(v.annualSaving()), v.childrenMoved());
        }).toList();
    }

    /** The fee a placement pays: residential for a boarding placement where stated, else the day fee. */
    static FeeChoice feeFor(Cell cell, int band, boolean boardingPlacement) {
        FeeChoice fee = boardingPlacement ? cell.boardingFees().get(band) : null;
        if (fee == null) {
            fee = cell.dayFees().get(band);
        }
        if (fee == null) {
            fee = cell.boardingFees().get(band);
        }
        if (fee == null) {
            throw new IllegalStateException("the planner placed band " + band + " in " + cell.id() + ", which has no fee for it");
        }
        return fee;
    }

    /** A place cell as a person knows its setting: "Name (URN n)". */
    private static String name(Built built, String cellId) {
        Cell cell = built.cell(cellId);
        return cell.setting().name() + " (URN " + cell.setting().urn() + ")";
    }
}
