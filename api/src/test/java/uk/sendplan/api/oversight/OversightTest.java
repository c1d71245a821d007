package uk.sendplan.api.oversight;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Csv;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.PROVIDER_FIGURES;

/**
 * Financial oversight (issue 15, items 3 and 6) on real PostgreSQL: stating and restating a year's figures (audited),
 * a provider reading and stating only its own, bad input refused with nothing written, each threshold both ways with
 * its exact numbers, and the surplus statistics from fee breakdowns. Each test uses financial years from 9000-01 on,
 * which no other test or the demo uses, so the oversight of its year holds its own providers alone.
 */
class OversightTest extends GraphQlTestBase {

    private static final AtomicInteger NEXT_YEAR = new AtomicInteger(9000);
    private static final AtomicInteger NEXT_URN = new AtomicInteger(690_000);
    private static final String STATE = "mutation($input: StateProviderFiguresInput!) { stateProviderFigures(input: $input) { figures { "
            + "providerId providerName financialYear turnover operatingSurplus netDebt ownerKind forProfit marginPercent debtToTurnover statedBy } } }";
    private static final String OVERSIGHT = "query($y: String!) { financialOversight(financialYear: $y) { financialYear providersStating "
            + "thresholds { surplusCapPercent debtToTurnoverLimit lossDebtToTurnoverLimit explanation } "
            + "flags { kind providerId providerName ownerKind forProfit turnover operatingSurplus netDebt marginPercent debtToTurnover limit explanation } "
            + "byOwnerKind { group providers flagged margin { lowest lowerQuartile median upperQuartile highest } debtToTurnover { median } fees medianFee medianFeeToReference } "
            + "byForProfit { group providers flagged } "
            + "statistics { dimension group label sums { fees feesBrokenDown feeTotal surplus surplusShare } providersStating medianMargin } "
            + "national { sums { fees feesBrokenDown feeTotal surplus surplusShare } explanation } "
            + "providers { providerId sums { fees feesBrokenDown feeTotal surplus surplusShare } marginPercent } providerCount } }";

    String year;

    @BeforeEach
    void year() {
        int start = NEXT_YEAR.getAndIncrement();
        year = start + "-" + String.format("%02d", (start + 1) % 100);
    }

    private String provider(String name, String kind, boolean forProfit) {
        return graphQl.documentName("registerProvider").variable("input", Map.of("name", name, "kind", kind, "forProfit", forProfit))
                .execute().path("registerProvider.provider.id").entity(String.class).get();
    }

    private static Map<String, Object> figures(String provider, String year, String turnover, String surplus, String netDebt, String owner, Boolean forProfit) {
        Map<String, Object> input = new HashMap<>();
        input.put("providerId", provider);
        input.put("financialYear", year);
        input.put("turnover", turnover);
        input.put("operatingSurplus", surplus);
        input.put("netDebt", netDebt);
        input.put("ownerKind", owner);
        input.put("forProfit", forProfit);
        return input;
    }

    private GraphQlTester.Response state(GraphQlTester as, Map<String, Object> input) {
        return as.document(STATE).variable("input", input).execute();
    }

    /** The year's framework: DAY band 3 at £50,000 (ceiling £60,000), band 2 at £40,000, no area adjustment; surplus cap 10%. */
    private void framework(String year) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("financialYear", year);
        input.put("name", "Oversight test framework");
        input.put("maxUpliftPercent", 5.0);
        input.put("surplusCapPercent", 10.0);
        input.put("bands", List.of(
                Map.of("code", "DAY-2", "description", "Day 2", "kind", "DAY", "complexity", 2, "referenceRate", "40000.00", "ceiling", "48000.00"),
                Map.of("code", "DAY-3", "description", "Day 3", "kind", "DAY", "complexity", 3, "referenceRate", "50000.00", "ceiling", "60000.00")));
        String id = graphQl.documentName("createRateFramework").variable("input", input).execute()
                .path("createRateFramework.framework.id").entity(String.class).get();
        graphQl.documentName("publishRateFramework").variable("input", Map.of("id", id)).execute()
                .path("publishRateFramework.framework.status").entity(String.class).isEqualTo("PUBLISHED");
    }

    private int setting(String provider, String type, String laCode) {
        int urn = NEXT_URN.incrementAndGet();
        graphQl.documentName("registerSetting").variable("input", Map.of("urn", urn, "name", "Oversight Test " + urn, "type", type,
                        "providerId", provider, "laCode", laCode, "ageFrom", 7, "ageTo", 18, "boarding", false,
                        "places", List.of(Map.of("need", "SEMH", "phase", "SECONDARY", "capacity", 20, "occupied", 10))))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(urn);
        return urn;
    }

    private void fees(int urn, List<Map<String, Object>> fees) {
        graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", year, "fees", fees))
                .execute().path("submitFees.fees").entityList(Object.class).hasSize(fees.size());
    }

    private static Map<String, Object> fee(int band, String annualFee, String surplus) {
        Map<String, Object> fee = new LinkedHashMap<>();
        fee.put("band", band);
        fee.put("kind", "DAY");
        fee.put("annualFee", annualFee);
        if (surplus != null) {
            String education = new java.math.BigDecimal(annualFee).subtract(new java.math.BigDecimal(surplus)).toPlainString();
            fee.put("breakdown", Map.of("education", education, "care", "0.00", "therapies", "0.00", "transport", "0.00", "overheads", "0.00",
                    "surplus", surplus));
        }
        return fee;
    }

    @Test
    void aProviderStatesAndRestatesItsOwnFiguresAuditedAndNeverAnothers() {
        String own = provider("Oversight Own Ltd", "INDEPENDENT", true);
        String other = provider("Oversight Other Ltd", "INDEPENDENT", true);
        GraphQlTester provider = asProvider(Long.parseLong(own));

        // private equity settles the for-profit status; margin and debt follow from the figures
        state(provider, figures(own, year, "10000000.00", "2300000.00", "50000000.00", "PRIVATE_EQUITY", null))
                .path("stateProviderFigures.figures.forProfit").entity(Boolean.class).isEqualTo(true)
                .path("stateProviderFigures.figures.marginPercent").entity(Double.class).isEqualTo(23.0)
                .path("stateProviderFigures.figures.debtToTurnover").entity(Double.class).isEqualTo(5.0)
                .path("stateProviderFigures.figures.turnover").entity(String.class).isEqualTo("10000000.00");
        // restating the year replaces it
        state(provider, figures(own, year, "10000000.00", "-500000.50", "-2000000.00", "FAMILY", false))
                .path("stateProviderFigures.figures.operatingSurplus").entity(String.class).isEqualTo("-500000.50")
                .path("stateProviderFigures.figures.marginPercent").entity(Double.class).isEqualTo(-5.0)
                .path("stateProviderFigures.figures.debtToTurnover").entity(Double.class).isEqualTo(-0.2);
        provider.document("query($p: ID!) { providerFigures(providerId: $p) { financialYear ownerKind forProfit operatingSurplus } }").variable("p", own)
                .execute().path("providerFigures").entityList(Map.class)
                .containsExactly(Map.of("financialYear", year, "ownerKind", "FAMILY", "forProfit", false, "operatingSurplus", "-500000.50"));

        long id = db.fetchValue(PROVIDER_FIGURES.ID, PROVIDER_FIGURES.PROVIDER_ID.eq(Long.parseLong(own)).and(PROVIDER_FIGURES.FINANCIAL_YEAR.eq(year)));
        var events = db.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ENTITY_TYPE.eq("provider_figures")).and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(id)))
                .orderBy(AUDIT_EVENT.ID).fetch();
        assertThat(events).extracting(e -> e.getAction()).containsExactly("PROVIDER_FIGURES_STATED", "PROVIDER_FIGURES_RESTATED");
        assertThat(events.get(0).getBefore()).isNull();
        assertThat(events.get(1).getBefore().data()).contains("\"operatingSurplus\": \"2300000.00\"", "\"ownerKind\": \"PRIVATE_EQUITY\"");
        assertThat(events.get(1).getAfter().data()).contains("\"operatingSurplus\": \"-500000.50\"", "\"ownerKind\": \"FAMILY\"", "\"forProfit\": false");
        assertThat(events).allSatisfy(e -> assertThat(e.getProviderId()).isEqualTo(Long.parseLong(own)));

        // another provider's figures: refused in the same words as one that does not exist, and nothing written
        for (String target : List.of(other, "99999999")) {
            state(provider, figures(target, year, "1000.00", "1.00", "1.00", "CHARITY", null)).errors()
                    .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("stateProviderFigures: not found in your scope")).verify();
            provider.document("query($p: ID!) { providerFigures(providerId: $p) { financialYear } }").variable("p", target).execute().errors()
                    .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals("providerFigures: not found in your scope")).verify();
        }
        assertThat(db.fetchCount(PROVIDER_FIGURES, PROVIDER_FIGURES.PROVIDER_ID.eq(Long.parseLong(other)))).isZero();
        // a regulator reads any provider's; a commissioner none
        as("regulator").document("query($p: ID!) { providerFigures(providerId: $p) { ownerKind } }").variable("p", own).execute()
                .path("providerFigures[0].ownerKind").entity(String.class).isEqualTo("FAMILY");
        as("commissioner-camden").document("query($p: ID!) { providerFigures(providerId: $p) { ownerKind } }").variable("p", own).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
    }

    @Test
    void badInputIsRefusedWithTheFieldAndRuleAndNothingWritten() {
        String own = provider("Oversight Careless Ltd", "INDEPENDENT", true);
        GraphQlTester provider = asProvider(Long.parseLong(own));
        int events = db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_TYPE.eq("provider_figures"));
        Map<Map<String, Object>, String> refusals = new LinkedHashMap<>();
        refusals.put(figures(own, year, "0.00", "0.00", "0.00", "CHARITY", null), "input.turnover: must be more than £0.00 and at most £100,000,000,000.00, got £0.00");
        refusals.put(figures(own, year, "-5.00", "0.00", "0.00", "CHARITY", null), "input.turnover: must be more than £0.00 and at most £100,000,000,000.00, got -£5.00");
        refusals.put(figures(own, year, "100000000000.01", "0.00", "0.00", "CHARITY", null), "input.turnover: must be more than £0.00 and at most £100,000,000,000.00, got £100,000,000,000.01");
        refusals.put(figures(own, "2026-2027", "1000.00", "0.00", "0.00", "CHARITY", null), "input.financialYear: expected a financial year such as 2026-27, got \"2026-2027\"");
        refusals.put(figures(own, "2026-28", "1000.00", "0.00", "0.00", "CHARITY", null), "input.financialYear: expected a financial year such as 2026-27, got \"2026-28\"");
        refusals.put(figures(own, year, "1000.00", "0.00", "0.00", "CHARITY", true), "input.forProfit: a group owned by a charity is not run for profit, got for profit");
        refusals.put(figures(own, year, "1000.00", "0.00", "0.00", "PRIVATE_EQUITY", false), "input.forProfit: a group owned by private equity is run for profit, got not for profit");
        refusals.put(figures(own, year, "1000.00", "0.00", "0.00", "FAMILY", null), "input.forProfit: say whether a group owned by a family is run for profit");
        refusals.forEach((input, message) -> state(provider, input).errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals(message)).verify()
                .path("stateProviderFigures").pathDoesNotExist());
        // money not in whole pence and an unknown owner kind never reach the service
        state(provider, figures(own, year, "1000.005", "0.00", "0.00", "CHARITY", null)).errors()
                .expect(e -> e.getMessage().contains("Money: expected pounds as a decimal string with at most 2 decimal places")).verify();
        state(provider, figures(own, year, "£1,000", "0.00", "0.00", "CHARITY", null)).errors()
                .expect(e -> e.getMessage().contains("Money: expected pounds as a decimal string")).verify();
        state(provider, figures(own, year, "1000.00", "0.00", "0.00", "STATE", null)).errors()
                .expect(e -> e.getMessage().contains("STATE") && e.getMessage().contains("OwnerKind")).verify();
        assertThat(db.fetchCount(PROVIDER_FIGURES, PROVIDER_FIGURES.PROVIDER_ID.eq(Long.parseLong(own)))).isZero();
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_TYPE.eq("provider_figures"))).isEqualTo(events);
    }

    @Test
    void eachThresholdBothWaysWithItsExactNumbers() {
        framework(year);
        GraphQlTester admin = graphQl;
        String atLimits = provider("Oversight At Limits Ltd", "INDEPENDENT", true);
        String overByAPenny = provider("Oversight Over Ltd", "INDEPENDENT", true);
        String lossAtLimit = provider("Oversight Loss At Limit", "NON_MAINTAINED", false);
        String lossOver = provider("Oversight Loss Over", "NON_MAINTAINED", false);
        String privateEquity = provider("Oversight Equity Ltd", "INDEPENDENT", true);
        state(admin, figures(atLimits, year, "10000000.00", "1000000.00", "30000000.00", "LISTED", null)).path("stateProviderFigures.figures.providerId").hasValue();
        state(admin, figures(overByAPenny, year, "10000000.00", "1000000.01", "30000000.01", "OTHER", true)).path("stateProviderFigures.figures.providerId").hasValue();
        state(admin, figures(lossAtLimit, year, "10000000.00", "-100000.00", "10000000.00", "CHARITY", null)).path("stateProviderFigures.figures.providerId").hasValue();
        state(admin, figures(lossOver, year, "10000000.00", "-100000.00", "10000000.01", "LOCAL_AUTHORITY_OR_TRUST", null)).path("stateProviderFigures.figures.providerId").hasValue();
        state(admin, figures(privateEquity, year, "10000000.00", "2300000.00", "50000000.00", "PRIVATE_EQUITY", null)).path("stateProviderFigures.figures.providerId").hasValue();

        GraphQlTester.Response response = as("regulator").document(OVERSIGHT).variable("y", year).execute();
        response.path("financialOversight.providersStating").entity(Integer.class).isEqualTo(5)
                .path("financialOversight.thresholds.surplusCapPercent").entity(Double.class).isEqualTo(10.0)
                .path("financialOversight.thresholds.debtToTurnoverLimit").entity(Double.class).isEqualTo(3.0)
                .path("financialOversight.flags[*].kind").entityList(String.class)
                .containsExactly("MARGIN_ABOVE_SURPLUS_CAP", "DEBT_ABOVE_LIMIT", "LOSS_WITH_HIGH_DEBT", "MARGIN_ABOVE_SURPLUS_CAP", "DEBT_ABOVE_LIMIT")
                .path("financialOversight.flags[*].providerId").entityList(String.class)
                .containsExactly(overByAPenny, overByAPenny, lossOver, privateEquity, privateEquity)
                // a penny over the cap is over it, though the margin rounds to the cap
                .path("financialOversight.flags[0].operatingSurplus").entity(String.class).isEqualTo("1000000.01")
                .path("financialOversight.flags[0].marginPercent").entity(Double.class).isEqualTo(10.0)
                .path("financialOversight.flags[0].limit").entity(Double.class).isEqualTo(10.0)
                .path("financialOversight.flags[1].netDebt").entity(String.class).isEqualTo("30000000.01")
                .path("financialOversight.flags[2].explanation").entity(String.class)
                .isEqualTo("An operating loss of £100,000 with net debt of £10,000,000, 1.00 times turnover (the limit with a loss is 1 times):"
                        + " the group may struggle to keep its settings open.")
                .path("financialOversight.flags[3].explanation").entity(String.class)
                .isEqualTo("Operating surplus of £2,300,000 on turnover of £10,000,000 is a margin of 23.00%, above the framework's surplus cap of 10.00% of a fee.")
                .path("financialOversight.flags[4].explanation").entity(String.class)
                .isEqualTo("Net debt of £50,000,000 is 5.00 times turnover of £10,000,000, above the limit of 3 times turnover.")
                .path("financialOversight.flags[4].ownerKind").entity(String.class).isEqualTo("PRIVATE_EQUITY")
                .path("financialOversight.byForProfit[*].group").entityList(String.class).containsExactly("FOR_PROFIT", "NOT_FOR_PROFIT")
                .path("financialOversight.byForProfit[0].providers").entity(Integer.class).isEqualTo(3)
                .path("financialOversight.byForProfit[0].flagged").entity(Integer.class).isEqualTo(2)
                .path("financialOversight.byForProfit[1].flagged").entity(Integer.class).isEqualTo(1)
                .path("financialOversight.byOwnerKind[*].group").entityList(String.class)
                .containsExactly("CHARITY", "LOCAL_AUTHORITY_OR_TRUST", "PRIVATE_EQUITY", "LISTED", "OTHER");

        // without a published framework there is no cap to compare margins with: only the debt rules apply
        String later = (Integer.parseInt(year.substring(0, 4)) + 500) + "-" + year.substring(5);
        state(admin, figures(privateEquity, later, "10000000.00", "2300000.00", "50000000.00", "PRIVATE_EQUITY", null)).path("stateProviderFigures.figures.providerId").hasValue();
        as("regulator").document(OVERSIGHT).variable("y", later).execute()
                .path("financialOversight.thresholds.surplusCapPercent").valueIsNull()
                .path("financialOversight.flags[*].kind").entityList(String.class).containsExactly("DEBT_ABOVE_LIMIT");
    }

    @Test
    void surplusFromFeeBreakdownsByBandRegionOwnerAndProfitWithItsShareOfPublicMoney() {
        framework(year);
        String equity = provider("Oversight Statistics Equity Ltd", "INDEPENDENT", true);
        String charity = provider("Oversight Statistics Charity", "NON_MAINTAINED", false);
        fees(setting(equity, "INDEPENDENT_SPECIAL", "390"), List.of(fee(3, "50000.00", "5000.00"), fee(2, "40000.00", null)));
        fees(setting(charity, "NON_MAINTAINED_SPECIAL", "202"), List.of(fee(3, "45000.00", "900.00")));
        state(graphQl, figures(equity, year, "20000000.00", "1600000.00", "20000000.00", "PRIVATE_EQUITY", null)).path("stateProviderFigures.figures.providerId").hasValue();
        state(graphQl, figures(charity, year, "5000000.00", "100000.00", "0.00", "CHARITY", null)).path("stateProviderFigures.figures.providerId").hasValue();

        as("regulator").document(OVERSIGHT).variable("y", year).execute()
                .path("financialOversight.flags").entityList(Object.class).hasSize(0)
                .path("financialOversight.national.sums").entity(Map.class).isEqualTo(Map.of("fees", 3, "feesBrokenDown", 2, "feeTotal", "95000.00",
                        "surplus", "5900.00", "surplusShare", 6.21))
                .path("financialOversight.statistics[?(@.dimension == 'BAND')].sums.fees").entityList(Integer.class).containsExactly(1, 2)
                .path("financialOversight.statistics[?(@.dimension == 'BAND')].sums.surplus").entityList(String.class).containsExactly("0.00", "5900.00")
                .path("financialOversight.statistics[?(@.dimension == 'REGION')].label").entityList(String.class).containsExactly("London", "North East")
                .path("financialOversight.statistics[?(@.dimension == 'REGION')].sums.surplus").entityList(String.class).containsExactly("900.00", "5000.00")
                .path("financialOversight.statistics[?(@.dimension == 'REGION')].medianMargin").entityList(Double.class).containsExactly(2.0, 8.0)
                .path("financialOversight.statistics[?(@.dimension == 'OWNER_KIND')].group").entityList(String.class).containsExactly("CHARITY", "PRIVATE_EQUITY")
                .path("financialOversight.statistics[?(@.dimension == 'OWNER_KIND')].sums.surplusShare").entityList(Double.class).containsExactly(2.0, 10.0)
                .path("financialOversight.statistics[?(@.dimension == 'FOR_PROFIT')].sums.fees").entityList(Integer.class).containsExactly(2, 1)
                .path("financialOversight.providers[*].providerId").entityList(String.class).containsExactly(equity, charity)
                .path("financialOversight.providers[0].sums.feesBrokenDown").entity(Integer.class).isEqualTo(1)
                .path("financialOversight.providers[0].marginPercent").entity(Double.class).isEqualTo(8.0)
                .path("financialOversight.providerCount").entity(Integer.class).isEqualTo(2)
                // fees against the owners: the median of £50,000 and £40,000, each at its band's reference
                .path("financialOversight.byOwnerKind[1].group").entity(String.class).isEqualTo("PRIVATE_EQUITY")
                .path("financialOversight.byOwnerKind[1].fees").entity(Integer.class).isEqualTo(2)
                .path("financialOversight.byOwnerKind[1].medianFee").entity(String.class).isEqualTo("45000.00")
                .path("financialOversight.byOwnerKind[1].medianFeeToReference").entity(Double.class).isEqualTo(100.0)
                .path("financialOversight.byOwnerKind[0].medianFeeToReference").entity(Double.class).isEqualTo(90.0);

        String csv = as("regulator").document("query($y: String!) { financialOversightCsv(financialYear: $y, table: STATISTICS) }").variable("y", year)
                .execute().path("financialOversightCsv").entity(String.class).get();
        List<Csv.Row> rows = Csv.parse(csv);
        assertThat(rows.getFirst().fields()).startsWith("financial_year", "dimension", "group", "label", "fees", "fees_broken_down", "fee_total", "surplus",
                "surplus_share_percent");
        assertThat(rows.get(1).fields()).startsWith(year, "ENGLAND", "ENGLAND", "England", "3", "2", "95000.00", "5900.00", "6.21");
        String providersCsv = as("regulator").document("query($y: String!) { financialOversightCsv(financialYear: $y, table: PROVIDERS) }").variable("y", year)
                .execute().path("financialOversightCsv").entity(String.class).get();
        assertThat(Csv.parse(providersCsv)).hasSize(3);
    }

    @Test
    void theDemoFlagsAPrivateEquityGroupAndALossMakingOneWithTheirNumbers() {
        as("regulator").document(OVERSIGHT).variable("y", "2026-27").execute()
                .path("financialOversight.providersStating").entity(Integer.class).isEqualTo(75)
                .path("financialOversight.flags[?(@.ownerKind == 'PRIVATE_EQUITY' && @.marginPercent == 23.0)].kind").entityList(String.class)
                .containsExactly("MARGIN_ABOVE_SURPLUS_CAP", "DEBT_ABOVE_LIMIT")
                .path("financialOversight.flags[?(@.ownerKind == 'PRIVATE_EQUITY' && @.marginPercent == 23.0)].debtToTurnover").entityList(Double.class)
                .containsExactly(5.0, 5.0)
                .path("financialOversight.flags[?(@.ownerKind == 'PRIVATE_EQUITY' && @.marginPercent == 23.0)].providerName").entityList(String.class)
                .containsExactly("Demo Independent Education Group 02 Ltd", "Demo Independent Education Group 02 Ltd")
                .path("financialOversight.flags[?(@.kind == 'LOSS_WITH_HIGH_DEBT')].providerName").entityList(String.class)
                .contains("Demo Specialist College Group 01")
                .path("financialOversight.flags[?(@.kind == 'LOSS_WITH_HIGH_DEBT')].debtToTurnover").entityList(Double.class).contains(1.4)
                .path("financialOversight.national.sums.surplusShare").hasValue();
    }
}
