package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-test as a test: prints the table docs/forecasting.md reports (and writes it to
 * api/target/forecast-backtest.md), and holds the model to beating last year's value on the total.
 * Run: ./mvnw -B verify -pl api -am -Dtest=ForecastBackTest -Dsurefire.failIfNoSpecifiedTests=false
 */
class ForecastBackTest {

    @Test
    void theCohortModelBeatsLastYearsValueOnTheTotal() throws Exception {
        BackTest.Result result = BackTest.run(BackTest.demoCopies());
        String table = "Back-test: fitted to January " + BackTest.FIT_TO + ", forecast January " + (BackTest.FIT_TO + 1) + " for "
                + result.las() + " LAs\n\n" + result.table();
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "forecast-backtest.md"), table);

        assertThat(result.las()).as("LAs back-tested (every LA in the copies: 153 less Devon and Thurrock)").isEqualTo(151);
        assertThat(result.score("cohort model", "total").wape()).isLessThan(result.score("last year's value", "total").wape());
    }
}
