package uk.sendplan.api.planning;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Csv;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A plan as CSV: one row per child of the reader's LA, placed (with costs, penalties and where the reactive approach
 * would have placed the child, at what cost) or not (with the reason). Distances to 0.1 km, journeys in whole minutes.
 */
@Service
class PlanExport {

    static final List<String> HEADER = List.of("request_id", "reference", "la_code", "need", "band", "age", "phase", "outcome", "setting_urn",
            "setting_name", "setting_type", "setting_la_code", "fee", "transport_cost", "annual_cost", "distance_km", "travel_minutes",
            "pinned", "boarding", "out_of_area", "penalties", "status", "reason", "reactive_setting_urn", "reactive_setting_name",
            "reactive_annual_cost");

    private final PlanService plans;
    private final DemandService demand;
    private final SettingService settings;

    PlanExport(PlanService plans, DemandService demand, SettingService settings) {
        this.plans = plans;
        this.demand = demand;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    String csv(String planId) {
        PlanView plan = plans.get("planCsv", planId);
        List<PlanRepository.AssignmentView> assignments = plans.assignments(plan, null, Integer.MAX_VALUE);
        List<PlanRepository.UnplacedView> unplaced = plans.unplaced(plan);
        Set<Long> ids = new HashSet<>();
        assignments.forEach(a -> ids.add(a.requestId()));
        unplaced.forEach(u -> ids.add(u.requestId()));
        Map<Long, PlacementRequestView> requests = ids.isEmpty() ? Map.of() : demand.findAll(ids);
        Set<Integer> urns = new HashSet<>();
        assignments.forEach(a -> {
            urns.add(a.urn());
            if (a.reactiveUrn() != null) {
                urns.add(a.reactiveUrn());
            }
        });
        Map<Integer, SettingView> settingViews = urns.isEmpty() ? Map.of() : settings.findAll(urns);

        StringBuilder out = new StringBuilder(Csv.line(HEADER)).append("\r\n");
        for (PlanRepository.AssignmentView a : assignments) {
            PlacementRequestView r = requests.get(a.requestId());
            SettingView s = settingViews.get(a.urn());
            // the rules in words with their amounts, e.g. "independent setting: 5000.00; too far from home: 1500.00"
            String penalties = a.penalties().stream().map(p -> RuleTexts.penalty(p.constraint()) + ": " + money(p.amountPence()))
                    .collect(Collectors.joining("; "));
            out.append(Csv.line(Arrays.asList(a.requestId(), r.reference(), a.laCode(), a.need(), a.band(), r.age(), a.phase(), "PLACED", a.urn(),
                    s.name(), s.type(), s.laCode(), money(a.feePence()), money(a.transportPence()), money(a.annualCostPence()),
                    RuleTexts.roundKm(a.distanceKm()), Math.round(a.travelMinutes()), a.pinned(), a.boarding(), a.outOfArea(), penalties, a.status(), "",
                    a.reactiveUrn() == null ? "" : a.reactiveUrn(), a.reactiveUrn() == null ? "" : settingViews.get(a.reactiveUrn()).name(),
                    a.reactiveCostPence() == null ? "" : money(a.reactiveCostPence())))).append("\r\n");
        }
        for (PlanRepository.UnplacedView u : unplaced) {
            PlacementRequestView r = requests.get(u.requestId());
            out.append(Csv.line(Arrays.asList(u.requestId(), r.reference(), u.laCode(), u.need(), r.band(), r.age(), u.phase(), "UNPLACED", "",
                    "", "", "", "", "", "", "", "", "", r.needsBoarding(), "", "", "", u.reason(), "", "", ""))).append("\r\n");
        }
        return out.toString();
    }

    /** A number, not text, so {@link Csv#line} writes a negative amount as a number rather than neutralising it. */
    private static BigDecimal money(long pence) {
        return Money.pounds(pence);
    }
}
