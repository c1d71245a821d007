package uk.sendplan.api.sufficiency;

import java.util.Arrays;
import java.util.function.IntPredicate;

import static uk.sendplan.api.sufficiency.Sen2History.AGES;
import static uk.sendplan.api.sufficiency.Sen2History.KINDS;

/**
 * Reads figures off summed paths: any sum of cells (plans of one age, one kind, one phase, one need, special schools,
 * all) as its central value and its 80% and 95% intervals, the simulations' 10th-90th and 2.5th-97.5th percentiles.
 * Intervals of a region or England come from the sums of its LAs' simulations, never from adding interval ends.
 */
final class ForecastFigures {

    /** Plans with EHC plans, rounded to tenths: central value and intervals. */
    record Figure(double central, double lower80, double upper80, double lower95, double upper95) {
    }

    private final double[][] central;
    private final double[][][] simulations;

    /** central[year][cell] and simulations[s][year][cell], as {@link CohortSimulation} adds them up. */
    ForecastFigures(double[][] central, double[][][] simulations) {
        this.central = central;
        this.simulations = simulations;
    }

    int years() {
        return central.length;
    }

    Figure total(int year) {
        return ageKinds(year, a -> true, k -> true);
    }

    Figure special(int year) {
        return ageKinds(year, a -> true, k -> Placement.values()[k].special());
    }

    Figure age(int year, int ageIndex) {
        return ageKinds(year, a -> a == ageIndex, k -> true);
    }

    Figure ages(int year, int fromAge, int toAge) {
        return ageKinds(year, a -> a + Sen2History.MIN_AGE >= fromAge && a + Sen2History.MIN_AGE <= toAge, k -> true);
    }

    /** Plans of one kind of placement at ages {@code fromAge} to {@code toAge}: one phase's demand for one kind of place. */
    Figure agesOfKind(int year, int fromAge, int toAge, Placement kind) {
        return ageKinds(year, a -> a + Sen2History.MIN_AGE >= fromAge && a + Sen2History.MIN_AGE <= toAge, k -> k == kind.ordinal());
    }

    Figure kind(int year, Placement kind) {
        return ageKinds(year, a -> true, k -> k == kind.ordinal());
    }

    Figure need(int year, int need) {
        return cell(year, CohortSimulation.needCell(need));
    }

    /** Plans of one phase, kind of placement and need (kept only when the forecast was asked for them). */
    Figure phaseKindNeed(int year, int phase, Placement kind, int need) {
        return cell(year, CohortSimulation.PhaseCells.cell(phase, kind.ordinal(), need));
    }

    private Figure cell(int year, int cell) {
        double[] draws = new double[simulations.length];
        for (int s = 0; s < draws.length; s++) {
            draws[s] = simulations[s][year][cell];
        }
        return figure(central[year][cell], draws);
    }

    private Figure ageKinds(int year, IntPredicate age, IntPredicate kind) {
        boolean[] cells = new boolean[AGES * KINDS];
        for (int a = 0; a < AGES; a++) {
            for (int k = 0; k < KINDS; k++) {
                cells[CohortSimulation.cell(a, k)] = age.test(a) && kind.test(k);
            }
        }
        double centralSum = 0;
        for (int c = 0; c < cells.length; c++) {
            centralSum += cells[c] ? central[year][c] : 0;
        }
        double[] draws = new double[simulations.length];
        for (int s = 0; s < draws.length; s++) {
            double[] values = simulations[s][year];
            double sum = 0;
            for (int c = 0; c < cells.length; c++) {
                sum += cells[c] ? values[c] : 0;
            }
            draws[s] = sum;
        }
        return figure(centralSum, draws);
    }

    /** The central value and the draws' intervals; without draws (a central path only) the intervals are NaN, never a made-up 0. */
    static Figure figure(double central, double[] draws) {
        if (draws.length == 0) {
            return new Figure(round(central), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        return new Figure(round(central), round(quantile(sorted, 0.10)), round(quantile(sorted, 0.90)), round(quantile(sorted, 0.025)),
                round(quantile(sorted, 0.975)));
    }

    /** Linear interpolation between order statistics (type 7, as R's and numpy's default). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
