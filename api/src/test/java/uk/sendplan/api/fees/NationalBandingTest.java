package uk.sendplan.api.fees;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.FEE;
import static uk.sendplan.db.jooq.Tables.FEE_FINDING;
import static uk.sendplan.db.jooq.Tables.RATE_BAND;
import static uk.sendplan.db.jooq.Tables.RATE_FRAMEWORK;

/**
 * National bands for every setting (issue 15, item 4): a state setting's fee against its band's national tariff, both
 * ways with exact amounts; each role's scope; bad tariffs refused with nothing written; and no finding from an audit.
 * The year's framework gives DAY-2 a state tariff of £20,000 to £25,000 and DAY-3 none. Camden is in London, whose
 * area cost adjustment (1.2) moves reference rates and ceilings but not tariffs.
 */
class NationalBandingTest extends GraphQlTestBase {

    static final String REPORT = "query($y: String!, $la: ID, $r: ID) { nationalBanding(financialYear: $y, laCode: $la, regionCode: $r) {"
            + " financialYear scope within outside noTariff framework { id }"
            + " fees { feeId urn band kind annualFee settingName laCode laName banding bandCode"
            + " tariff { min max } above below explanation } } }";

    FeeFixtures fixtures;
    String spareYear;
    String year;
    String framework;
    String trust;

    @BeforeEach
    void framework() {
        fixtures = new FeeFixtures(graphQl);
        String[] years = FeeFixtures.freshYears();
        spareYear = years[0];
        year = years[1];
        framework = fixtures.publish(graphQl.documentName("createRateFramework").variable("input", tariffFramework(year)).execute()
                .path("createRateFramework.framework.bands[0].stateTariff.min").entity(String.class).isEqualTo("20000.00")
                .path("createRateFramework.framework.bands[0].stateTariff.max").entity(String.class).isEqualTo("25000.00")
                .path("createRateFramework.framework.bands[1].stateTariff").valueIsNull()
                .path("createRateFramework.framework.id").entity(String.class).get());
        trust = fixtures.provider("Banding Academy Trust", "ACADEMY_TRUST", false);
    }

    /** The test framework with a state tariff on DAY-2 (the first band) alone. */
    static Map<String, Object> tariffFramework(String year) {
        Map<String, Object> input = FeeFixtures.frameworkInput(year);
        List<Map<String, Object>> bands = new ArrayList<>();
        for (Map<String, Object> band : FeeFixtures.bands()) {
            Map<String, Object> copy = new LinkedHashMap<>(band);
            if ("DAY-2".equals(band.get("code"))) {
                copy.put("stateTariff", Map.of("min", "20000.00", "max", "25000.00"));
            }
            bands.add(copy);
        }
        input.put("bands", bands);
        return input;
    }

    @Test
    void aStateFeeIsWithinOrOutsideItsBandsTariffWithTheAmountAboveOrBelow() {
        int camden = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.CAMDEN, false, "SLD");
        int low = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.GATESHEAD, false, "SLD");
        int edges = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.GATESHEAD, false, "SLD");
        int top = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.GATESHEAD, false, "SLD");
        int independent = fixtures.setting(fixtures.provider("Banding Care Ltd", "INDEPENDENT", true), "INDEPENDENT_SPECIAL",
                FeeFixtures.CAMDEN, false, "SLD");
        fixtures.submitted(camden, year, List.of(fee(2, "DAY", "25000.01"), fee(3, "DAY", "31000.00")));
        fixtures.submitted(low, year, List.of(fee(2, "DAY", "19999.99")));
        fixtures.submitted(edges, year, List.of(fee(2, "DAY", "20000.00")));
        fixtures.submitted(top, year, List.of(fee(2, "DAY", "25000.00")));
        fixtures.submitted(independent, year, List.of(fee(2, "DAY", "30000.00")));

        GraphQlTester.Response england = graphQl.document(REPORT).variable("y", year).execute();
        england.path("nationalBanding.scope").entity(String.class).isEqualTo("England")
                .path("nationalBanding.framework.id").entity(String.class).isEqualTo(framework)
                .path("nationalBanding.outside").entity(Integer.class).isEqualTo(2)
                .path("nationalBanding.within").entity(Integer.class).isEqualTo(2)
                .path("nationalBanding.noTariff").entity(Integer.class).isEqualTo(1)
                // state settings only: the independent setting's fee is the framework's to regulate, not banded here
                .path("nationalBanding.fees[*].urn").entityList(Integer.class).doesNotContain(independent).hasSize(5)
                // outside first, furthest out first (a penny each way: then by setting name), then within, then no tariff
                .path("nationalBanding.fees[*].banding").entityList(String.class).containsExactly("OUTSIDE_NATIONAL_BANDING",
                        "OUTSIDE_NATIONAL_BANDING", "WITHIN_NATIONAL_BANDING", "WITHIN_NATIONAL_BANDING", "NO_NATIONAL_TARIFF");

        GraphQlTester.Response camdenReport = graphQl.document(REPORT).variable("y", year).variable("la", FeeFixtures.CAMDEN).execute();
        camdenReport.path("nationalBanding.scope").entity(String.class).isEqualTo("Camden")
                .path("nationalBanding.fees[*].urn").entityList(Integer.class).containsExactly(camden, camden)
                .path("nationalBanding.fees[0].banding").entity(String.class).isEqualTo("OUTSIDE_NATIONAL_BANDING")
                .path("nationalBanding.fees[0].bandCode").entity(String.class).isEqualTo("DAY-2")
                // no area cost adjustment: London's 1.2 would make the maximum £30,000
                .path("nationalBanding.fees[0].tariff.max").entity(String.class).isEqualTo("25000.00")
                .path("nationalBanding.fees[0].above").entity(String.class).isEqualTo("0.01")
                .path("nationalBanding.fees[0].below").valueIsNull()
                .path("nationalBanding.fees[0].explanation").entity(String.class).isEqualTo("Fee £25,000.01 is £0.01 above band DAY-2's national"
                        + " tariff of £20,000.00 to £25,000.00 (framework " + framework + " (" + year + " version 1)).")
                .path("nationalBanding.fees[0].kind").entity(String.class).isEqualTo("DAY")
                .path("nationalBanding.fees[0].band").entity(Integer.class).isEqualTo(2)
                .path("nationalBanding.fees[0].laName").entity(String.class).isEqualTo("Camden")
                .path("nationalBanding.fees[1].banding").entity(String.class).isEqualTo("NO_NATIONAL_TARIFF")
                .path("nationalBanding.fees[1].bandCode").valueIsNull()
                .path("nationalBanding.fees[1].explanation").entity(String.class).isEqualTo("No band of framework " + framework + " (" + year
                        + " version 1) gives a national tariff for day places at complexity 3.");

        // the fee's check is unchanged: a state fee is not regulated
        String feeId = camdenReport.path("nationalBanding.fees[0].feeId").entity(String.class).get();
        graphQl.document("query($id: ID!) { fee(id: $id) { annualFee check { verdict } } }").variable("id", feeId).execute()
                .path("fee.annualFee").entity(String.class).isEqualTo("25000.01")
                .path("fee.check.verdict").entity(String.class).isEqualTo("NOT_REGULATED");

        GraphQlTester.Response gateshead = graphQl.document(REPORT).variable("y", year).variable("la", FeeFixtures.GATESHEAD).execute();
        gateshead.path("nationalBanding.fees[*].urn").entityList(Integer.class).containsExactly(low, edges, top)
                .path("nationalBanding.fees[0].banding").entity(String.class).isEqualTo("OUTSIDE_NATIONAL_BANDING")
                .path("nationalBanding.fees[0].below").entity(String.class).isEqualTo("0.01")
                .path("nationalBanding.fees[0].above").valueIsNull()
                .path("nationalBanding.fees[0].explanation").entity(String.class).satisfies(text -> assertThat(text).startsWith("Fee £19,999.99 is £0.01 below band DAY-2's"))
                // both ends of the range are within it
                .path("nationalBanding.fees[1].banding").entity(String.class).isEqualTo("WITHIN_NATIONAL_BANDING")
                .path("nationalBanding.fees[1].annualFee").entity(String.class).isEqualTo("20000.00")
                .path("nationalBanding.fees[1].above").valueIsNull()
                .path("nationalBanding.fees[1].below").valueIsNull()
                .path("nationalBanding.fees[2].banding").entity(String.class).isEqualTo("WITHIN_NATIONAL_BANDING")
                .path("nationalBanding.fees[2].annualFee").entity(String.class).isEqualTo("25000.00")
                .path("nationalBanding.fees[2].explanation").entity(String.class).satisfies(text -> assertThat(text).startsWith("Fee £25,000.00 is within band DAY-2's"));
    }

    @Test
    void eachRoleReadsItsOwnScopeAndNoAuditOpensAFindingForAStateFee() {
        int camden = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.CAMDEN, false, "SLD");
        int gateshead = fixtures.setting(trust, "STATE_SPECIAL", FeeFixtures.GATESHEAD, false, "SLD");
        fixtures.submitted(camden, year, List.of(fee(2, "DAY", "40000.00")));
        fixtures.submitted(gateshead, year, List.of(fee(2, "DAY", "10000.00")));

        // a commissioner: their LA, asked or not; another LA is out of scope
        asCommissioner(FeeFixtures.CAMDEN).document(REPORT).variable("y", year).execute()
                .path("nationalBanding.scope").entity(String.class).isEqualTo("Camden")
                .path("nationalBanding.fees[*].urn").entityList(Integer.class).containsExactly(camden);
        forbidden(asCommissioner(FeeFixtures.CAMDEN).document(REPORT).variable("y", year).variable("la", FeeFixtures.GATESHEAD).execute());
        forbidden(asCommissioner(FeeFixtures.CAMDEN).document(REPORT).variable("y", year).variable("r", FeeFixtures.LONDON).execute());
        // a regional planner: their region, or an LA in it
        asPlanner(FeeFixtures.LONDON).document(REPORT).variable("y", year).execute()
                .path("nationalBanding.scope").entity(String.class).isEqualTo("London")
                .path("nationalBanding.fees[*].urn").entityList(Integer.class).containsExactly(camden);
        asPlanner(FeeFixtures.NORTH_EAST).document(REPORT).variable("y", year).variable("la", FeeFixtures.GATESHEAD).execute()
                .path("nationalBanding.fees[*].urn").entityList(Integer.class).containsExactly(gateshead);
        forbidden(asPlanner(FeeFixtures.NORTH_EAST).document(REPORT).variable("y", year).variable("la", FeeFixtures.CAMDEN).execute());
        forbidden(asPlanner(FeeFixtures.NORTH_EAST).document(REPORT).variable("y", year).variable("r", FeeFixtures.LONDON).execute());
        // the state setting's own provider (an academy trust) does not read LAs' banding
        forbidden(asProvider(Long.parseLong(trust)).document(REPORT).variable("y", year).execute());
        as("regulator").document(REPORT).variable("y", year).execute()
                .path("nationalBanding.outside").entity(Integer.class).isEqualTo(2);

        // both fees are outside the banding; a national audit checks them and opens no finding
        as("regulator").documentName("runFeeAudit").variable("financialYear", year).execute()
                .path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(2)
                .path("runFeeAudit.audit.verdicts[*].verdict").entityList(String.class).containsExactly("NOT_REGULATED")
                .path("runFeeAudit.audit.findingsOpened").entity(Integer.class).isEqualTo(0);
        assertThat(db.fetchCount(FEE_FINDING.join(FEE).on(FEE.ID.eq(FEE_FINDING.FEE_ID)), FEE.SETTING_URN.in(camden, gateshead))).isZero();
    }

    @Test
    void aBadTariffIsRefusedWithNothingWrittenAndAPublishedOneNeverChanges() {
        refused(withTariff(spareYear, Map.of("min", "-0.01", "max", "25000.00")), "createRateFramework",
                "input.bands[0].stateTariff.min: must not be negative, got -£0.01");
        refused(withTariff(spareYear, Map.of("min", "25000.01", "max", "25000.00")), "createRateFramework",
                "input.bands[0].stateTariff.min: must not be above the maximum (£25,000.01 > £25,000.00)");
        refused(withTariff(spareYear, Map.of("min", "0.00", "max", "0.00")), "createRateFramework",
                "input.bands[0].stateTariff.max: must be more than £0.00 and at most £1,500,000.00 a year, got £0.00");
        refused(withTariff(spareYear, Map.of("min", "0.00", "max", "1500000.01")), "createRateFramework",
                "input.bands[0].stateTariff.max: must be more than £0.00 and at most £1,500,000.00 a year, got £1,500,000.01");

        // a nil minimum is a tariff (a top-up may be nil); the draft's tariffs change until it is published, and are audited
        String draft = graphQl.documentName("createRateFramework").variable("input", withTariff(spareYear, Map.of("min", "0.00", "max", "9000.00")))
                .execute().path("createRateFramework.framework.bands[0].stateTariff.min").entity(String.class).isEqualTo("0.00")
                .path("createRateFramework.framework.id").entity(String.class).get();
        assertThat(db.select(AUDIT_EVENT.AFTER).from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("RATE_FRAMEWORK_CREATED"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(draft)).fetchOne().value1().data())
                .contains("\"stateTariffMin\": \"0.00\"").contains("\"stateTariffMax\": \"9000.00\"");
        refused(Map.of("id", draft, "bands", List.of(tariffBand(Map.of("min", "-1.00", "max", "9000.00")))), "updateRateFramework",
                "input.bands[0].stateTariff.min: must not be negative, got -£1.00");
        graphQl.documentName("rateFramework").variable("id", draft).execute()
                .path("rateFramework.bands[0].stateTariff.max").entity(String.class).isEqualTo("9000.00");

        // published: neither the service nor the database changes a tariff
        refused(Map.of("id", framework, "bands", List.of(tariffBand(Map.of("min", "1.00", "max", "2.00")))), "updateRateFramework",
                "input.id: rate framework " + framework);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.update(RATE_BAND).set(RATE_BAND.STATE_TARIFF_MAX_PENCE, 1L)
                        .where(RATE_BAND.FRAMEWORK_ID.eq(Long.parseLong(framework))).execute())
                .hasMessageContaining("rate_framework_published_is_immutable");
        assertThat(db.fetchValue(RATE_BAND.STATE_TARIFF_MAX_PENCE, RATE_BAND.FRAMEWORK_ID.eq(Long.parseLong(framework))
                .and(RATE_BAND.CODE.eq("DAY-2")))).isEqualTo(2_500_000L);
    }

    private static Map<String, Object> tariffBand(Map<String, Object> tariff) {
        Map<String, Object> band = new LinkedHashMap<>(FeeFixtures.band("DAY-2", "DAY", 2, null, "40000.00", "48000.00"));
        band.put("stateTariff", tariff);
        return band;
    }

    private static Map<String, Object> withTariff(String year, Map<String, Object> tariff) {
        Map<String, Object> input = FeeFixtures.frameworkInput(year);
        input.put("bands", List.of(tariffBand(tariff)));
        return input;
    }

    private static void forbidden(GraphQlTester.Response response) {
        response.errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify().path("nationalBanding").pathDoesNotExist();
    }

    private void refused(Map<String, Object> input, String mutation, String message) {
        int frameworks = db.fetchCount(RATE_FRAMEWORK);
        int bands = db.fetchCount(RATE_BAND);
        int events = db.fetchCount(AUDIT_EVENT);
        graphQl.documentName(mutation).variable("input", input).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(message)).verify()
                .path(mutation).pathDoesNotExist();
        assertThat(db.fetchCount(RATE_FRAMEWORK)).isEqualTo(frameworks);
        assertThat(db.fetchCount(RATE_BAND)).isEqualTo(bands);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(events);
    }
}
