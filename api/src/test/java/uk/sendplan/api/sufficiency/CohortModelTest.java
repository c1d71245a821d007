package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.sufficiency.ForecastFigures.Figure;
import uk.sendplan.api.sufficiency.Sen2File.Topics;
import uk.sendplan.api.sufficiency.Sen2Reader.Sen2Row;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cohort model on a case small enough to work on paper: one LA (so its national figures are its own and no
 * shrinkage moves anything), three ages (10, 11, 12), three Januaries, everyone in mainstream.
 *
 * January 2023: 100 aged 10, 80 aged 11, 60 aged 12. In 2023, 20 plans start at age 10 and 10 at 11 (30 a year in
 * 2021-2023, so no growth). January 2024: 20 aged 10, 100 aged 11, 60 aged 12, none aged 13. So of the 100 aged 10,
 * 100 - 10 joiners = 90 continued (0.9); of the 80 aged 11, 60 (0.75); of the 60 aged 12, none (0).
 * January 2025: 20 join at 10 and 10 at 11 (2/3 and 1/3 of 30); 10: 20; 11: 10 + 20 × 0.9 = 28; 12: 100 × 0.75 = 75;
 * 13: 60 × 0 = 0; in all 123 (primary 20, secondary 103). January 2026: 20, 28, 28 × 0.75 = 21: 69, and so it stays.
 */
class CohortModelTest {

    static final String LA = "420";

    @Test
    void theCentralPathIsTheOneWorkedOnPaper() {
        CohortFit.Fitted fitted = CohortFit.fit(Sen2History.build(toy(), 2024)).get(LA);
        assertThat(fitted.baseJanuary()).isEqualTo(2024);
        int age10 = 10 - Sen2History.MIN_AGE;
        assertThat(mean(fitted, age10)).isCloseTo(0.9, within(1e-4));
        assertThat(mean(fitted, age10 + 1)).isCloseTo(0.75, within(1e-4));
        assertThat(mean(fitted, age10 + 2)).isCloseTo(0.0, within(1e-4));

        double[][] central = new double[3][CohortSimulation.CELLS];
        double[][][] simulations = new double[1000][3][CohortSimulation.CELLS];
        CohortSimulation.project(fitted, central);
        CohortSimulation.simulate(fitted, 1, simulations);
        ForecastFigures figures = new ForecastFigures(central, simulations);

        assertThat(figures.age(0, age10).central()).isCloseTo(20, within(0.05));
        assertThat(figures.age(0, age10 + 1).central()).isCloseTo(28, within(0.05));
        assertThat(figures.age(0, age10 + 2).central()).isCloseTo(75, within(0.05));
        assertThat(figures.age(0, age10 + 3).central()).isCloseTo(0, within(0.05));
        assertThat(figures.total(0).central()).isCloseTo(123, within(0.1));
        assertThat(figures.ages(0, 5, 10).central()).isCloseTo(20, within(0.05));
        assertThat(figures.ages(0, 11, 15).central()).isCloseTo(103, within(0.1));
        assertThat(figures.kind(0, Placement.MAINSTREAM).central()).isCloseTo(123, within(0.1));
        assertThat(figures.special(0).central()).isCloseTo(0, within(0.05));
        assertThat(figures.total(1).central()).isCloseTo(69, within(0.1));
        assertThat(figures.total(2).central()).isCloseTo(69, within(0.1));

        // the simulations scatter around the central path: joiners are Poisson, continuing binomial
        Figure total = figures.total(0);
        assertThat(total.lower95()).isLessThan(total.lower80()).isLessThan(123);
        assertThat(total.upper95()).isGreaterThan(total.upper80()).isGreaterThan(123);
        assertThat(total.upper95() - total.lower95()).isBetween(10.0, 60.0);
    }

    /**
     * A January imported before its year's new plans (caseload is published with them, but an admin may import one
     * file first): the rates come from the latest pair of Januaries whose joiners are known, not from nothing.
     */
    @Test
    void ratesComeFromTheLatestYearWhoseJoinersAreKnown() {
        Map<Sen2File, List<Sen2Row>> files = toy();
        List<Sen2Row> caseload = new ArrayList<>(files.get(Sen2File.CASELOAD));
        caseload.add(all(202425, 123));
        int[] ages2025 = {20, 28, 75};
        for (int a = 0; a < 3; a++) {
            caseload.add(row(202425, Topics.AGE, "age " + (10 + a), "ehcplans", ages2025[a]));
        }
        files.put(Sen2File.CASELOAD, caseload);
        CohortFit.Fitted fitted = CohortFit.fit(Sen2History.build(files, 2025)).get(LA);
        assertThat(fitted.baseJanuary()).isEqualTo(2025);
        int age10 = 10 - Sen2History.MIN_AGE;
        assertThat(mean(fitted, age10)).isCloseTo(0.9, within(1e-4));
        assertThat(mean(fitted, age10 + 1)).isCloseTo(0.75, within(1e-4));
    }

    /**
     * A total DfE left without a number (x), read from its file: no value, so the model takes the sum of the
     * placements DfE does give (25 + 5), where reading x as zero would have no one join.
     */
    @Test
    void aSuppressedTotalIsNoValueNotZero() {
        String header = "time_period,geographic_level,old_la_code,breakdown_topic,breakdown,new_ehc_plans," + String.join(",", Sen2File.Columns.PLACEMENTS);
        String row = "2023,Local authority," + LA + ",New EHC plans,New EHC plans,x," + String.join(",", Sen2File.Columns.PLACEMENTS.stream()
                .map(c -> c.equals("mainstream_la_maintained") ? "25" : c.equals("special_independent") ? "5" : c.equals("ukrlp_provider") ? "z" : "0")
                .toList());
        Sen2Reader.Read read = Sen2Reader.read(Sen2File.NEW_PLANS, header + "\n" + row + "\n", la -> true);
        assertThat(read.rejections()).isEmpty();
        Map<Sen2File, List<Sen2Row>> files = toy();
        List<Sen2Row> newPlans = new ArrayList<>(files.get(Sen2File.NEW_PLANS));
        newPlans.replaceAll(r -> r.topic().equals(Topics.NEW) && r.timePeriod() == 2023 ? read.kept().getFirst() : r);
        files.put(Sen2File.NEW_PLANS, newPlans);
        assertThat(Sen2History.build(files, 2024).get(LA).newPlans().get(2023)).isEqualTo(30);
    }

    private static double mean(CohortFit.Fitted f, int ageIndex) {
        return f.stayA()[ageIndex] / (f.stayA()[ageIndex] + f.stayB()[ageIndex]);
    }

    static Map<Sen2File, List<Sen2Row>> toy() {
        Map<Sen2File, List<Sen2Row>> files = new EnumMap<>(Sen2File.class);
        List<Sen2Row> caseload = new ArrayList<>();
        caseload.add(all(202122, 240));
        caseload.add(all(202223, 240));
        caseload.add(all(202324, 180));
        int[][] ages = {{100, 80, 60}, {20, 100, 60}};
        for (int y = 0; y < 2; y++) {
            for (int a = 0; a < 3; a++) {
                caseload.add(row(202223 + 101 * y, Topics.AGE, "age " + (10 + a), "ehcplans", ages[y][a]));
            }
        }
        files.put(Sen2File.CASELOAD, caseload);
        List<Sen2Row> newPlans = new ArrayList<>();
        for (int year = 2021; year <= 2023; year++) {
            newPlans.add(row(year, Topics.NEW, Topics.NEW, "new_ehc_plans", 30));
            if (year >= 2022) {
                newPlans.add(row(year, Topics.AGE_AT_START, "age 10", "new_ehc_plans", 20));
                newPlans.add(row(year, Topics.AGE_AT_START, "age 11", "new_ehc_plans", 10));
            }
        }
        files.put(Sen2File.NEW_PLANS, newPlans);
        return files;
    }

    private static Sen2Row all(int period, int plans) {
        return row(period, Topics.ALL, Topics.ALL, "ehcplans", plans);
    }

    /** A row whose plans are all in LA-maintained mainstream schools. */
    private static Sen2Row row(int period, String topic, String breakdown, String totalColumn, int plans) {
        return new Sen2Row(0, period, LA, topic, breakdown, Map.of(totalColumn, plans, "mainstream_la_maintained", plans), Map.of());
    }
}
