package uk.sendplan.api.planning;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.FinancialYears;
import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.RequestStatus;
import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.SettingOption;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list a family chooses from: settings that can meet this child's need, ranked as a family weighs them (their
 * own preferences, a place they can take now, then the nearest and quickest) or, for the LA, by total annual cost;
 * each with its annual cost to the LA, vacancies and the fee's verdict; and the settings nearby that can't, each
 * with why. The same rules and costs as planning (the planner's cost model), on the same register and fees.
 */
@Service
class SuitableSettings {

    record Option(int urn, String name, boolean suitable, List<String> reasons, Long feePence, Long transportPence, Long annualCostPence,
                  double distanceKm, double travelMinutes, int vacancies, FeeVerdict feeVerdict, List<PenaltyCost> penalties) {
    }

    /** The first settings of each list, up to the limit asked for, and how many each list has in all. */
    record Listing(String financialYear, List<Option> suitable, List<Option> excluded, int suitableCount, int excludedCount) {
    }

    /** How the suitable settings are ordered: as a family weighs them (the default), or cheapest first for the LA. */
    enum Order {
        FAMILY, COST
    }

    /** An ad-hoc child, for "what would be suitable for a child like this": never stored. */
    record ChildProfileInput(String laCode, String need, int band, int age, DemandService.GridPointInput home, String homeDistrict,
                             ChildGender gender, Boolean needsBoarding) {
    }

    /** For the LA: a place the family can take now before a full one; then cheapest, then quickest. */
    private static final Comparator<Option> BY_COST = Comparator.comparing((Option o) -> o.vacancies() <= 0)
            .thenComparing(Option::annualCostPence).thenComparingDouble(Option::travelMinutes);

    /**
     * As a family weighs settings: the fit first (the settings they asked for, in their order; then a place they can
     * take now before a full one), then the nearest and the quickest journey; cost only breaks what is left even.
     */
    private static Comparator<Option> byFamily(List<Integer> preferences) {
        return Comparator.comparingInt((Option o) -> preferences.contains(o.urn()) ? preferences.indexOf(o.urn()) : preferences.size())
                .thenComparing(o -> o.vacancies() <= 0).thenComparingDouble(Option::distanceKm).thenComparingDouble(Option::travelMinutes)
                .thenComparing(Option::annualCostPence);
    }

    private final DemandService demand;
    private final ProblemBuilder builder;
    private final ReferenceData reference;
    private final Access access;

    SuitableSettings(DemandService demand, ProblemBuilder builder, ReferenceData reference, Access access) {
        this.demand = demand;
        this.builder = builder;
        this.reference = reference;
        this.access = access;
    }

    @Transactional(readOnly = true)
    Listing forRequest(String requestId, String financialYear, int limit, Order order) {
        Actor actor = access.require("suitableSettings", Role.COMMISSIONER);
        PlacementRequestView child = demand.find(access.idInScope("suitableSettings", requestId))
                .filter(r -> r.laCode().equals(actor.laCode())).orElseThrow(() -> access.outOfScope("suitableSettings"));
        return list(child, financialYear, limit, order);
    }

    @Transactional(readOnly = true)
    Listing forProfile(ChildProfileInput profile, String financialYear, int limit, Order order) {
        Actor actor = access.require("suitableSettingsFor", Role.COMMISSIONER, Role.REGIONAL_PLANNER);
        ReferenceData.LocalAuthority la = reference.requireLocalAuthority("profile.laCode", profile.laCode());
        if ((actor.is(Role.COMMISSIONER) && !la.code().equals(actor.laCode()))
                || (actor.is(Role.REGIONAL_PLANNER) && !la.regionCode().equals(actor.regionCode()))) {
            throw access.outOfScope("suitableSettingsFor");
        }
        if (profile.band() < 1 || profile.band() > 5) {
            throw ApiException.badRequest("profile.band", "a complexity band is 1 to 5, got " + profile.band());
        }
        if (profile.age() < 0 || profile.age() > 25) {
            throw ApiException.badRequest("profile.age", "an age is 0 to 25, got " + profile.age());
        }
        GridPoint home;
        if (profile.home() != null) {
            home = new GridPoint(GridPoints.round100(profile.home().easting()), GridPoints.round100(profile.home().northing()));
        } else if (profile.homeDistrict() != null) {
            home = reference.district(profile.homeDistrict().trim().toUpperCase(java.util.Locale.ROOT))
                    .map(ReferenceData.PostcodeDistrict::centroid)
                    .orElseThrow(() -> ApiException.badRequest("profile.homeDistrict", "unknown English postcode district \"" + profile.homeDistrict() + "\""));
        } else {
            throw ApiException.badRequest("profile.home", "the child's home is required: a grid point or a postcode district");
        }
        PlacementRequestView child = new PlacementRequestView(0, la.code(), "profile-0", profile.need(), null, profile.band(), profile.age(),
                reference.phaseForAge(profile.age()).orElseThrow().code(), home, profile.gender(), Boolean.TRUE.equals(profile.needsBoarding()),
                null, false, List.of(), "2027-AUTUMN", RequestStatus.OPEN, null, false, null, null, null);
        return list(child, financialYear, limit, order);
    }

    Listing list(PlacementRequestView child, String financialYear, int limit, Order order) {
        return listAll(List.of(child), financialYear, limit, order).get(child.id());
    }

    /**
     * The tailored lists of many children, by request id, from one read of the register and fees per LA: the market
     * fills in why no state place fits for a whole plan's unplaced children at once.
     */
    Map<Long, Listing> listAll(List<PlacementRequestView> children, String financialYear, int limit, Order order) {
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("limit", "must be between 1 and 100, got " + limit);
        }
        String year = financialYear == null ? FinancialYears.of(LocalDate.now()) : financialYear;
        Parameters parameters = Parameters.DEFAULTS;
        CostModel costModel = new CostModel(parameters);
        Map<Long, Listing> listings = new LinkedHashMap<>();
        Map<String, List<PlacementRequestView>> byLa = new LinkedHashMap<>();
        children.forEach(c -> byLa.computeIfAbsent(c.laCode(), k -> new ArrayList<>()).add(c));
        for (var la : byLa.entrySet()) {
            List<PlanningSetting> candidates = builder.settingsFor(List.of(la.getKey()), parameters);
            ProblemBuilder.Built built = builder.build("suitable settings", la.getValue(), candidates, year, parameters);
            Map<String, PlacementRequest> requests = new HashMap<>();
            built.problem().requests().forEach(r -> requests.put(r.id(), r));
            for (PlacementRequestView child : la.getValue()) {
                listings.put(child.id(), listing(child, requests.get(String.valueOf(child.id())), built, candidates, costModel, parameters, year,
                        limit, order));
            }
        }
        return listings;
    }

    private static Listing listing(PlacementRequestView child, PlacementRequest request, ProblemBuilder.Built built, List<PlanningSetting> candidates,
                                   CostModel costModel, Parameters parameters, String year, int limit, Order order) {
        // the best cell of each setting for this child: one that fits, else the one that breaks fewest rules
        Map<Integer, SettingOption> best = new LinkedHashMap<>();
        for (SettingOption option : costModel.options(request, built.problem().settings())) {
            int urn = built.cell(option.setting().id()).setting().urn();
            SettingOption current = best.get(urn);
            if (current == null || option.brokenRules().size() < current.brokenRules().size()) {
                best.put(urn, option);
            }
        }
        List<Option> suitable = new ArrayList<>();
        List<Option> excluded = new ArrayList<>();
        double reach = costModel.maxStraightLineMetres(CostModel.phase(request)) * 1.5;
        for (SettingOption option : best.values()) {
            ProblemBuilder.Cell cell = built.cell(option.setting().id());
            boolean boarding = child.needsBoarding() && cell.setting().boarding();
            if (option.suitable()) {
                ProblemBuilder.FeeChoice fee = PlanTranslator.feeFor(cell, child.band(), boarding);
                long transport = Money.fromWholePounds(option.cost().transportCost());
                suitable.add(new Option(cell.setting().urn(), cell.setting().name(), true, List.of(), fee.pence(), transport, fee.pence() + transport,
                        option.cost().distanceKm(), option.cost().travelMinutes(), cell.vacancies(), fee.verdict(),
                        option.penalties().stream().map(p -> new PenaltyCost(p.constraint(), Money.fromWholePounds(p.amount()))).toList()));
            } else if (Math.hypot(cell.setting().easting() - child.home().easting(), cell.setting().northing() - child.home().northing()) <= reach) {
                excluded.add(new Option(cell.setting().urn(), cell.setting().name(), false,
                        option.brokenRules().stream().map(rule -> RuleTexts.brokenRule(rule, request, option.setting(), costModel)).toList(),
                        null, null, null,
                        option.cost().distanceKm(), option.cost().travelMinutes(), cell.vacancies(), null, List.of()));
            }
        }
        for (ProblemBuilder.Excluded left : built.excluded()) {
            if (best.containsKey(left.urn())) {
                continue;  // left out for some bands only: the setting is listed above for this child's band
            }
            PlanningSetting s = candidates.stream().filter(c -> c.urn() == left.urn()).findFirst().orElseThrow();
            double metres = Math.hypot(s.easting() - child.home().easting(), s.northing() - child.home().northing());
            if (metres <= reach && s.needs().contains(child.primaryNeed())) {
                double km = metres / 1000 * parameters.roadFactor();
                excluded.add(new Option(s.urn(), s.name(), false, List.of("left out of planning: " + left.reason()), null, null, null,
                        km, km / parameters.speedKmh() * 60, 0, null, List.of()));
            }
        }
        suitable.sort(order == Order.COST ? BY_COST : byFamily(child.preferences()));
        excluded.sort(Comparator.comparingDouble(Option::distanceKm));
        return new Listing(year, suitable.stream().limit(limit).toList(), excluded.stream().limit(limit).toList(), suitable.size(), excluded.size());
    }
}
