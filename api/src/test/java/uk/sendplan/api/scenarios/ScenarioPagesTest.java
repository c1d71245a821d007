package uk.sendplan.api.scenarios;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.kernel.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** How the scenario pages write money (as every page does, Money.formatRounded) and changes in children. */
class ScenarioPagesTest {

    @Test
    void aCostIsWrittenWithItsSignBeforeThePoundSignAndNoChangeWithoutOne() {
        assertThat(Money.formatRounded(-327_400)).isEqualTo("-£3,274");
        assertThat(Money.formatRounded(21_032_900)).isEqualTo("£210,329");
        assertThat(Money.formatRounded(0)).isEqualTo("£0");
        assertThat(ScenarioPages.signed(0)).isEqualTo("0");
        assertThat(ScenarioPages.signed(12)).isEqualTo("+12");
        assertThat(ScenarioPages.signed(-3)).isEqualTo("-3");
    }
}
