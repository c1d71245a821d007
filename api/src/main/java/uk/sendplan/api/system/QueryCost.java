package uk.sendplan.api.system;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a query may cost before it runs: roughly the number of values it can resolve, from what its lists can return.
 * A field costs its own weight (1, or more for fields that do real work such as a search or a tailored list) plus
 * its selections' cost times the number of items it can return: a connection's edges as many as its {@code first}
 * asks (at most 100), every other list as many as its documented bound ({@link #LIST_BOUNDS}). Nested lists multiply,
 * so a query that walks setting → provider → settings → provider → … is priced by the rows it could produce, not by its
 * depth. Introspection fields are left to graphql-java's own good-faith introspection checks.
 */
final class QueryCost {

    /**
     * The most items each list that is not a connection can return. Where the data itself could exceed the bound the
     * field's resolver stops there, and the schema says so (e.g. Provider.settings).
     */
    static final Map<String, Integer> LIST_BOUNDS = Map.ofEntries(
            // reference data: 9 regions, 153 LAs, 12 needs, 5 phases, fewer than 20 setting types
            Map.entry("Query.regions", 10), Map.entry("Query.localAuthorities", 160), Map.entry("Query.needTypes", 20),
            Map.entry("Query.phases", 10), Map.entry("Query.settingTypes", 20), Map.entry("Region.localAuthorities", 160),
            // a setting has one cell per need and phase (12 x 5), each commissioned by at most every LA
            Map.entry("Setting.places", 60), Map.entry("Place.commissions", 160), Map.entry("VacancySummary.rows", 60),
            Map.entry("Provider.settings", 500),
            Map.entry("ImportSettingsPayload.rejections", 1000), Map.entry("ImportSettingsPayload.warnings", 1000),
            Map.entry("ImportSettingsPayload.skippedReasons", 50), Map.entry("ImportPlacementRequestsPayload.rejections", 1000),
            Map.entry("PlacementRequest.preferences", 10),
            // need x phase x LA
            Map.entry("Query.demandSummary", 1000),
            Map.entry("Query.users", 1000),
            Map.entry("Query.rateFrameworks", 50), Map.entry("RateFramework.bands", 100), Map.entry("RateFramework.areaAdjustments", 10),
            Map.entry("RateBand.needs", 12), Map.entry("RateFramework.breakdownRequiredFrom", 5), Map.entry("FeeCheck.rules", 7),
            // a setting's fees for a year: one per band and kind
            Map.entry("Query.fees", 50), Map.entry("Fee.checks", 100), Map.entry("Fee.revisions", 50), Map.entry("FeeCheck.reasons", 10),
            Map.entry("FeeAudit.verdicts", 10), Map.entry("FeeAudit.statistics", 1000), Map.entry("FeeFinding.events", 10),
            Map.entry("PublishRateFrameworkPayload.verdicts", 10), Map.entry("SubmitFeesPayload.fees", 50),
            Map.entry("SettingsStatusPayload.settings", 500),
            Map.entry("Plan.excludedSettings", 1000), Map.entry("Plan.notes", 1000), Map.entry("Plan.unplacedRequests", 5000),
            Map.entry("PlanSummary.shortfall", 60), Map.entry("PlanAssignment.penalties", 10),
            Map.entry("UnplacedRequest.blockingSettings", 5), Map.entry("ApprovePlanPayload.placements", 5000),
            Map.entry("SuitableSettings.excluded", 100), Map.entry("SettingOption.reasons", 10), Map.entry("SettingOption.penalties", 10),
            Map.entry("Setting.placements", 500),
            // the market: a referral goes to at most 50 settings, shows its 100 newest offers, each with at most 20 revisions
            Map.entry("Referral.therapies", 7), Map.entry("Referral.whyNotState", 20), Map.entry("Referral.recipients", 50),
            Map.entry("Referral.offers", 100), Map.entry("Referral.comparison", 55), Map.entry("Offer.revisions", 20),
            Map.entry("OfferCheck.reasons", 10), Map.entry("ReferUnplacedPayload.referrals", 1000),
            Map.entry("ReferUnplacedPayload.skipped", 1000), Map.entry("PlacementAgreement.renewals", 20),
            Map.entry("AgreementRenewal.reasons", 10),
            // market intelligence: the 500 providers with most referrals received (MarketStatistics.MAX_PROVIDERS)
            Map.entry("MarketStatistics.providers", 500),
            // block contracts: the 200 newest (BlockContracts.MAX_LIST), each with at most 10 parties
            Map.entry("Query.blockContracts", 200), Map.entry("BlockContract.parties", 10), Map.entry("BlockContract.reasons", 10),
            Map.entry("Plan.blockContractPlaces", 200),
            // scenarios: the 100 newest (Scenarios.MAX_LIST), each with at most 100 changes
            Map.entry("Query.scenarios", 100), Map.entry("Scenario.changes", 100),
            // the EHC plan forecast: at most 5 years, each by 24 ages, 5 phases, 7 kinds of placement, 13 needs; 153 LAs
            Map.entry("EhcpForecast.years", 5), Map.entry("EhcpForecast.localAuthorities", 160),
            Map.entry("EhcpForecast.missingLocalAuthorities", 160), Map.entry("EhcpForecastYear.byAge", 24),
            Map.entry("EhcpForecastYear.byPhase", 5), Map.entry("EhcpForecastYear.byPlacement", 7), Map.entry("EhcpForecastYear.byNeed", 13),
            Map.entry("ImportSen2Payload.periods", 20), Map.entry("ImportSen2Payload.localAuthorities", 160),
            Map.entry("ImportSen2Payload.rejections", 1000), Map.entry("ImportSen2Payload.skippedReasons", 50),
            // sufficiency: 5 years, each at most 5 phases x 6 kinds of place
            Map.entry("Sufficiency.years", 5), Map.entry("Sufficiency.missingLocalAuthorities", 160), Map.entry("SufficiencyYear.rows", 30),
            Map.entry("SufficiencyRow.needs", 12),
            // where to invest: at most one cell per new place asked (Investments.MAX_PLACES)
            Map.entry("Investment.cells", 1000),
            // host LA consultations: the 200 newest (Consultations.MAX_LIST), a setting's 20 newest, each one cell per need and phase
            Map.entry("Query.hostConsultations", 200), Map.entry("Setting.hostConsultations", 20), Map.entry("HostConsultation.cells", 60),
            // financial oversight: a provider states once a year; the groups are the owner kinds (6), for profit or not,
            // and 5 bands + 9 regions + 6 owner kinds + 2; flags and providers are cut at OversightController's bounds
            Map.entry("Query.providerFigures", 100), Map.entry("FinancialOversight.byOwnerKind", 6),
            Map.entry("FinancialOversight.byForProfit", 2), Map.entry("FinancialOversight.statistics", 30),
            Map.entry("FinancialOversight.flags", 3000), Map.entry("FinancialOversight.providers", 500),
            // national banding: the 5,000 state fees furthest outside first (NationalBandings.MAX_FEES)
            Map.entry("NationalBandingReport.fees", 5_000));

    /** Lists whose size a client sets with an argument of their own (1-100, checked by the field itself). */
    static final Map<String, String> LIST_SIZE_ARGUMENTS = Map.of("FeeAudit.providersWithMostFindings", "first",
            "Plan.placeValues", "first", "Plan.placeValuesByLocalAuthority", "first");

    /** Lists whose size is set by an argument of the field above them (1-100, checked there). */
    static final Map<String, String> PARENT_SIZE_ARGUMENTS = Map.of("SuitableSettings.suitable", "limit");

    /** Fields that do real work once per call (a search, an optimisation, an export), by their weight in resolved values. */
    static final Map<String, Integer> WEIGHTS = Map.ofEntries(
            Map.entry("Query.settings", 20), Map.entry("Query.providers", 20), Map.entry("Query.auditTrail", 20),
            Map.entry("Query.placementRequests", 20), Map.entry("Query.feeAudits", 20), Map.entry("Query.feeFindings", 20),
            Map.entry("Query.plans", 20), Map.entry("Query.plan", 20), Map.entry("Query.demandSummary", 200),
            Map.entry("Query.vacancies", 500), Map.entry("Query.checkFee", 20),
            Map.entry("Query.nationalBanding", 500),
            Map.entry("Query.suitableSettings", 2_000), Map.entry("Query.suitableSettingsFor", 2_000),
            Map.entry("Query.planCsv", 5_000), Map.entry("Query.feeFindingsCsv", 5_000),
            Map.entry("Mutation.runScenario", 20_000), Map.entry("Query.scenariosCsv", 200),
            Map.entry("Mutation.importSettings", 20_000), Map.entry("Mutation.importPlacementRequests", 5_000),
            Map.entry("Mutation.generateDemoDemand", 2_000), Map.entry("Mutation.runFeeAudit", 20_000),
            Map.entry("Mutation.publishRateFramework", 20_000), Map.entry("Mutation.submitFees", 1_000),
            Map.entry("Mutation.startPlan", 1_000), Map.entry("Mutation.approvePlan", 2_000),
            Map.entry("Mutation.suspendSettings", 500), Map.entry("Mutation.reinstateSettings", 500),
            Map.entry("Query.referrals", 20), Map.entry("Query.referralsCsv", 5_000), Map.entry("Query.placementAgreements", 20), Map.entry("Referral.comparison", 2_000),
            Map.entry("Mutation.createReferral", 2_000), Map.entry("Mutation.referUnplaced", 20_000),
            Map.entry("Query.marketStatistics", 2_000), Map.entry("Query.marketStatisticsCsv", 5_000),
            Map.entry("Query.ehcpForecast", 5_000), Map.entry("Query.sufficiency", 5_000),
            Map.entry("Mutation.importSen2", 20_000), Map.entry("Query.whereToInvest", 20_000));

    static final int DEFAULT_PAGE = 20;
    static final int UNLISTED_LIST_BOUND = 1000;

    record Estimate(double cost, int depth, String costliest) {
    }

    private final GraphQLSchema schema;

    QueryCost(GraphQLSchema schema) {
        this.schema = schema;
    }

    Estimate estimate(ExecutableNormalizedOperation operation) {
        double total = 0;
        int depth = 0;
        String costliest = null;
        double costliestCost = -1;
        for (ExecutableNormalizedField root : operation.getTopLevelFields()) {
            if (isIntrospection(root)) {
                continue;
            }
            double cost = cost(root);
            total += cost;
            depth = Math.max(depth, depth(root));
            if (cost > costliestCost) {
                costliestCost = cost;
                costliest = root.getResultKey();
            }
        }
        return new Estimate(total, depth, costliest);
    }

    /** True when every top-level field asks about the schema itself (GraphiQL's documentation query). */
    static boolean onlyIntrospection(ExecutableNormalizedOperation operation) {
        return operation.getTopLevelFields().stream().allMatch(QueryCost::isIntrospection);
    }

    private static boolean isIntrospection(ExecutableNormalizedField field) {
        return field.getName().startsWith("__");
    }

    private double cost(ExecutableNormalizedField field) {
        if (isIntrospection(field)) {
            return 0;
        }
        double children = 0;
        for (ExecutableNormalizedField child : field.getChildren()) {
            children += cost(child);
        }
        // a field of an interface or union is counted once per concrete type it may return; take the dearest
        double weight = 0;
        double items = 0;
        for (String typeName : field.getObjectTypeNames()) {
            String coordinate = typeName + "." + field.getName();
            weight = Math.max(weight, WEIGHTS.getOrDefault(coordinate, 1));
            items = Math.max(items, items(coordinate, field, definition(typeName, field.getName())));
        }
        return weight + items * children;
    }

    private GraphQLFieldDefinition definition(String typeName, String fieldName) {
        GraphQLType type = schema.getType(typeName);
        return type instanceof GraphQLFieldsContainer container ? container.getFieldDefinition(fieldName) : null;
    }

    /** How many times the field's selections are resolved. */
    private double items(String coordinate, ExecutableNormalizedField field, GraphQLFieldDefinition definition) {
        if (definition == null || !isList(definition.getType())) {
            return 1;
        }
        if (field.getName().equals("edges") && coordinate.contains("Connection.")) {
            return pageSize(field.getParent());
        }
        if (LIST_SIZE_ARGUMENTS.containsKey(coordinate)) {
            return clampPage(field.getResolvedArguments().get(LIST_SIZE_ARGUMENTS.get(coordinate)));
        }
        if (PARENT_SIZE_ARGUMENTS.containsKey(coordinate) && field.getParent() != null) {
            return clampPage(field.getParent().getResolvedArguments().get(PARENT_SIZE_ARGUMENTS.get(coordinate)));
        }
        // a list without a bound is a mistake that QueryCostTest catches; until then it is priced dearly
        return LIST_BOUNDS.getOrDefault(coordinate, UNLISTED_LIST_BOUND);
    }

    private static double pageSize(ExecutableNormalizedField connection) {
        return connection == null ? DEFAULT_PAGE : clampPage(connection.getResolvedArguments().get("first"));
    }

    /** Out-of-range sizes are refused by the field itself; for pricing they count as the largest page. */
    private static double clampPage(Object value) {
        if (value instanceof Number number) {
            return Math.max(1, Math.min(Page.MAX_FIRST, number.intValue()));
        }
        return value == null ? DEFAULT_PAGE : Page.MAX_FIRST;
    }

    private static int depth(ExecutableNormalizedField field) {
        int deepest = 0;
        for (ExecutableNormalizedField child : field.getChildren()) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    static boolean isList(GraphQLOutputType type) {
        GraphQLType unwrapped = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        return unwrapped instanceof GraphQLList;
    }

    /** Every list field of the schema's object types that has neither a bound nor a size argument (should be none). */
    static List<String> unboundedLists(GraphQLSchema schema) {
        List<String> missing = new ArrayList<>();
        for (GraphQLType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__")) {
                continue;
            }
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                String coordinate = object.getName() + "." + field.getName();
                boolean connectionEdges = field.getName().equals("edges") && object.getName().endsWith("Connection");
                if (isList(field.getType()) && !connectionEdges && !LIST_BOUNDS.containsKey(coordinate)
                        && !LIST_SIZE_ARGUMENTS.containsKey(coordinate) && !PARENT_SIZE_ARGUMENTS.containsKey(coordinate)) {
                    missing.add(coordinate);
                }
            }
        }
        return missing;
    }
}
