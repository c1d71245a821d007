package uk.sendplan.api.demo;

import uk.sendplan.api.reference.Sen2Placements;
import org.junit.jupiter.api.Test;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.SettingDraft.PlaceDraft;
import uk.sendplan.db.types.RecordSource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** The demo register the shared test context loaded at start-up, as on a newcomer's first run. */
class DemoRegisterTest extends GraphQlTestBase {

    @Test
    void everyLaHasDemoSettingsWhoseOccupancyIsItsRealPlacementCount() {
        Map<String, Map<String, int[]>> source = Sen2Placements.byLaAndType();
        assertThat(source).hasSize(153);
        assertThat(db.selectDistinct(SETTING.LA_CODE).from(SETTING).where(SETTING.DEMO.isTrue()).fetchSet(SETTING.LA_CODE))
                .containsExactlyInAnyOrderElementsOf(source.keySet());

        // Camden (202), by setting type: occupied places = children placed there in January 2025 (SEN2), need by need.
        for (var byType : source.get("202").entrySet()) {
            for (int need = 0; need < 12; need++) {
                String code = List.of("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH").get(need);
                Integer occupied = db.select(coalesce(sum(PLACE.OCCUPIED), inline(java.math.BigDecimal.ZERO)).cast(Integer.class))
                        .from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN))
                        .where(SETTING.LA_CODE.eq("202")).and(SETTING.DEMO.isTrue()).and(SETTING.TYPE_CODE.eq(byType.getKey()))
                        .and(PLACE.NEED_CODE.eq(code)).fetchOne().value1();
                assertThat(occupied).as("%s %s", byType.getKey(), code).isEqualTo(byType.getValue()[need]);
            }
        }
    }

    @Test
    void demoRecordsAreLabelledAndNeverLookLikeRealSchools() {
        assertThat(db.fetchCount(SETTING, SETTING.DEMO.isTrue().and(SETTING.URN.lt(9_000_000).or(SETTING.NAME.notContains(" Demo "))
                .or(SETTING.SOURCE.ne(RecordSource.DEMO))))).isZero();
        assertThat(db.fetchCount(PROVIDER, PROVIDER.DEMO.isTrue().and(PROVIDER.NAME.notLike("Demo %")))).isZero();
        assertThat(db.fetchCount(SETTING, SETTING.DEMO.isTrue().and(SETTING.EASTING.isNull()))).isZero();
        // located in postcode districts of their own LA
        assertThat(db.fetchCount(SETTING.join(POSTCODE_DISTRICT).on(POSTCODE_DISTRICT.OUTCODE.eq(SETTING.POSTCODE)),
                SETTING.DEMO.isTrue().and(POSTCODE_DISTRICT.LA_CODE.ne(SETTING.LA_CODE)))).isZero();
    }

    @Test
    void needsWithEnoughChildrenGetSpecialistSettingsAndTheRestShareMixedOnes() {
        int[] counts = new int[12];
        counts[10] = 250;  // ASD
        counts[4] = 130;   // SEMH
        counts[1] = 30;    // MLD
        counts[6] = 20;    // HI
        List<Map<String, Integer>> settings = DemoRegister.groupIntoSettings(counts, 120);
        assertThat(settings).containsExactly(
                Map.of("SEMH", 130), Map.of("ASD", 125), Map.of("ASD", 125), Map.of("MLD", 30, "HI", 20));
        assertThat(settings.stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum()).isEqualTo(430);
    }

    @Test
    void placesSpreadOverPhasesByYearsOfAgeWithoutLosingAChild() {
        List<Phase> phases = List.of(new Phase("PRIMARY", "Primary", 5, 10), new Phase("SECONDARY", "Secondary", 11, 15),
                new Phase("POST_16", "Post-16", 16, 18));
        List<PlaceDraft> places = DemoRegister.spread("ASD", phases, new DemoRegister.AgeBand(7, 18, 1), 25, 23);
        assertThat(places).extracting(PlaceDraft::phase).containsExactly("PRIMARY", "SECONDARY", "POST_16");
        assertThat(places.stream().mapToInt(PlaceDraft::capacity).sum()).isEqualTo(25);
        assertThat(places.stream().mapToInt(PlaceDraft::occupied).sum()).isEqualTo(23);
        assertThat(places).allSatisfy(p -> assertThat(p.occupied()).isLessThanOrEqualTo(p.capacity()));
        IntStream.range(0, 100).forEach(occupied -> {
            var spread = DemoRegister.spread("ASD", phases, new DemoRegister.AgeBand(7, 18, 1), occupied + 1, occupied);
            assertThat(spread.stream().mapToInt(PlaceDraft::occupied).sum()).isEqualTo(occupied);
            assertThat(spread).allSatisfy(p -> assertThat(p.occupied()).isLessThanOrEqualTo(p.capacity()));
        });
    }
}
