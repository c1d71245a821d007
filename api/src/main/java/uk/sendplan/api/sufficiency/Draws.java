package uk.sendplan.api.sufficiency;

import java.util.SplittableRandom;

/** The random draws the simulation needs, on a seeded generator so a forecast is reproducible. */
final class Draws {

    private final SplittableRandom random;

    Draws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double normal() {
        return random.nextGaussian();
    }

    /** Poisson: exact by multiplication for small means, else its normal approximation (rounded, never negative). */
    double poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }
        return Math.max(0, Math.rint(mean + Math.sqrt(mean) * normal()));
    }

    /** Binomial: exact for small n, else its normal approximation clamped to 0..n. */
    double binomial(double n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n < 30) {
            int k = 0;
            for (int i = 0; i < (int) n; i++) {
                if (random.nextDouble() < p) {
                    k++;
                }
            }
            return k;
        }
        double draw = Math.rint(n * p + Math.sqrt(n * p * (1 - p)) * normal());
        return Math.max(0, Math.min(n, draw));
    }

    /** Beta(a, b) as the ratio of two gamma draws. */
    double beta(double a, double b) {
        double x = gamma(a);
        double y = gamma(b);
        return x + y == 0 ? a / (a + b) : x / (x + y);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang; a shape below 1 is boosted by one and scaled back. */
    double gamma(double shape) {
        if (shape < 1) {
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = normal();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
