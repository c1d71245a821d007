package uk.sendplan.api.sufficiency;

import uk.sendplan.api.sufficiency.CohortFit.Fitted;

import static uk.sendplan.api.sufficiency.Sen2History.AGES;
import static uk.sendplan.api.sufficiency.Sen2History.KINDS;

/**
 * Runs a fitted LA forward a January at a time: everyone of age a continues to a+1 with their continuation rate, the
 * year's joiners arrive at their ages, and each age is split into kinds of placement (drifting with each kind's
 * trend) and into needs. The central path uses the estimates themselves; each simulation draws the rates, the growth
 * and the drifts once from their uncertainty, then the year's joiners (Poisson, with the year's own noise) and who
 * continues (binomial). Paths are added into the caller's arrays, so an LA, a region and England are the same sums.
 */
final class CohortSimulation {

    /** Cells of one year: plans by age and kind (age-major), then by need; then, when asked, by phase, kind and need. */
    static final int CELLS = AGES * KINDS + Sen2History.NEEDS.size();

    /**
     * Plans by phase, kind of placement and need, kept after the {@link #CELLS} when a caller asks (sufficiency by
     * need): phasesOfAge[a] lists the phases age index a belongs to (an age may be in two).
     */
    record PhaseCells(int phases, int[][] phasesOfAge) {
        int cells() {
            return CELLS + phases * KINDS * Sen2History.NEEDS.size();
        }

        static int cell(int phase, int kind, int need) {
            return CELLS + (phase * KINDS + kind) * Sen2History.NEEDS.size() + need;
        }
    }

    private CohortSimulation() {
    }

    static int cell(int ageIndex, int kind) {
        return ageIndex * KINDS + kind;
    }

    static int needCell(int need) {
        return AGES * KINDS + need;
    }

    /** Adds the LA's central path, years 1..into.length after its base January, into into[year - 1][cell]. */
    static void project(Fitted f, double[][] into) {
        project(f, into, null);
    }

    /** As {@link #project(Fitted, double[][])}, also by phase, kind and need when phases is given. */
    static void project(Fitted f, double[][] into, PhaseCells phases) {
        double[] ages = CohortFit.byAge(f.stock());
        double[] stay = new double[AGES - 1];
        for (int a = 0; a < AGES - 1; a++) {
            stay[a] = f.stayA()[a] / (f.stayA()[a] + f.stayB()[a]);
        }
        double[] drift = new double[KINDS];
        for (int k = 0; k < KINDS; k++) {
            drift[k] = f.kindTrend()[k].mean();
        }
        for (int h = 1; h <= into.length; h++) {
            double joiners = f.joinBase() * Math.exp(f.growth().mean() * (f.baseJanuary() - 1 + h - f.joinYear()));
            double[] next = new double[AGES];
            for (int a = 0; a < AGES; a++) {
                next[a] = joiners * f.joinShare()[a] + (a == 0 ? 0 : ages[a - 1] * stay[a - 1]);
            }
            ages = next;
            record(f, ages, drift, h, into[h - 1], phases);
        }
    }

    /** Adds simulation s's path into into[s][year - 1][cell], for every s; the draws are seeded by the LA and seed. */
    static void simulate(Fitted f, long seed, double[][][] into) {
        simulate(f, seed, into, null);
    }

    /** As {@link #simulate(Fitted, long, double[][][])}, also by phase, kind and need when phases is given. */
    static void simulate(Fitted f, long seed, double[][][] into, PhaseCells phases) {
        Draws draws = new Draws(seed ^ (f.laCode().hashCode() * 0x9E3779B97F4A7C15L));
        double[] start = CohortFit.byAge(f.stock());
        double[] stay = new double[AGES - 1];
        double[] drift = new double[KINDS];
        double noise = f.joinNoise();
        for (double[][] path : into) {
            for (int a = 0; a < AGES - 1; a++) {
                stay[a] = draws.beta(f.stayA()[a], f.stayB()[a]);
            }
            double growth = f.growth().mean() + f.growth().sd() * draws.normal();
            for (int k = 0; k < KINDS; k++) {
                drift[k] = f.kindTrend()[k].mean() + f.kindTrend()[k].sd() * draws.normal();
            }
            double[] ages = start;
            for (int h = 1; h <= path.length; h++) {
                double mean = f.joinBase() * Math.exp(growth * (f.baseJanuary() - 1 + h - f.joinYear()) + noise * draws.normal() - noise * noise / 2);
                double[] next = new double[AGES];
                for (int a = 0; a < AGES; a++) {
                    next[a] = draws.poisson(mean * f.joinShare()[a]) + (a == 0 ? 0 : draws.binomial(Math.rint(ages[a - 1]), stay[a - 1]));
                }
                ages = next;
                record(f, ages, drift, h, path[h - 1], phases);
            }
        }
    }

    /** Adds one year's plans by age into its cells: split by kind (the base mix drifted h years) and by need. */
    private static void record(Fitted f, double[] ages, double[] drift, int h, double[] cells, PhaseCells phases) {
        double[] weight = new double[KINDS];
        for (int k = 0; k < KINDS; k++) {
            weight[k] = Math.exp(drift[k] * h);
        }
        double[][] needShare = f.needShare();
        for (int a = 0; a < AGES; a++) {
            if (ages[a] == 0) {
                continue;
            }
            double[] mix = f.kindShare()[a];
            double total = 0;
            for (int k = 0; k < KINDS; k++) {
                total += mix[k] * weight[k];
            }
            for (int k = 0; k < KINDS; k++) {
                double plans = total == 0 ? 0 : ages[a] * mix[k] * weight[k] / total;
                cells[cell(a, k)] += plans;
                if (phases != null && f.needShareByKind() != null && plans > 0) {
                    double[] needs = f.needShareByKind()[a][k];
                    for (int p : phases.phasesOfAge()[a]) {
                        int first = PhaseCells.cell(p, k, 0);
                        for (int n = 0; n < needs.length; n++) {
                            cells[first + n] += plans * needs[n];
                        }
                    }
                }
            }
            if (needShare != null) {
                for (int n = 0; n < needShare[a].length; n++) {
                    cells[needCell(n)] += ages[a] * needShare[a][n];
                }
            }
        }
    }
}
