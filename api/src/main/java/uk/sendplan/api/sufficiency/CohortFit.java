package uk.sendplan.api.sufficiency;

import uk.sendplan.api.sufficiency.Sen2History.La;
import uk.sendplan.api.sufficiency.Trends.Ols;
import uk.sendplan.api.sufficiency.Trends.Trend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static uk.sendplan.api.sufficiency.Sen2History.AGES;
import static uk.sendplan.api.sufficiency.Sen2History.KINDS;

/**
 * Estimates each LA's cohort-progression model from its history (docs/forecasting.md): the chance that a child with a
 * plan at one age still has it a year later, one year older; how many join each year and at what ages; where each age
 * is placed, and how that drifts; each estimate with its uncertainty, and pulled towards the national figure as far as
 * the LA's own numbers are small (a Beta prior worth a few children, or an empirically weighted trend).
 */
final class CohortFit {

    /** Weight of the national rate in an LA's continuation rates, in children. */
    static final double STAY_PRIOR = 20;
    /** Weight of the national age profile in an LA's joiners, in plans. */
    static final double JOIN_AGE_PRIOR = 50;
    /** Weight of the national mix in an LA's placements and needs at each age, in children. */
    static final double MIX_PRIOR = 5;

    /**
     * One LA's model at its base January: plans by age and kind; Beta(stayA, stayB) for continuing from each age to
     * the next (the last age has none); joiners (the last calendar year's count, its growth, the year-to-year noise
     * around it, and their ages); the share of each kind at each age and each kind's drift; each need's share at each
     * age, and within each age and kind (both null where no need data was imported).
     */
    record Fitted(String laCode, int baseJanuary, double[][] stock, double[] stayA, double[] stayB, int joinYear, double joinBase,
                  Trend growth, double joinNoise, double[] joinShare, double[][] kindShare, Trend[] kindTrend, double[][] needShare,
                  double[][][] needShareByKind) {
    }

    private CohortFit() {
    }

    /** Every LA with plans by age in its history; an LA without is left out (it cannot be aged on). */
    static Map<String, Fitted> fit(Map<String, La> history) {
        Map<String, La> las = new TreeMap<>();
        history.forEach((code, la) -> {
            if (!la.byAge().isEmpty()) {
                las.put(code, la);
            }
        });
        if (las.isEmpty()) {
            return Map.of();
        }
        int lastJanuary = las.values().stream().mapToInt(la -> la.byAge().lastKey()).max().orElseThrow();

        double[] joinNational = new double[AGES];
        las.values().forEach(la -> la.newByAge().values().forEach(ages -> add(joinNational, ages)));
        normalise(joinNational);

        Map<String, double[][]> raw = new HashMap<>();
        double[] stayed = new double[AGES];
        double[] exposed = new double[AGES];
        las.forEach((code, la) -> {
            double[][] r = continuation(la, joinNational);
            raw.put(code, r);
            add(stayed, r[0]);
            add(exposed, r[1]);
        });

        Map<String, Ols> growthFits = new HashMap<>();
        las.forEach((code, la) -> growthFits.put(code, Trends.ols(la.newPlans())));
        int lastCalendar = las.values().stream().filter(la -> !la.newPlans().isEmpty()).mapToInt(la -> la.newPlans().lastKey()).max().orElse(lastJanuary - 1);
        Map<String, Trend> growth = Trends.shrunk(growthFits, Trends.ols(Trends.sum(las.values(), La::newPlans, lastCalendar)));
        double joinNoise = Trends.pooledNoise(growthFits.values());
        double newPerPlan = ratio(Trends.sum(las.values(), La::newPlans, lastCalendar), Trends.sum(las.values(), CohortFit::totals, lastJanuary));

        @SuppressWarnings("unchecked")
        Map<String, Trend>[] kindTrends = new Map[KINDS];
        for (int k = 0; k < KINDS; k++) {
            int kind = k;
            Map<String, Ols> fits = new HashMap<>();
            las.forEach((code, la) -> fits.put(code, Trends.ols(shares(la, kind))));
            kindTrends[k] = Trends.shrunk(fits, Trends.ols(Trends.sum(las.values(), la -> shares(la, kind), lastJanuary)));
        }

        double[][] mixNational = new double[AGES][KINDS];
        double[][] needNational = null;
        double[][] kindNeedNational = null;
        for (La la : las.values()) {
            add(mixNational, la.byAge().lastEntry().getValue());
            if (la.needCounts() != null) {
                needNational = needNational == null ? new double[AGES][Sen2History.NEEDS.size()] : needNational;
                add(needNational, la.needCounts());
            }
            if (la.kindNeedCounts() != null) {
                kindNeedNational = kindNeedNational == null ? new double[KINDS][Sen2History.NEEDS.size()] : kindNeedNational;
                add(kindNeedNational, la.kindNeedCounts());
            }
        }
        Map<String, Fitted> fitted = new TreeMap<>();
        for (var e : las.entrySet()) {
            La la = e.getValue();
            double[][] r = raw.get(e.getKey());
            double[] stayA = new double[AGES - 1];
            double[] stayB = new double[AGES - 1];
            for (int a = 0; a < AGES - 1; a++) {
                double national = exposed[a] == 0 ? 0 : stayed[a] / exposed[a];
                stayA[a] = STAY_PRIOR * national + r[0][a] + 1e-3;
                stayB[a] = STAY_PRIOR * (1 - national) + r[1][a] - r[0][a] + 1e-3;
            }
            double[] joinCounts = new double[AGES];
            la.newByAge().values().forEach(ages -> add(joinCounts, ages));
            int base = la.byAge().lastKey();
            var lastNew = la.newPlans().lastEntry();
            double joinBase = lastNew != null ? lastNew.getValue() : newPerPlan * la.total(base);
            int joinYear = lastNew != null ? lastNew.getKey() : base - 1;
            Trend[] trends = new Trend[KINDS];
            for (int k = 0; k < KINDS; k++) {
                trends[k] = kindTrends[k].get(e.getKey());
            }
            double[][] stock = la.byAge().get(base);
            double[][] needShare = needNational == null ? null
                    : mix(la.needCounts() == null ? new double[AGES][Sen2History.NEEDS.size()] : la.needCounts(), needNational);
            fitted.put(e.getKey(), new Fitted(e.getKey(), base, stock, stayA, stayB, joinYear, joinBase, growth.get(e.getKey()), joinNoise,
                    shrink(joinCounts, joinNational, JOIN_AGE_PRIOR), mix(stock, mixNational), trends, needShare,
                    needShare == null ? null : NeedsByKind.shares(stock, needShare, la.kindNeedCounts(), kindNeedNational, MIX_PRIOR)));
        }
        return fitted;
    }

    /**
     * [0][a]: children of age a still with a plan at a+1 a year later (the next January's a+1 less those who joined at
     * a+1 that year); [1][a]: children of age a at the start. From the latest January with ages whose year before is
     * known (its ages, or with only its total that January's age profile scaled to it: a stationary profile, see the
     * doc) and whose joiners in between are known (by age, or their count spread as England's); none: all zeros, and
     * the LA takes England's rates.
     */
    private static double[][] continuation(La la, double[] joinNational) {
        double[][] result = new double[2][AGES];
        for (int base : la.byAge().descendingKeySet()) {
            double[] after = byAge(la.byAge().get(base));
            double[] before;
            if (la.byAge().containsKey(base - 1)) {
                before = byAge(la.byAge().get(base - 1));
            } else if (la.totals().containsKey(base - 1) && la.total(base) > 0) {
                before = after.clone();
                scale(before, la.total(base - 1) / la.total(base));
            } else {
                continue;
            }
            double[] joined = la.newByAge().get(base - 1);
            if (joined == null && la.newPlans().containsKey(base - 1)) {
                joined = joinNational.clone();
                scale(joined, la.newPlans().get(base - 1));
            }
            if (joined == null) {
                continue;
            }
            for (int a = 0; a < AGES - 1; a++) {
                result[1][a] = before[a];
                result[0][a] = Math.max(0, Math.min(before[a], after[a + 1] - joined[a + 1]));
            }
            return result;
        }
        return result;
    }

    /** Each kind's share of an LA's plans each January ((count + ½) / (total + 1), so a kind with none stays finite). */
    private static NavigableMap<Integer, Double> shares(La la, int kind) {
        NavigableMap<Integer, Double> shares = new TreeMap<>();
        la.totals().forEach((january, kinds) -> shares.put(january, (kinds[kind] + 0.5) / (la.total(january) + 1)));
        return shares;
    }

    private static Map<Integer, Double> totals(La la) {
        Map<Integer, Double> totals = new TreeMap<>();
        la.totals().keySet().forEach(january -> totals.put(january, la.total(january)));
        return totals;
    }

    /** The latest new plans per plan held, nationally: for an LA whose new plans were never imported. */
    private static double ratio(NavigableMap<Integer, Double> newPlans, NavigableMap<Integer, Double> plans) {
        if (newPlans.isEmpty() || plans.isEmpty()) {
            return 0;
        }
        return newPlans.lastEntry().getValue() / plans.lastEntry().getValue();
    }

    /** Each row (age) as shares, its counts pulled towards the national row with {@link #MIX_PRIOR} children's weight. */
    private static double[][] mix(double[][] counts, double[][] national) {
        double[] overall = new double[national[0].length];
        add(overall, national[0]);
        for (int a = 1; a < national.length; a++) {
            add(overall, national[a]);
        }
        normalise(overall);
        double[][] shares = new double[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            // an age nobody in England has yet (a toy's, say) takes the mix of all ages
            double[] nationalShare = sum(national[a]) > 0 ? national[a].clone() : overall.clone();
            normalise(nationalShare);
            shares[a] = shrink(counts[a], nationalShare, MIX_PRIOR);
        }
        return shares;
    }

    private static double[] shrink(double[] counts, double[] nationalShare, double prior) {
        double[] shares = new double[counts.length];
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (prior * nationalShare[i] + counts[i]) / (prior + total);
        }
        normalise(shares);
        return shares;
    }

    static double[] byAge(double[][] stock) {
        double[] ages = new double[stock.length];
        for (int a = 0; a < stock.length; a++) {
            for (double v : stock[a]) {
                ages[a] += v;
            }
        }
        return ages;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private static void add(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }

    private static void add(double[][] into, double[][] values) {
        for (int i = 0; i < into.length; i++) {
            add(into[i], values[i]);
        }
    }

    private static void scale(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }

    private static void normalise(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        if (total > 0) {
            scale(values, 1 / total);
        }
    }
}
