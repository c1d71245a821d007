package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SolveOptionsTest {

    @Test
    void eachWitherChangesOnlyItsOwnField() {
        SolveOptions options = SolveOptions.DEFAULTS.withTimeLimit(Duration.ofSeconds(120))
                .withUnimprovedTimeLimit(Duration.ofSeconds(20)).withMoveThreadCount(1).withSeed(7L);

        assertThat(options).isEqualTo(new SolveOptions(Duration.ofSeconds(120), Duration.ofSeconds(20), 1, 7L));
        assertThat(SolveOptions.DEFAULTS).isEqualTo(new SolveOptions(Duration.ofSeconds(30), Duration.ofSeconds(5),
                0, null));
    }

    @Test
    void refusesLimitsThatCannotBeMetAndNegativeThreads() {
        assertThatThrownBy(() -> SolveOptions.DEFAULTS.withTimeLimit(Duration.ZERO))
                .hasMessage("timeLimit must be positive, was PT0S");
        assertThatThrownBy(() -> SolveOptions.DEFAULTS.withUnimprovedTimeLimit(null))
                .hasMessage("unimprovedTimeLimit must be positive, was null");
        assertThatThrownBy(() -> SolveOptions.DEFAULTS.withMoveThreadCount(-1))
                .hasMessage("moveThreadCount must not be negative, was -1");
    }
}
