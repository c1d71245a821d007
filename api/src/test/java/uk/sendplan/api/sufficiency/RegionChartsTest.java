package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The regional pages' scales: the map's shortfall classes and the forecast chart's axis and bands. */
class RegionChartsTest {

    @Test
    void shortfallClassesAreRoundStepsWithSurplusAndEnoughInTheFirst() {
        assertThat(RegionPages.step(62)).isEqualTo(20);
        assertThat(RegionPages.step(0)).isEqualTo(1);
        assertThat(RegionPages.step(-40)).as("a region with places to spare everywhere").isEqualTo(1);
        assertThat(RegionPages.step(400)).isEqualTo(100);
        long step = 20;
        assertThat(List.of(-5L, 0L, 1L, 20L, 21L, 60L, 61L, 500L).stream().map(s -> RegionPages.shade(s, step)).toList())
                .containsExactly(0, 0, 1, 1, 2, 3, 4, 4);
        assertThat(RegionPages.words(new RegionPages.LaRow("202", "Camden", 10L, 9, 1L, null, 0))).isEqualTo("short by 1 place");
        assertThat(RegionPages.words(new RegionPages.LaRow("202", "Camden", 10L, 15, -5L, null, 0))).isEqualTo("5 places to spare");
        assertThat(RegionPages.words(new RegionPages.LaRow("201", "City of London", null, null, null, "none", 0))).isEqualTo("no forecast");
    }

    @Test
    void theForecastChartsBandsEncloseTheCentralLineOnAnAxisFromARoundNumberBelowTheLowestBound() {
        List<ForecastPages.YearRow> rows = List.of(new ForecastPages.YearRow(2026, "2025/26", 1688, 1563, 1824, 1531, 2006),
                new ForecastPages.YearRow(2027, "2026/27", 1798, 1592, 2066, 1530, 2289),
                new ForecastPages.YearRow(2028, "2027/28", 1937, 1609, 2387, 1533, 2790));
        ForecastPages.Chart chart = ForecastPages.chart(rows);

        assertThat(chart.ticks().getFirst().label()).isEqualTo("1,400");
        assertThat(chart.ticks().getLast().label()).isEqualTo("2,800");
        assertThat(chart.columns()).extracting(ForecastPages.Column::label).containsExactly("Jan 2026", "Jan 2027", "Jan 2028");
        double[][] band95 = points(chart.band95());
        double[][] band80 = points(chart.band80());
        double[][] central = points(chart.central());
        assertThat(band95).hasNumberOfRows(6);
        assertThat(central).hasNumberOfRows(3);
        for (int i = 0; i < 3; i++) {
            // SVG's y runs down: upper bounds above (smaller y) the central line, lower bounds below it; 95% outside 80%
            double upper95 = band95[i][1];
            double upper80 = band80[i][1];
            double lower80 = band80[5 - i][1];
            double lower95 = band95[5 - i][1];
            assertThat(upper95).isLessThanOrEqualTo(upper80);
            assertThat(upper80).isLessThan(central[i][1]);
            assertThat(lower80).isGreaterThan(central[i][1]);
            assertThat(lower95).isGreaterThanOrEqualTo(lower80);
            assertThat(band95[5 - i][0]).as("the lower bound runs back under its own year").isEqualTo(central[i][0]);
        }
        assertThat(ForecastPages.step(475)).isEqualTo(100);
        assertThat(ForecastPages.step(3)).isEqualTo(1);
    }

    private static double[][] points(String list) {
        return Arrays.stream(list.trim().split(" ")).map(p -> Arrays.stream(p.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }
}
