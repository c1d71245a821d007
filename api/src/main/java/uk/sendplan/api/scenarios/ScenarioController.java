package uk.sendplan.api.scenarios;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.planning.WhatIf;

import java.math.BigDecimal;
import java.util.List;

/** Scenarios: run one on a plan, read them, compare them as CSV. */
@Controller
class ScenarioController {

    record ScenarioPayload(ScenarioView scenario) {
    }

    private final Scenarios scenarios;

    ScenarioController(Scenarios scenarios) {
        this.scenarios = scenarios;
    }

    @QueryMapping
    List<ScenarioView> scenarios(@Argument String planId) {
        return scenarios.search(planId);
    }

    @QueryMapping
    ScenarioView scenario(@Argument String id) {
        return scenarios.get("scenario", id);
    }

    @QueryMapping
    String scenariosCsv(@Argument List<String> ids) {
        return scenarios.csv(ids);
    }

    @MutationMapping
    ScenarioPayload runScenario(@Argument Scenarios.RunScenarioInput input) {
        return new ScenarioPayload(scenarios.run(input));
    }

    @SchemaMapping(typeName = "Scenario")
    WhatIf.Outcome scenario(ScenarioView scenario) {
        return scenario.outcome();
    }

    @SchemaMapping(typeName = "Scenario")
    int placesGained(ScenarioView scenario) {
        return scenario.placesGained();
    }

    @SchemaMapping(typeName = "Scenario")
    BigDecimal annualSaving(ScenarioView scenario) {
        return Money.pounds(scenario.annualSavingPence());
    }

    @SchemaMapping(typeName = "Scenario")
    String summary(ScenarioView scenario) {
        return Scenarios.summary(scenario);
    }

    @SchemaMapping(typeName = "ScenarioOutcome")
    BigDecimal totalAnnualCost(WhatIf.Outcome outcome) {
        return Money.pounds(outcome.totalCostPence());
    }
}
