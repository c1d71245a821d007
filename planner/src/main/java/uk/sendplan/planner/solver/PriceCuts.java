package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * Kelley's cutting planes for the Lagrangian relaxation of the limits on independent placements. The relaxation's
 * value at prices λ is the least over all flows x of cost(x) + Σ λ(c) · (independent(c, x) − room(c)); each flow
 * solved adds that line, which lies above the value at every price, so the least of the lines seen is a model of the
 * relaxation from above. Each LA's next price is where the model is highest along its own price, the others' held,
 * found exactly: the model is concave and piecewise linear there, so it is the first price at which it stops rising.
 */
final class PriceCuts {

    /** The flows' costs without prices: cost(x). */
    private final List<Long> costs = new ArrayList<>();
    /** Per flow, per LA: independent places over its room. */
    private final List<long[]> excess = new ArrayList<>();
    /** A price past which every limit holds (dearer than leaving a child unplaced). */
    private final long ceiling;
    /** Twice the dearest pair: the width of the two ranges where an LA's best price usually lies (see {@link #next}). */
    private final long window;

    PriceCuts(long ceiling, long dearestPair) {
        this.ceiling = ceiling;
        this.window = 2 * dearestPair;
    }

    void add(long cost, long[] excessByCap) {
        costs.add(cost);
        excess.add(excessByCap.clone());
    }

    /**
     * Every LA's next price, each found with the others at {@code price}, within the LA's bracket: above the dearest
     * price that broke its limit ({@code low}) and at most the cheapest that kept it ({@code high}). Moving every LA at
     * once on the model alone swings between two corners, as Kelley's method does; the brackets only shrink, so each
     * LA's price settles. When the model's best lies outside the bracket, the bracket is halved instead.
     * <p>
     * The unplaced penalty puts a cliff in the relaxation: an LA whose limit can be kept by moving children to other
     * settings has its best price below about the dearest pair; one whose limit leaves children unplaced has it just
     * below the penalty, by about as much. Between the two, every price gives the same flow, and cutting planes
     * cross that flat part slowly. So each LA first tries a price one window below the ceiling, then, if that kept
     * its limit, one window above nothing, before the cuts narrow its bracket.
     */
    long[] next(long[] price, long[] low, long[] high) {
        long[] next = new long[price.length];
        for (int c = 0; c < price.length; c++) {
            if (high[c] <= low[c] + 1) {
                next[c] = high[c];
                continue;
            }
            if (high[c] == ceiling && low[c] < ceiling - window) {
                next[c] = ceiling - window;
                continue;
            }
            if (low[c] < window && window < high[c]) {
                next[c] = window;
                continue;
            }
            long best = along(c, price);
            next[c] = best > low[c] && best < high[c] ? best : low[c] + (high[c] - low[c]) / 2;
        }
        return next;
    }

    /** The least price for LA {@code c} at which the model, along c's price, stops rising. */
    private long along(int c, long[] price) {
        int lines = costs.size();
        long[] intercept = new long[lines];
        for (int k = 0; k < lines; k++) {
            long[] g = excess.get(k);
            long a = costs.get(k);
            for (int d = 0; d < price.length; d++) {
                if (d != c) {
                    a += g[d] * price[d];
                }
            }
            intercept[k] = a;
        }
        long low = 0;
        long high = ceiling;
        while (low < high) {
            long x = low + (high - low) / 2;
            if (slopeAfter(intercept, c, x) > 0) {
                low = x + 1;
            } else {
                high = x;
            }
        }
        return low;
    }

    /** The model's slope just after x: the least slope among the lines lowest at x. */
    private long slopeAfter(long[] intercept, int c, long x) {
        long lowest = Long.MAX_VALUE;
        long slope = 0;
        for (int k = 0; k < intercept.length; k++) {
            long b = excess.get(k)[c];
            long value = intercept[k] + b * x;
            if (value < lowest || value == lowest && b < slope) {
                lowest = value;
                slope = b;
            }
        }
        return slope;
    }
}
