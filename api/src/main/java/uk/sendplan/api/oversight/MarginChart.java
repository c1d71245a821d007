package uk.sendplan.api.oversight;

import uk.sendplan.api.oversight.OversightView.Distribution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The margins chart of the oversight page, drawn on the server as SVG: for each owner kind, a line from the lowest
 * margin to the highest, a box from the lower to the upper quartile and a mark at the median; a red line at the
 * framework's surplus cap. Scaled so the lowest and highest margins and the cap fit, with 0% always on the chart.
 */
final class MarginChart {

    static final int WIDTH = 640;
    static final int LABEL_WIDTH = 170;
    static final int TOP = 30;
    static final int ROW_HEIGHT = 34;
    private static final int RIGHT = 20;

    /** One owner kind's row, in SVG user units. */
    record Row(String label, int y, double lowX, double lowerX, double medianX, double upperX, double highX, String summary) {
    }

    /** A gridline: its percentage and x. */
    record Tick(String label, double x) {
    }

    record Chart(List<Row> rows, List<Tick> ticks, Double capX, int height) {
    }

    private MarginChart() {
    }

    static Chart of(List<Distribution> byOwnerKind, BigDecimal cap) {
        double min = 0;
        double max = cap == null ? 10 : cap.doubleValue();
        for (Distribution d : byOwnerKind) {
            min = Math.min(min, d.margin().lowest().doubleValue());
            max = Math.max(max, d.margin().highest().doubleValue());
        }
        // round outwards to whole 10 points so gridlines fall on round percentages
        double from = Math.floor(min / 10) * 10;
        double to = Math.max(from + 10, Math.ceil(max / 10) * 10);
        List<Row> rows = new ArrayList<>();
        int y = TOP;
        for (Distribution d : byOwnerKind) {
            OversightView.Spread m = d.margin();
            rows.add(new Row(d.label(), y, x(m.lowest(), from, to), x(m.lowerQuartile(), from, to), x(m.median(), from, to),
                    x(m.upperQuartile(), from, to), x(m.highest(), from, to),
                    d.label() + ": median margin " + m.median().toPlainString() + "%, from " + m.lowest().toPlainString() + "% to "
                            + m.highest().toPlainString() + "%"));
            y += ROW_HEIGHT;
        }
        List<Tick> ticks = new ArrayList<>();
        double step = (to - from) > 60 ? 20 : 10;
        for (double p = from; p <= to + 1e-9; p += step) {
            ticks.add(new Tick(String.format("%.0f%%", p), x(BigDecimal.valueOf(p), from, to)));
        }
        return new Chart(rows, ticks, cap == null ? null : x(cap, from, to), y + 10);
    }

    private static double x(BigDecimal percent, double from, double to) {
        double share = (percent.doubleValue() - from) / (to - from);
        return Math.round((LABEL_WIDTH + share * (WIDTH - LABEL_WIDTH - RIGHT)) * 10) / 10.0;
    }
}
