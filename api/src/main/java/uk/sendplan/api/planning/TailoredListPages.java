package uk.sendplan.api.planning;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FeeVerdicts;
import uk.sendplan.api.web.Pages;
import uk.sendplan.db.types.Sector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A child's tailored list (/demand/{id}/settings): the settings that can meet the child's need in the order a family
 * weighs them, or cheapest first for the LA, each with its fit, distance, journey and annual cost to the LA; the
 * settings nearby that can't, with why; and, for the independent and non-maintained settings among them, boxes to
 * tick and refer the child to (the market's referral form takes it from there). The same SuitableSettings as
 * GraphQL's suitableSettings, so the same access rules and the same list.
 */
@Pages
class TailoredListPages {

    /**
     * Settings shown in each of the two tables, the best or nearest first, as the page says when there are more: a
     * shortlist a family reads through and the LA ticks to refer from (so one page, not pages that lose the ticks), and
     * the bound GraphQL's list also has.
     */
    static final int LIMIT = 20;

    /** One setting of the list as a row. */
    record Row(int urn, String name, String kind, List<String> fit, String distanceKm, String minutes, String annualCost, String fee,
               String transport, int vacancies, String verdict, String verdictTag, boolean referable) {
    }

    /** A setting nearby that can't take the child, and why. */
    record Excluded(int urn, String name, String kind, String distanceKm, String reasons) {
    }

    private final SuitableSettings suitable;
    private final DemandService demand;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;

    TailoredListPages(SuitableSettings suitable, DemandService demand, SettingService settings, ReferenceData reference, Access access) {
        this.suitable = suitable;
        this.demand = demand;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
    }

    /** The child's list as the page and its CSV show it. */
    private record Shown(PlacementRequestView child, SuitableSettings.Order order, SuitableSettings.Listing listing, Map<Integer, SettingView> views,
                         List<Row> rows) {
    }

    private Shown shown(String id, String order) {
        access.require("Tailored list", Role.COMMISSIONER);
        SuitableSettings.Order chosen;
        if (order == null || order.isBlank()) {
            chosen = SuitableSettings.Order.FAMILY;
        } else {
            chosen = java.util.Arrays.stream(SuitableSettings.Order.values()).filter(o -> o.name().equals(order)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("order", "the order is FAMILY or COST, got \"" + order + "\""));
        }
        // the service checks the child is the commissioner's, refusing another LA's as one that does not exist
        SuitableSettings.Listing listing = suitable.forRequest(id, null, LIMIT, chosen);
        PlacementRequestView child = demand.find(Long.parseLong(id.trim())).orElseThrow();
        Set<Integer> urns = new HashSet<>();
        listing.suitable().forEach(o -> urns.add(o.urn()));
        listing.excluded().forEach(o -> urns.add(o.urn()));
        Map<Integer, SettingView> views = urns.isEmpty() ? Map.of() : settings.findAll(urns);
        List<Row> rows = new ArrayList<>();
        for (SuitableSettings.Option o : listing.suitable()) {
            rows.add(row(o, views.get(o.urn()), child));
        }
        return new Shown(child, chosen, listing, views, rows);
    }

    /** The suitable settings, then those nearby that can't take the child with why: the same rows as the page, in its order. */
    @GetMapping("/demand/{id}/settings.csv")
    @ResponseBody
    ResponseEntity<String> csv(@PathVariable String id, @RequestParam(required = false) String order) {
        Shown shown = shown(id, order);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("urn", "name", "kind", "suitable", "fit_or_why_not", "distance_km", "travel_minutes",
                "annual_cost", "fee", "transport", "vacancies", "fee_verdict"))).append("\r\n");
        for (SuitableSettings.Option o : shown.listing().suitable()) {
            csv.append(Csv.line(Arrays.asList(o.urn(), o.name(), PlanWords.kindName(shown.views().get(o.urn()).type()), "yes",
                    String.join("; ", fit(o, shown.child())), RuleTexts.roundKm(o.distanceKm()), Math.round(o.travelMinutes()),
                    Money.poundsOrNull(o.annualCostPence()), Money.poundsOrNull(o.feePence()), Money.poundsOrNull(o.transportPence()), o.vacancies(),
                    o.feeVerdict() == null ? null : o.feeVerdict().name()))).append("\r\n");
        }
        for (SuitableSettings.Option o : shown.listing().excluded()) {
            SettingView s = shown.views().get(o.urn());
            csv.append(Csv.line(Arrays.asList(o.urn(), o.name(), s == null ? null : PlanWords.kindName(s.type()), "no", String.join("; ", o.reasons()),
                    RuleTexts.roundKm(o.distanceKm()), Math.round(o.travelMinutes()), null, null, null, o.vacancies(), null))).append("\r\n");
        }
        return Downloads.csv(csv.toString(), "tailored-list", shown.child().reference());
    }

    @GetMapping("/demand/{id}/settings")
    String tailoredList(@PathVariable String id, @RequestParam(required = false) String order, Model model) {
        Shown shown = shown(id, order);
        PlacementRequestView child = shown.child();
        SuitableSettings.Order chosen = shown.order();
        SuitableSettings.Listing listing = shown.listing();
        Map<Integer, SettingView> views = shown.views();
        List<Row> rows = shown.rows();
        model.addAttribute("csv", "/demand/" + child.id() + "/settings.csv?order=" + chosen.name());
        model.addAttribute("child", child);
        model.addAttribute("needName", reference.needName(child.primaryNeed()));
        model.addAttribute("phaseName", reference.phaseName(child.phase()));
        model.addAttribute("order", chosen.name());
        model.addAttribute("financialYear", listing.financialYear());
        model.addAttribute("rows", rows);
        model.addAttribute("suitableCount", listing.suitableCount());
        model.addAttribute("excludedCount", listing.excludedCount());
        model.addAttribute("referable", rows.stream().anyMatch(Row::referable));
        model.addAttribute("excluded", listing.excluded().stream().map(o -> new Excluded(o.urn(), o.name(),
                views.containsKey(o.urn()) ? PlanWords.kindName(views.get(o.urn()).type()) : "", RuleTexts.km(o.distanceKm()),
                String.join("; ", o.reasons()))).toList());
        return "planning/tailored-list";
    }

    /** How the setting fits the child: the family's choice, a place free now, and the policy rules it weighs against. */
    private static List<String> fit(SuitableSettings.Option o, PlacementRequestView child) {
        List<String> fit = new ArrayList<>();
        int preference = child.preferences().indexOf(o.urn());
        if (preference >= 0) {
            fit.add("The family's choice " + (preference + 1));
        }
        fit.add(o.vacancies() > 0 ? o.vacancies() + (o.vacancies() == 1 ? " place free now" : " places free now") : "Full: no place free now");
        o.penalties().forEach(p -> fit.add(capitalise(RuleTexts.penalty(p.constraint()))));
        return fit;
    }

    private Row row(SuitableSettings.Option o, SettingView setting, PlacementRequestView child) {
        return new Row(o.urn(), o.name(), PlanWords.kindName(setting.type()), fit(o, child), RuleTexts.km(o.distanceKm()), RuleTexts.minutes(o.travelMinutes()),
                o.annualCostPence() == null ? "" : Money.formatRounded(o.annualCostPence()), o.feePence() == null ? "No fee" : Money.formatRounded(o.feePence()),
                o.transportPence() == null ? "" : Money.formatRounded(o.transportPence()), o.vacancies(), FeeVerdicts.name(o.feeVerdict()),
                FeeVerdicts.tag(o.feeVerdict()), referable(setting));
    }

    /** The market the referral goes to: independent and non-maintained settings (the market's own matching rule). */
    private boolean referable(SettingView s) {
        return s.sector() != Sector.STATE || reference.settingType(s.type()).independent();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
