package uk.sendplan.api.sufficiency;

import uk.sendplan.api.sufficiency.ForecastFigures.Figure;
import uk.sendplan.api.sufficiency.Sen2History.La;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forecast's back-test (docs/forecasting.md): fit on what DfE had published by January 2024 (caseload to 2023/24,
 * new plans to calendar 2023), forecast January 2025 (2024/25) for every LA, and compare with what DfE then published,
 * against last year's value and a straight-line trend. Run it with ForecastBackTest (it prints the table).
 */
final class BackTest {

    static final int FIT_TO = 2024;
    static final int SIMULATIONS = 1000;
    static final long SEED = 20250601L;

    /** One method's errors on one measure: WAPE in %, and the share of LAs inside its 80% and 95% intervals (null: none). */
    record Score(String method, String measure, double wape, Double coverage80, Double coverage95) {
    }

    record Result(int las, List<Score> scores) {

        Score score(String method, String measure) {
            return scores.stream().filter(s -> s.method().equals(method) && s.measure().equals(measure)).findFirst().orElseThrow();
        }

        String table() {
            StringBuilder out = new StringBuilder("| method | measure | WAPE | 80% interval coverage | 95% interval coverage |\n|---|---|---|---|---|\n");
            for (Score s : scores) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.2f%% | %s | %s |%n", s.method(), s.measure(), s.wape(), percent(s.coverage80()),
                        percent(s.coverage95())));
            }
            return out.toString();
        }

        private static String percent(Double share) {
            return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
        }
    }

    private BackTest() {
    }

    static Map<Sen2File, List<Sen2Reader.Sen2Row>> demoCopies() {
        Map<Sen2File, List<Sen2Reader.Sen2Row>> files = new EnumMap<>(Sen2File.class);
        for (Sen2File file : Sen2File.values()) {
            files.put(file, Sen2Reader.read(file, DemoSen2.text(file), code -> code.matches("\\d{3}")).kept());
        }
        return files;
    }

    static Result run(Map<Sen2File, List<Sen2Reader.Sen2Row>> files) {
        Map<String, CohortFit.Fitted> fitted = CohortFit.fit(Sen2History.build(files, FIT_TO));
        Map<String, La> actual = Sen2History.build(files, FIT_TO + 1);
        String[] measures = {"total", "special schools"};
        String[] methods = {"cohort model", "last year's value", "linear trend"};
        double[][] absError = new double[methods.length][measures.length];
        double[] actualSum = new double[measures.length];
        int[][] inside80 = new int[methods.length][measures.length];
        int[][] inside95 = new int[methods.length][measures.length];
        int las = 0;
        for (var e : fitted.entrySet()) {
            La now = actual.get(e.getKey());
            if (now == null || !now.totals().containsKey(FIT_TO + 1) || !now.totals().containsKey(FIT_TO)) {
                continue;
            }
            las++;
            double[][] central = new double[1][CohortSimulation.CELLS];
            double[][][] simulations = new double[SIMULATIONS][1][CohortSimulation.CELLS];
            CohortSimulation.project(e.getValue(), central);
            CohortSimulation.simulate(e.getValue(), SEED, simulations);
            ForecastFigures figures = new ForecastFigures(central, simulations);
            for (int m = 0; m < measures.length; m++) {
                boolean special = m == 1;
                double truth = measure(now, FIT_TO + 1, special);
                actualSum[m] += truth;
                Figure model = special ? figures.special(0) : figures.total(0);
                absError[0][m] += Math.abs(model.central() - truth);
                inside80[0][m] += truth >= model.lower80() && truth <= model.upper80() ? 1 : 0;
                inside95[0][m] += truth >= model.lower95() && truth <= model.upper95() ? 1 : 0;
                absError[1][m] += Math.abs(measure(now, FIT_TO, special) - truth);
                double[] line = linearTrend(now, special);
                absError[2][m] += Math.abs(line[0] - truth);
                inside80[2][m] += Math.abs(truth - line[0]) <= line[1] ? 1 : 0;
                inside95[2][m] += Math.abs(truth - line[0]) <= line[2] ? 1 : 0;
            }
        }
        List<Score> scores = new ArrayList<>();
        for (int m = 0; m < measures.length; m++) {
            for (int method = 0; method < methods.length; method++) {
                boolean intervals = method != 1;
                scores.add(new Score(methods[method], measures[m], 100 * absError[method][m] / actualSum[m],
                        intervals ? inside80[method][m] / (double) las : null, intervals ? inside95[method][m] / (double) las : null));
            }
        }
        return new Result(las, scores);
    }

    private static double measure(La la, int january, boolean special) {
        double[] kinds = la.totals().get(january);
        return special ? kinds[Placement.STATE_SPECIAL.ordinal()] + kinds[Placement.INDEPENDENT_OR_NON_MAINTAINED_SPECIAL.ordinal()]
                : la.total(january);
    }

    /**
     * A least-squares straight line through the LA's Januaries up to the fit year, one year on: the prediction and the
     * half-widths of its 80% and 95% prediction intervals (Student's t; with two points the line has no interval).
     */
    private static double[] linearTrend(La la, boolean special) {
        List<double[]> points = new ArrayList<>();
        la.totals().keySet().stream().filter(j -> j <= FIT_TO).forEach(j -> points.add(new double[]{j, measure(la, j, special)}));
        int n = points.size();
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxx = points.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
        double slope = n < 2 ? 0 : points.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum() / sxx;
        double x = FIT_TO + 1;
        double prediction = my + slope * (x - mx);
        if (n < 3) {
            return new double[]{prediction, 0, 0};
        }
        double rss = points.stream().mapToDouble(p -> Math.pow(p[1] - (my + slope * (p[0] - mx)), 2)).sum();
        double se = Math.sqrt(rss / (n - 2) * (1 + 1.0 / n + (x - mx) * (x - mx) / sxx));
        return new double[]{prediction, studentT(0.90, n - 2) * se, studentT(0.975, n - 2) * se};
    }

    /** Student's t quantiles for 1-4 degrees of freedom (at most six Januaries make a line), else the normal's. */
    private static double studentT(double p, int dof) {
        double[] t90 = {3.078, 1.886, 1.638, 1.533};
        double[] t975 = {12.706, 4.303, 3.182, 2.776};
        if (dof <= 4) {
            return (p == 0.90 ? t90 : t975)[dof - 1];
        }
        return p == 0.90 ? 1.2816 : 1.96;
    }
}
