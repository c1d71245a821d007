package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static uk.sendplan.api.sufficiency.Sen2History.AGES;
import static uk.sendplan.api.sufficiency.Sen2History.KINDS;

/**
 * The need mix within an age and kind, worked by hand on two ages (10 and 11), two kinds (mainstream, state special)
 * and two needs (ASD, SEMH): 100 ten-year-olds (60 mainstream, 40 special) and 100 eleven-year-olds (20 mainstream,
 * 80 special); half of each age ASD; mainstream is 1/4 ASD (20 of 80), state special 2/3 (80 of 120). Every table
 * with those margins has x ten-year-olds in mainstream with ASD (10 to 20), then 50 - x in special; 20 - x
 * eleven-year-olds in mainstream and 30 + x in special. Raking picks the one in which the odds of ASD between the
 * kinds are the same at both ages: x (x - 10) / ((60 - x)(50 - x)) = (20 - x)(50 - x) / (x (30 + x)), x = 17.5.
 */
class NeedsByKindTest {

    private static final int ASD = Sen2History.NEEDS.indexOf("number_asd");
    private static final int SEMH = Sen2History.NEEDS.indexOf("number_semh");
    private static final int UNKNOWN = Sen2History.NEEDS.indexOf("number_need_unknown");
    private static final int MAIN = Placement.MAINSTREAM.ordinal();
    private static final int SPECIAL = Placement.STATE_SPECIAL.ordinal();

    @Test
    void rakingMeetsTheAgeTheKindAndTheCaseloadTables() {
        double[][] stock = new double[AGES][KINDS];
        stock[8][MAIN] = 60;
        stock[8][SPECIAL] = 40;
        stock[9][MAIN] = 20;
        stock[9][SPECIAL] = 80;
        double[][] needByAge = new double[AGES][Sen2History.NEEDS.size()];
        for (double[] age : needByAge) {
            age[ASD] = 0.5;
            age[SEMH] = 0.5;
        }
        double[][] kindNeed = new double[KINDS][Sen2History.NEEDS.size()];
        kindNeed[MAIN][ASD] = 20;
        kindNeed[MAIN][SEMH] = 60;
        kindNeed[SPECIAL][ASD] = 80;
        kindNeed[SPECIAL][SEMH] = 40;
        double[][][] shares = NeedsByKind.shares(stock, needByAge, kindNeed, kindNeed, 0);
        double x = shares[8][MAIN][ASD] * 60;
        assertThat(x).isCloseTo(17.54, within(0.05));
        assertThat(shares[8][SPECIAL][ASD] * 40).isCloseTo(50 - x, within(0.01));
        assertThat(shares[9][MAIN][ASD] * 20).isCloseTo(20 - x, within(0.01));
        assertThat(shares[9][SPECIAL][ASD] * 80).isCloseTo(30 + x, within(0.01));
        assertThat(shares[9][SPECIAL][SEMH] * 80).isCloseTo(50 - x, within(0.01));
        assertThat(x * (x - 10) / ((60 - x) * (50 - x))).isCloseTo((20 - x) * (50 - x) / (x * (30 + x)), within(1e-3));
    }

    @Test
    void needsNotRecordedAreSpreadOverTheRecordedOnes() {
        double[][] stock = new double[AGES][KINDS];
        stock[8][SPECIAL] = 100;
        double[][] needByAge = new double[AGES][Sen2History.NEEDS.size()];
        needByAge[8][ASD] = 0.3;
        needByAge[8][SEMH] = 0.5;
        needByAge[8][UNKNOWN] = 0.2;
        // without need-by-placement statistics, needs are taken as independent of the kind within an age
        double[][][] shares = NeedsByKind.shares(stock, needByAge, null, null, 5);
        assertThat(shares[8][SPECIAL][UNKNOWN]).isZero();
        assertThat(shares[8][SPECIAL][ASD]).isCloseTo(0.375, within(1e-9));
        assertThat(shares[8][SPECIAL][SEMH]).isCloseTo(0.625, within(1e-9));
    }
}
