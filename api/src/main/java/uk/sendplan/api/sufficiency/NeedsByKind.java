package uk.sendplan.api.sufficiency;

import static uk.sendplan.api.sufficiency.Sen2History.AGES;
import static uk.sendplan.api.sufficiency.Sen2History.KINDS;

/**
 * The mix of primary needs within each age and kind of placement of an LA, which DfE does not publish together: its
 * need files give needs by age and needs by type of placement, and the caseload file ages by type of placement. The
 * three tables are raked together (iterative proportional fitting from the age's need mix in each kind), so the result
 * agrees with each of them as far as they agree with each other. Children whose primary need was not recorded are
 * spread over the recorded needs in proportion, as the register's places are by recorded need only.
 */
final class NeedsByKind {

    private static final int ROUNDS = 30;
    private static final int UNKNOWN = Sen2History.NEEDS.indexOf("number_need_unknown");

    private NeedsByKind() {
    }

    /**
     * share[a][k][n] of the plans of age a in kind k with need n (the unknown need's share 0).
     *
     * @param stock          plans by age and kind at the base January
     * @param needShareByAge each age's need mix (shares)
     * @param kindNeedCounts the LA's plans by kind and need (null without them)
     * @param nationalKind   England's plans by kind and need (null when no LA has them: then needs are taken as
     *                       independent of the kind within an age)
     * @param prior          weight of England's mix in a kind's, in children, as for the other mixes
     */
    static double[][][] shares(double[][] stock, double[][] needShareByAge, double[][] kindNeedCounts, double[][] nationalKind, double prior) {
        int needs = needShareByAge[0].length;
        double[][] ageNeed = new double[AGES][];
        double[] kindTotal = new double[KINDS];
        double[][][] x = new double[AGES][KINDS][needs];
        for (int a = 0; a < AGES; a++) {
            ageNeed[a] = known(needShareByAge[a]);
            double ageTotal = 0;
            for (int k = 0; k < KINDS; k++) {
                ageTotal += stock[a][k];
                kindTotal[k] += stock[a][k];
                for (int n = 0; n < needs; n++) {
                    x[a][k][n] = stock[a][k] * ageNeed[a][n];
                }
            }
            for (int n = 0; n < needs; n++) {
                ageNeed[a][n] *= ageTotal;
            }
        }
        double[][] kindNeed = null;
        if (nationalKind != null) {
            kindNeed = new double[KINDS][];
            for (int k = 0; k < KINDS; k++) {
                double[] national = known(nationalKind[k]);
                double[] own = kindNeedCounts == null ? new double[needs] : kindNeedCounts[k].clone();
                own[UNKNOWN] = 0;
                double ownTotal = sum(own);
                kindNeed[k] = new double[needs];
                for (int n = 0; n < needs; n++) {
                    kindNeed[k][n] = (prior * national[n] + own[n]) / (prior + ownTotal) * kindTotal[k];
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                rake(x, kindNeed, ageNeed, stock);
            }
        }
        double[][][] shares = new double[AGES][KINDS][];
        for (int a = 0; a < AGES; a++) {
            for (int k = 0; k < KINDS; k++) {
                double total = sum(x[a][k]);
                // an age with none of a kind today: a child who moves there later takes the kind's mix, or else the age's
                shares[a][k] = total > 0 ? scaled(x[a][k], 1 / total) : known(kindNeed != null && sum(kindNeed[k]) > 0 ? kindNeed[k] : needShareByAge[a]);
            }
        }
        return shares;
    }

    /** One round: match needs within each kind, then needs at each age, then each age's kinds. */
    private static void rake(double[][][] x, double[][] kindNeed, double[][] ageNeed, double[][] ageKind) {
        int needs = kindNeed[0].length;
        for (int k = 0; k < KINDS; k++) {
            for (int n = 0; n < needs; n++) {
                double s = 0;
                for (int a = 0; a < AGES; a++) {
                    s += x[a][k][n];
                }
                if (s > 0) {
                    for (int a = 0; a < AGES; a++) {
                        x[a][k][n] *= kindNeed[k][n] / s;
                    }
                }
            }
        }
        for (int a = 0; a < AGES; a++) {
            for (int n = 0; n < needs; n++) {
                double s = 0;
                for (int k = 0; k < KINDS; k++) {
                    s += x[a][k][n];
                }
                if (s > 0) {
                    for (int k = 0; k < KINDS; k++) {
                        x[a][k][n] *= ageNeed[a][n] / s;
                    }
                }
            }
            for (int k = 0; k < KINDS; k++) {
                double s = sum(x[a][k]);
                if (s > 0) {
                    for (int n = 0; n < needs; n++) {
                        x[a][k][n] *= ageKind[a][k] / s;
                    }
                }
            }
        }
    }

    /** The shares of the recorded needs alone. */
    private static double[] known(double[] values) {
        double[] known = values.clone();
        known[UNKNOWN] = 0;
        double total = sum(known);
        return total > 0 ? scaled(known, 1 / total) : known;
    }

    private static double[] scaled(double[] values, double factor) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * factor;
        }
        return result;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
