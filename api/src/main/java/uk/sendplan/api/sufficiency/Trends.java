package uk.sendplan.api.sufficiency;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Log-linear trends over the last few years, shrunk towards the national trend by how much LAs really differ
 * (empirical Bayes): an LA with a short or noisy series gets mostly the national slope, one with a steady series of
 * its own keeps most of its own.
 */
final class Trends {

    /** The last this many years of a series make its trend. */
    static final int YEARS = 5;
    /** Slopes are capped at ±25% a year: no LA's plans grow or shrink faster for five years running. */
    static final double MAX_SLOPE = 0.25;

    /** A least-squares line through log values: its slope, the slope's standard error, residual sum of squares, dof. */
    record Ols(double slope, double se, double rss, int dof) {
    }

    /** A slope to draw from: mean and standard deviation. */
    record Trend(double mean, double sd) {
    }

    private Trends() {
    }

    /** The line through log(value) over the last {@link #YEARS} years; null with fewer than three positive values. */
    static Ols ols(NavigableMap<Integer, Double> series) {
        NavigableMap<Integer, Double> last = new TreeMap<>();
        series.descendingMap().entrySet().stream().filter(e -> e.getValue() > 0).limit(YEARS).forEach(e -> last.put(e.getKey(), e.getValue()));
        int n = last.size();
        if (n < 3) {
            return null;
        }
        double mx = last.keySet().stream().mapToDouble(Integer::doubleValue).average().orElseThrow();
        double my = last.values().stream().mapToDouble(Math::log).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (var e : last.entrySet()) {
            sxx += (e.getKey() - mx) * (e.getKey() - mx);
            sxy += (e.getKey() - mx) * (Math.log(e.getValue()) - my);
        }
        double slope = sxy / sxx;
        double rss = 0;
        for (var e : last.entrySet()) {
            double residual = Math.log(e.getValue()) - (my + slope * (e.getKey() - mx));
            rss += residual * residual;
        }
        return new Ols(slope, Math.sqrt(rss / (n - 2) / sxx), rss, n - 2);
    }

    /**
     * Each LA's trend: its own slope weighted by τ²/(τ²+se²) against the national slope, where τ² is the spread of
     * LAs' slopes beyond what their standard errors explain. An LA without a line of its own takes the national one.
     */
    static <K> Map<K, Trend> shrunk(Map<K, Ols> byLa, Ols national) {
        double nationalSlope = national == null ? 0 : national.slope();
        double nationalSe = national == null ? 0.05 : national.se();
        List<Ols> fits = byLa.values().stream().filter(o -> o != null).toList();
        double mean = fits.stream().mapToDouble(Ols::slope).average().orElse(nationalSlope);
        double variance = fits.size() < 2 ? 0 : fits.stream().mapToDouble(o -> (o.slope() - mean) * (o.slope() - mean)).sum() / (fits.size() - 1);
        double tau2 = Math.max(0, variance - fits.stream().mapToDouble(o -> o.se() * o.se()).average().orElse(0));
        Map<K, Trend> result = new java.util.HashMap<>();
        byLa.forEach((la, o) -> {
            if (o == null || tau2 == 0) {
                result.put(la, new Trend(cap(nationalSlope), Math.sqrt(nationalSe * nationalSe + tau2)));
            } else {
                double w = tau2 / (tau2 + o.se() * o.se());
                result.put(la, new Trend(cap(w * o.slope() + (1 - w) * nationalSlope),
                        Math.sqrt(w * o.se() * o.se() + (1 - w) * (1 - w) * nationalSe * nationalSe)));
            }
        });
        return result;
    }

    /** Pooled residual standard deviation of the LAs' lines: how far one year strays from its trend. */
    static double pooledNoise(Iterable<Ols> fits) {
        double rss = 0;
        int dof = 0;
        for (Ols o : fits) {
            if (o != null) {
                rss += o.rss();
                dof += o.dof();
            }
        }
        return dof == 0 ? 0 : Math.sqrt(rss / dof);
    }

    /**
     * Sums a series over the LAs that have every year any LA has in the last {@link #YEARS} years up to lastYear, so
     * that an LA appearing part way (a new council after a reorganisation) makes no jump in the national line.
     */
    static <T> NavigableMap<Integer, Double> sum(Iterable<T> las, Function<T, Map<Integer, Double>> series, int lastYear) {
        java.util.Set<Integer> years = new java.util.TreeSet<>();
        las.forEach(la -> series.apply(la).keySet().stream().filter(y -> y <= lastYear && y > lastYear - YEARS).forEach(years::add));
        NavigableMap<Integer, Double> total = new TreeMap<>();
        for (T la : las) {
            Map<Integer, Double> values = series.apply(la);
            if (values.keySet().containsAll(years)) {
                values.forEach((year, v) -> {
                    if (year <= lastYear && year > lastYear - YEARS) {
                        total.merge(year, v, Double::sum);
                    }
                });
            }
        }
        return total;
    }

    private static double cap(double slope) {
        return Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, slope));
    }
}
