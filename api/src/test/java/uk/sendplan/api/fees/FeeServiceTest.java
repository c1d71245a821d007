package uk.sendplan.api.fees;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.fees.FeeService.ProposedFeeCheck;
import uk.sendplan.api.fees.FeeService.SettingFee;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.db.jooq.Tables.SETTING;

/** The public face planning uses: current fees per band and kind with their verdicts, and checks of offers. */
class FeeServiceTest extends GraphQlTestBase {

    @Autowired
    FeeService fees;

    @Test
    void currentFeesAreTheLatestRevisionPerBandAndKindWithTheirVerdict() {
        FeeFixtures fixtures = new FeeFixtures(graphQl);
        String year = FeeFixtures.freshYears()[1];
        String frameworkId = fixtures.published(year);
        String provider = fixtures.provider("Fee Service Ltd", "INDEPENDENT", true);
        int urn = fixtures.setting(provider, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, true, "SEMH");
        int withoutFees = fixtures.setting(provider, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        List<String> ids = fixtures.submitted(urn, year, List.of(fee(3, "DAY", "50000.00"), fee(4, "RESIDENTIAL_52_WEEK", "190000.00"),
                fee(2, "DAY", "45000.00")));
        String revised = graphQl.documentName("reviseFee").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", year, "band", 2, "kind", "DAY",
                "revises", 1, "annualFee", "39999.99", "reason", "Lowered")).execute().path("reviseFee.fee.id").entity(String.class).get();

        Map<Integer, List<SettingFee>> current = fees.currentFees(year, List.of(urn, withoutFees, 699_997));

        assertThat(current).containsOnlyKeys(urn);
        assertThat(current.get(urn)).containsExactly(
                new SettingFee(urn, 2, ProvisionKind.DAY, Long.parseLong(revised), 2, 3_999_999L, FeeVerdict.WITHIN_REFERENCE),
                new SettingFee(urn, 3, ProvisionKind.DAY, Long.parseLong(ids.get(0)), 1, 5_000_000L, FeeVerdict.WITHIN_REFERENCE),
                new SettingFee(urn, 4, ProvisionKind.RESIDENTIAL_52_WEEK, Long.parseLong(ids.get(1)), 1, 19_000_000L, FeeVerdict.ABOVE_CEILING));

        ProposedFeeCheck offer = fees.checkProposedFee(year, urn, 3, "DAY", 5_600_000L, "ASD");
        assertThat(offer.verdict()).isEqualTo(FeeVerdict.ABOVE_REFERENCE);
        assertThat(offer.frameworkId()).isEqualTo(Long.parseLong(frameworkId));
        assertThat(offer.frameworkVersion()).isEqualTo(1);
        assertThat(offer.adjustedReferencePence()).isEqualTo(5_500_000L);
        assertThat(offer.adjustedCeilingPence()).isEqualTo(6_600_000L);
        assertThat(offer.previousFeePence()).isNull();
        assertThat(offer.reasons().getFirst()).startsWith("Band DAY-3-ASD");

        assertThatThrownBy(() -> fees.checkProposedFee(year, urn, 3, "WEEKLY", 100L, null)).isInstanceOf(ApiException.class)
                .hasMessage("kind: unknown kind of provision \"WEEKLY\"; expected one of DAY, RESIDENTIAL_38_WEEK, RESIDENTIAL_52_WEEK, POST_16, ALTERNATIVE_PROVISION");
        assertThatThrownBy(() -> fees.checkProposedFee(year, urn, 3, "DAY", 0L, null)).isInstanceOf(ApiException.class)
                .hasMessage("annualFeePence: must be more than 0 and at most 150000000, got 0");
        assertThatThrownBy(() -> fees.currentFees("2026", List.of(urn))).isInstanceOf(ApiException.class)
                .hasMessage("financialYear: expected a financial year such as 2026-27, got \"2026\"");
    }

    @Test
    void demoSettingsHaveCurrentFeesForEveryBandTheyCharge() {
        Integer stateSpecial = db.select(SETTING.URN).from(SETTING)
                .where(SETTING.TYPE_CODE.eq("STATE_SPECIAL")).and(SETTING.DEMO.isTrue())
                .and(SETTING.BOARDING.isFalse())
                .orderBy(SETTING.URN).limit(1).fetchOne().value1();
        List<SettingFee> schedule = fees.currentFees("2026-27", List.of(stateSpecial)).get(stateSpecial);
        assertThat(schedule).extracting(SettingFee::band).containsExactly(1, 2, 3, 4, 5);
        assertThat(schedule).extracting(SettingFee::verdict).containsOnly(FeeVerdict.NOT_REGULATED);
        assertThat(schedule).allSatisfy(f -> assertThat(f.annualFeePence()).isBetween(1_500_000L, 4_000_000L));
    }
}
