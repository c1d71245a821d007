package uk.sendplan.api.scenarios;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.planning.PlanView;
import uk.sendplan.api.planning.WhatIf;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.ScenarioRecord;
import uk.sendplan.db.types.PlanScope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static uk.sendplan.db.jooq.Tables.SCENARIO;

/**
 * Scenarios: a commissioner or regional planner runs a named what-if on one of their plans (planning's {@link WhatIf}:
 * the plan's waiting children planned on the register as it stands and as changed), or on a forecast year's children
 * in their scope (regulators and admins anywhere, on forecast demand only), and it is kept to compare side by
 * side with others and export. The register, the demand and the plan never change. Outcomes are aggregates: a
 * commissioner reads their LA's, a regional planner their region's, regulators and admins England's.
 */
@Service
class Scenarios {

    /** On a plan (planId), or on forecast demand for a January (forecastJanuary, in laCode or regionCode: the caller's own by default). */
    record RunScenarioInput(String planId, Integer forecastJanuary, String laCode, String regionCode, String name, WhatIf.Changes changes) {
    }

    /** What the trail keeps of a scenario: the plan or forecast January, the changes in words and the two outcomes. */
    record ScenarioSnapshot(Long planId, Integer forecastJanuary, String name, List<String> changes, WhatIf.Outcome base, WhatIf.Outcome outcome) implements AuditSnapshot {
    }

    private static final Role[] READERS = {Role.COMMISSIONER, Role.REGIONAL_PLANNER, Role.REGULATOR, Role.ADMIN};
    static final int MAX_LIST = 100;
    static final int MAX_COMPARED = 20;

    private final ScenarioRepository scenarios;
    private final WhatIf whatIf;
    private final ForecastScenarios forecast;
    private final ReferenceData reference;
    private final AuditTrail audit;
    private final Access access;

    Scenarios(ScenarioRepository scenarios, WhatIf whatIf, ForecastScenarios forecast, ReferenceData reference, AuditTrail audit, Access access) {
        this.scenarios = scenarios;
        this.forecast = forecast;
        this.whatIf = whatIf;
        this.reference = reference;
        this.audit = audit;
        this.access = access;
    }

    @Transactional
    ScenarioView run(RunScenarioInput input) {
        Actor actor = actor();
        PlanView plan = checked(input);
        ScenarioRecord record = new ScenarioRecord().setName(input.name().trim()).setCreatedBy(actor.subject());
        WhatIf.Compared compared;
        if (plan != null) {
            compared = whatIf.compare(plan, input.changes());
            String region = plan.scopeType() == PlanScope.REGION ? plan.scopeCode()
                    : reference.localAuthority(plan.scopeCode()).orElseThrow().regionCode();
            record.setPlanId(plan.id()).setScopeType(plan.scopeType()).setScopeCode(plan.scopeCode()).setRegionCode(region)
                    .setFinancialYear(plan.financialYear());
        } else {
            ForecastScenarios.Run run = forecast.run(actor, input);
            compared = run.compared();
            record.setForecastJanuary(input.forecastJanuary()).setScopeType(run.scopeType()).setScopeCode(run.scopeCode())
                    .setRegionCode(run.regionCode()).setFinancialYear(run.financialYear());
        }
        long id = scenarios.insert(record.setChangesText(compared.changes().toArray(String[]::new)), input.changes(), compared.base(),
                compared.scenario());
        ScenarioView saved = scenarios.find(id).orElseThrow();
        audit.record(new AuditTrail.Scope(saved.scopeType() == PlanScope.LOCAL_AUTHORITY ? saved.scopeCode() : null, null, false), "SCENARIO_RUN",
                "scenario", id, null, new ScenarioSnapshot(saved.planId(), saved.forecastJanuary(), saved.name(), saved.changes(), saved.base(),
                        saved.outcome()), summary(saved));
        return saved;
    }

    /**
     * Refuses a scenario on forecast demand as {@link #run} would before it plans anything (the pages ask first, then
     * run it in the background); writes nothing. The changes themselves are checked as the run applies them.
     */
    @Transactional(readOnly = true)
    void validate(RunScenarioInput input) {
        Actor actor = actor();
        if (checked(input) == null) {
            forecast.check(actor, input);
        }
    }

    /** Regulators and admins read no plan (a plan holds children's records), so they run scenarios on forecast demand only. */
    private Actor actor() {
        return access.require("runScenario", Role.COMMISSIONER, Role.REGIONAL_PLANNER, Role.REGULATOR, Role.ADMIN);
    }

    /** The input's own rules; the plan it re-plans, or null for forecast demand. */
    private PlanView checked(RunScenarioInput input) {
        if ((input.planId() == null) == (input.forecastJanuary() == null)) {
            throw ApiException.badRequest("input.planId", "give either a planId (re-plan its waiting children) or a forecastJanuary "
                    + "(re-plan the forecast's children that January), not both or neither");
        }
        if (input.planId() != null && (input.laCode() != null || input.regionCode() != null)) {
            throw ApiException.badRequest("input.laCode", "a scenario on a plan has the plan's scope; laCode and regionCode are for forecast demand");
        }
        PlanView plan = input.planId() == null ? null : whatIf.plan("runScenario", input.planId());
        if (input.name() == null || input.name().isBlank() || input.name().length() > 200) {
            throw ApiException.badRequest("input.name", "a scenario is named, 1 to 200 characters");
        }
        if (input.changes() == null) {
            throw ApiException.badRequest("input.changes", "give at least one change");
        }
        return plan;
    }

    List<ScenarioView> search(String planId) {
        Condition condition = scope(access.require("scenarios", READERS));
        if (planId != null) {
            condition = condition.and(SCENARIO.PLAN_ID.eq(access.idInScope("scenarios", planId)));
        }
        return scenarios.search(condition, MAX_LIST);
    }

    ScenarioView get(String operation, String id) {
        Condition condition = scope(access.require(operation, READERS));
        return scenarios.search(SCENARIO.ID.eq(access.idInScope(operation, id)).and(condition), 1).stream().findFirst()
                .orElseThrow(() -> access.outOfScope(operation));
    }

    /** Scenarios side by side, one row each, in the order asked. */
    String csv(List<String> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_COMPARED) {
            throw ApiException.badRequest("ids", "name 1 to " + MAX_COMPARED + " scenarios to compare");
        }
        List<ScenarioView> rows = new ArrayList<>();
        ids.forEach(id -> rows.add(get("scenariosCsv", id)));
        StringBuilder out = new StringBuilder(Csv.line(List.of("scenario_id", "name", "plan_id", "forecast_january", "scope", "code", "financial_year", "changes",
                "children", "base_placed", "placed", "base_unplaced", "unplaced", "base_annual_cost", "annual_cost", "annual_saving",
                "base_independent_share_pc", "independent_share_pc", "base_out_of_area_share_pc", "out_of_area_share_pc",
                "base_average_travel_minutes", "average_travel_minutes"))).append("\r\n");
        for (ScenarioView s : rows) {
            out.append(Csv.line(Arrays.asList(s.id(), s.name(), s.planId(), s.forecastJanuary(), s.scopeType(), s.scopeCode(), s.financialYear(),
                    String.join("; ", s.changes()), s.base().children(), s.base().placed(), s.outcome().placed(), s.base().unplaced(),
                    s.outcome().unplaced(), Money.pounds(s.base().totalCostPence()), Money.pounds(s.outcome().totalCostPence()),
                    Money.pounds(s.annualSavingPence()), s.base().independentShare(), s.outcome().independentShare(), s.base().outOfAreaShare(),
                    s.outcome().outOfAreaShare(), s.base().averageTravelMinutes(), s.outcome().averageTravelMinutes()))).append("\r\n");
        }
        return out.toString();
    }

    /** "added …: places 12 more children than the base and saves £340,000 a year (to the nearest £1,000)". */
    static String summary(ScenarioView s) {
        int gained = s.placesGained();
        long saving = s.annualSavingPence();
        String children = gained == 0 ? "places as many children as the base"
                : "places " + Math.abs(gained) + (gained > 0 ? " more" : " fewer") + (Math.abs(gained) == 1 ? " child" : " children") + " than the base";
        String pounds = String.format(java.util.Locale.UK, "£%,d", Math.round(Math.abs(saving) / 100_000.0) * 1_000);
        String money = Math.abs(saving) < 50_000 ? "at the same cost"
                : (saving > 0 ? "and saves " + pounds + " a year" : "and costs " + pounds + " a year more") + " (to the nearest £1,000)";
        return String.join("; ", s.changes()) + ": " + children + " " + money;
    }

    /** Commissioners their LA's scenarios, regional planners their region's, regulators and admins all. */
    private static Condition scope(Actor actor) {
        if (actor.is(Role.COMMISSIONER)) {
            return SCENARIO.SCOPE_TYPE.eq(PlanScope.LOCAL_AUTHORITY).and(SCENARIO.SCOPE_CODE.eq(actor.laCode()));
        }
        if (actor.is(Role.REGIONAL_PLANNER)) {
            return SCENARIO.REGION_CODE.eq(actor.regionCode());
        }
        return DSL.trueCondition();
    }
}
