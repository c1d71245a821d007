package uk.sendplan.api.scenarios;

import org.springframework.stereotype.Service;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.demand.SyntheticDemand;
import uk.sendplan.api.planning.WhatIf;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.sufficiency.ForecastDemand;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.PlanScope;

import java.util.List;

/**
 * A scenario on forecast demand: the forecast's children of a January in the kinds of place planning fills, made up
 * child by child (the demand feature's {@link SyntheticDemand}: homes in the LA's postcode districts) and planned on
 * the register with all its places free, at this year's fees, as it stands and as changed. A commissioner for their LA,
 * a regional planner for their region or an LA in it, regulators and admins for any LA or region (counts only: the
 * made-up children are never shown).
 */
@Service
class ForecastScenarios {

    /** Children planned twice at most: a region's forecast beyond it is asked of its LAs one by one. */
    static final int MAX_CHILDREN = 25_000;

    record Run(WhatIf.Compared compared, PlanScope scopeType, String scopeCode, String regionCode, String financialYear) {
    }

    private final ForecastDemand forecast;
    private final SyntheticDemand synthetic;
    private final WhatIf whatIf;
    private final ReferenceData reference;
    private final Access access;

    ForecastScenarios(ForecastDemand forecast, SyntheticDemand synthetic, WhatIf whatIf, ReferenceData reference, Access access) {
        this.forecast = forecast;
        this.synthetic = synthetic;
        this.whatIf = whatIf;
        this.reference = reference;
        this.access = access;
    }

    Run run(Actor actor, Scenarios.RunScenarioInput input) {
        Demand demand = demand(actor, input);
        LocalAuthority la = demand.la();
        String region = demand.region();
        List<String> laCodes = demand.laCodes();
        List<SyntheticDemand.Cohort> cohorts = demand.cohorts();
        List<PlacementRequestView> children = synthetic.children(cohorts, input.forecastJanuary() * 1_000L + (la != null ? la.code() : region).hashCode());
        String year = whatIf.thisFinancialYear();
        String name = "forecast January " + input.forecastJanuary() + ", " + (la != null ? la.name() : reference.region(region).orElseThrow().name());
        return new Run(whatIf.compareForecast(name, laCodes, year, children, input.changes()), la != null ? PlanScope.LOCAL_AUTHORITY : PlanScope.REGION,
                la != null ? la.code() : region, region, year);
    }

    /** The forecast's children to plan, by LA, need and phase: the LA (or null) and region, their LAs, the cohorts. */
    private record Demand(LocalAuthority la, String region, List<String> laCodes, List<SyntheticDemand.Cohort> cohorts) {
    }

    /** Refuses as {@link #run} would before it plans anything (scope, the January, the forecast's size); writes nothing. */
    void check(Actor actor, Scenarios.RunScenarioInput input) {
        demand(actor, input);
    }

    private Demand demand(Actor actor, Scenarios.RunScenarioInput input) {
        if (input.laCode() != null && input.regionCode() != null) {
            throw ApiException.badRequest("input.laCode", "give either laCode or regionCode, not both");
        }
        if (input.laCode() == null && input.regionCode() == null && !actor.is(Role.COMMISSIONER) && !actor.is(Role.REGIONAL_PLANNER)) {
            throw ApiException.badRequest("input.laCode", "name the LA (laCode) or region (regionCode) whose forecast to plan");
        }
        LocalAuthority la = input.laCode() != null ? reference.requireLocalAuthority("input.laCode", input.laCode())
                : input.regionCode() == null && actor.is(Role.COMMISSIONER) ? reference.requireLocalAuthority("input.laCode", actor.laCode()) : null;
        String region = la != null ? la.regionCode()
                : reference.requireRegion("input.regionCode", input.regionCode() != null ? input.regionCode() : actor.regionCode()).code();
        if (actor.is(Role.COMMISSIONER) && (la == null || !la.code().equals(actor.laCode()))
                || actor.is(Role.REGIONAL_PLANNER) && !region.equals(actor.regionCode())) {
            throw access.outOfScope("runScenario");
        }
        List<String> laCodes = la != null ? List.of(la.code()) : reference.localAuthoritiesOf(region).stream().map(LocalAuthority::code).toList();
        List<SyntheticDemand.Cohort> cohorts = forecast.cohorts(laCodes, input.forecastJanuary(), "input.forecastJanuary").stream()
                .map(c -> new SyntheticDemand.Cohort(c.laCode(), c.need(), c.phase(), reference.phase(c.phase()).ageFrom(),
                        reference.phase(c.phase()).ageTo(), c.children())).toList();
        int count = cohorts.stream().mapToInt(SyntheticDemand.Cohort::children).sum();
        if (count == 0) {
            throw ApiException.badRequest("input.forecastJanuary", "the forecast has no children in the kinds of place a plan fills that January");
        }
        if (count > MAX_CHILDREN) {
            throw ApiException.badRequest("input.regionCode", "the forecast has " + String.format("%,d", count) + " children in "
                    + (la != null ? la.name() : reference.region(region).orElseThrow().name()) + " that January, more than "
                    + String.format("%,d", MAX_CHILDREN) + " to plan twice at once: run the scenario for an LA of the region");
        }
        return new Demand(la, region, laCodes, cohorts);
    }
}
