package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.sufficiency.ForecastFigures.Figure;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static uk.sendplan.db.jooq.Tables.PLACE;
import static uk.sendplan.db.jooq.Tables.SETTING;

/**
 * Sufficiency on the demo (Camden): each row's places are the register's places of the matching kinds of setting in
 * the phase, its shortfall is the forecast less those places at every interval end, and the rows of a kind add up, over
 * the phases, to the forecast's figure for that kind of placement.
 */
class SufficiencyTest extends GraphQlTestBase {

    private static final String LA = "202";

    @Test
    void eachRowIsTheForecastLessTheRegistersPlacesOfThatKind() {
        var response = graphQl.document("""
                query { sufficiency(laCode: "202", years: 2) { scope years { january rows { phase placement places vacancies placedFromOtherLas summary
                    demand { central lower95 upper95 } shortfall { central lower95 upper95 } } } } }""").execute();
        response.path("sufficiency.scope").entity(String.class).isEqualTo("Camden");
        List<Map<String, Object>> rows = response.path("sufficiency.years[0].rows").entityList(Map.class).get().stream()
                .map(r -> (Map<String, Object>) r).toList();
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            Placement kind = Placement.valueOf((String) row.get("placement"));
            int places = db.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.sum(PLACE.CAPACITY), java.math.BigDecimal.ZERO))
                    .from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN))
                    .where(SETTING.LA_CODE.eq(LA)).and(SETTING.TYPE_CODE.in(Sufficiency.SETTING_TYPES.get(kind)))
                    .and(PLACE.PHASE_CODE.eq((String) row.get("phase"))).and(SETTING.REGISTRATION_STATUS.eq(uk.sendplan.db.types.RegistrationStatus.OPEN))
                    .fetchOne().value1().intValue();
            assertThat(row.get("places")).as("places of %s %s", row.get("phase"), kind).isEqualTo(places);
            Map<?, ?> demand = (Map<?, ?>) row.get("demand");
            Map<?, ?> gap = (Map<?, ?>) row.get("shortfall");
            assertThat(((Number) gap.get("central")).doubleValue()).isCloseTo(((Number) demand.get("central")).doubleValue() - places, within(0.11));
            assertThat(((Number) gap.get("upper95")).doubleValue()).isCloseTo(((Number) demand.get("upper95")).doubleValue() - places, within(0.11));
        }
        // children from other LAs placed through the service in Camden's settings are counted beside the places
        int fromOutside = db.fetchCount(uk.sendplan.db.jooq.Tables.PLACEMENT.join(SETTING).on(SETTING.URN.eq(uk.sendplan.db.jooq.Tables.PLACEMENT.SETTING_URN)),
                SETTING.LA_CODE.eq(LA).and(uk.sendplan.db.jooq.Tables.PLACEMENT.LA_CODE.ne(LA)).and(uk.sendplan.db.jooq.Tables.PLACEMENT.TAKES_PLACE.isTrue())
                        .and(uk.sendplan.db.jooq.Tables.PLACEMENT.ENDED.isFalse()));
        assertThat(rows.stream().mapToInt(r -> ((Number) r.get("placedFromOtherLas")).intValue()).sum()).isEqualTo(fromOutside);
        // the phases of a kind add up to the forecast's figure for it
        var forecast = graphQl.document("query { ehcpForecast(laCode: \"202\", years: 2) { years { byPlacement { placement plans { central } } } } }")
                .execute().path("ehcpForecast.years[0].byPlacement").entityList(Map.class).get();
        for (Object o : forecast) {
            Map<?, ?> byKind = (Map<?, ?>) o;
            String kind = (String) byKind.get("placement");
            if ("ELSEWHERE".equals(kind)) {
                continue;
            }
            double phases = rows.stream().filter(r -> kind.equals(r.get("placement")))
                    .mapToDouble(r -> ((Number) ((Map<?, ?>) r.get("demand")).get("central")).doubleValue()).sum();
            assertThat(phases).as(kind).isCloseTo(((Number) ((Map<?, ?>) byKind.get("plans")).get("central")).doubleValue(), within(2.5));
        }
    }

    @Test
    void eachNeedIsTheForecastOfThatNeedAgainstTheRegistersPlacesForIt() {
        var response = graphQl.document("""
                query { sufficiency(laCode: "202", years: 1) { years { rows { phase placement places demand { central }
                    needs { need places summary demand { central lower95 upper95 } shortfall { central upper95 } } } } } }""").execute();
        List<Map<String, Object>> rows = response.path("sufficiency.years[0].rows").entityList(Map.class).get().stream()
                .map(r -> (Map<String, Object>) r).toList();
        int needRows = 0;
        for (Map<String, Object> row : rows) {
            Placement kind = Placement.valueOf((String) row.get("placement"));
            List<Map<String, Object>> needs = (List<Map<String, Object>>) row.get("needs");
            double needDemand = 0;
            for (Map<String, Object> need : needs) {
                needRows++;
                int places = db.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.sum(PLACE.CAPACITY), java.math.BigDecimal.ZERO))
                        .from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN))
                        .where(SETTING.LA_CODE.eq(LA)).and(SETTING.TYPE_CODE.in(Sufficiency.SETTING_TYPES.get(kind)))
                        .and(PLACE.PHASE_CODE.eq((String) row.get("phase"))).and(PLACE.NEED_CODE.eq((String) need.get("need")))
                        .and(SETTING.REGISTRATION_STATUS.eq(uk.sendplan.db.types.RegistrationStatus.OPEN))
                        .fetchOne().value1().intValue();
                assertThat(need.get("places")).as("%s %s %s", row.get("phase"), kind, need.get("need")).isEqualTo(places);
                double central = ((Number) ((Map<?, ?>) need.get("demand")).get("central")).doubleValue();
                double lower = ((Number) ((Map<?, ?>) need.get("demand")).get("lower95")).doubleValue();
                double upper = ((Number) ((Map<?, ?>) need.get("demand")).get("upper95")).doubleValue();
                assertThat(lower).isLessThanOrEqualTo(central);
                assertThat(upper).isGreaterThanOrEqualTo(central);
                assertThat(((Number) ((Map<?, ?>) need.get("shortfall")).get("central")).doubleValue()).isCloseTo(central - places, within(0.11));
                assertThat((String) need.get("summary")).contains(" forecast for January ");
                needDemand += central;
            }
            // the needs share out the row's forecast: only needs with neither places nor half a child are left out
            double rowDemand = ((Number) ((Map<?, ?>) row.get("demand")).get("central")).doubleValue();
            assertThat(needDemand).as("needs of %s %s", row.get("phase"), kind).isCloseTo(rowDemand, within(0.5 * 12 + 0.1 * needs.size() + 0.1));
        }
        assertThat(needRows).isGreaterThan(rows.size());
    }

    @Test
    void theSummaryReadsTheGapInWholeChildren() {
        assertThat(Sufficiency.summary("Secondary, state special", 2027, new Figure(412.4, 390, 430, 380.2, 440.4), 350,
                new Figure(62.4, 40, 80, 30.2, 90.4)))
                .isEqualTo("Secondary, state special: 412 forecast for January 2027 (95%: 380 to 440) against 350 places: short of about 62 (30 to 90)");
        assertThat(Sufficiency.summary("Primary, resourced provision or SEN unit", 2026, new Figure(40, 35, 45, 30, 50), 60,
                new Figure(-20, -25, -15, -30, -10)))
                .isEqualTo("Primary, resourced provision or SEN unit: 40 forecast for January 2026 (95%: 30 to 50) against 60 places: about 20 to spare (10 to 30)");
    }
}
