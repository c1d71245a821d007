package uk.sendplan.api.demo;

import uk.sendplan.api.reference.Sen2Placements;
import org.junit.jupiter.api.Test;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.SettingDraft.PlaceDraft;
import uk.sendplan.db.types.RecordSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** The demo register the shared test context loaded at start-up, as on a newcomer's first run. */
class DemoRegisterTest extends GraphQlTestBase {

    private static final List<String> NEEDS = Sen2Placements.needs();

    @Test
    void everyLaHasDemoSettingsWhoseOccupancyIsItsRealPlacementCountNeedByNeed() {
        Map<String, Map<String, int[]>> source = Sen2Placements.byLaAndType();
        assertThat(source).hasSize(153);
        assertThat(db.selectDistinct(SETTING.LA_CODE).from(SETTING).where(SETTING.DEMO.isTrue()).fetchSet(SETTING.LA_CODE))
                .containsExactlyInAnyOrderElementsOf(source.keySet());

        // every LA, every need: the register's own pupils = children placed in January 2025 (SEN2), over all kinds of
        // setting (placements made through the service since, such as the demo market's, are counted on top of them)
        Map<String, Integer> expected = new TreeMap<>();
        source.forEach((la, byType) -> byType.values().forEach(counts -> {
            for (int need = 0; need < NEEDS.size(); need++) {
                if (counts[need] > 0) {
                    expected.merge(la + " " + NEEDS.get(need), counts[need], Integer::sum);
                }
            }
        }));
        Map<String, Integer> actual = new TreeMap<>();
        db.select(SETTING.LA_CODE, PLACE.NEED_CODE, sum(PLACE.PUPILS).cast(Integer.class))
                .from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN)).where(SETTING.DEMO.isTrue())
                .groupBy(SETTING.LA_CODE, PLACE.NEED_CODE).having(sum(PLACE.PUPILS).gt(java.math.BigDecimal.ZERO))
                .forEach(r -> actual.put(r.value1() + " " + r.value2(), r.value3()));
        assertThat(actual).isEqualTo(expected);

        // Camden (202) kind by kind as SEN2 has it; Tower Hamlets (211) too, save the children SEN2 shows in AP with
        // PMLD, HI, MSI, PD or other needs, who are in its state special schools
        assertThat(occupiedByTypeAndNeed("202")).isEqualTo(nonZero(source.get("202")));
        Map<String, int[]> towerHamlets = source.get("211");
        Map<String, Integer> moved = nonZero(towerHamlets);
        for (String need : List.of("PMLD", "HI", "MSI", "PD", "OTH")) {
            int inAp = towerHamlets.get("ALTERNATIVE_PROVISION")[NEEDS.indexOf(need)];
            assertThat(inAp).as("SEN2: Tower Hamlets AP %s", need).isPositive();
            moved.remove("ALTERNATIVE_PROVISION " + need);
            moved.merge("STATE_SPECIAL " + need, inAp, Integer::sum);
        }
        assertThat(occupiedByTypeAndNeed("211")).isEqualTo(moved);
    }

    @Test
    void alternativeProvisionListsOnlyTheNeedsItIsFor() {
        var ap = PLACE.join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN));
        var demoAp = SETTING.DEMO.isTrue().and(SETTING.TYPE_CODE.eq("ALTERNATIVE_PROVISION"));
        assertThat(db.fetchCount(ap, demoAp.and(PLACE.NEED_CODE.in("SLD", "PMLD")))).isZero();
        assertThat(db.selectDistinct(PLACE.NEED_CODE).from(ap).where(demoAp).fetchSet(PLACE.NEED_CODE))
                .containsAll(List.of("SEMH", "ASD")).isSubsetOf(DemoRegister.ALTERNATIVE_PROVISION_NEEDS);
    }

    private Map<String, Integer> occupiedByTypeAndNeed(String la) {
        Map<String, Integer> occupied = new TreeMap<>();
        db.select(SETTING.TYPE_CODE, PLACE.NEED_CODE, sum(PLACE.PUPILS).cast(Integer.class))
                .from(PLACE).join(SETTING).on(SETTING.URN.eq(PLACE.SETTING_URN)).where(SETTING.DEMO.isTrue()).and(SETTING.LA_CODE.eq(la))
                .groupBy(SETTING.TYPE_CODE, PLACE.NEED_CODE).having(sum(PLACE.PUPILS).gt(java.math.BigDecimal.ZERO))
                .forEach(r -> occupied.put(r.value1() + " " + r.value2(), r.value3()));
        return occupied;
    }

    private static Map<String, Integer> nonZero(Map<String, int[]> byType) {
        Map<String, Integer> counts = new TreeMap<>();
        byType.forEach((type, byNeed) -> {
            for (int need = 0; need < NEEDS.size(); need++) {
                if (byNeed[need] > 0) {
                    counts.put(type + " " + NEEDS.get(need), byNeed[need]);
                }
            }
        });
        return counts;
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
