package uk.sendplan.planner.solver;

import java.time.Duration;

/**
 * How long and how to solve.
 *
 * @param timeLimit            hard cap on the whole solve
 * @param unimprovedTimeLimit  stop once local search has found nothing better for this long
 * @param moveThreadCount      extra threads for local search moves; 0 runs on the solver thread alone
 * @param seed                 random seed for local search, or {@code null} for OptaPlanner's default
 */
public record SolveOptions(Duration timeLimit, Duration unimprovedTimeLimit, int moveThreadCount, Long seed) {

    /**
     * 30 s cap and 5 s without improvement: the exact construction already yields the optimum of
     * the model, so local search only has to confirm it; single-threaded because the 2-core
     * machines this runs on gain nothing from move threads.
     */
    public static final SolveOptions DEFAULTS = new SolveOptions(Duration.ofSeconds(30), Duration.ofSeconds(5), 0, null);

    public SolveOptions {
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        }
        if (unimprovedTimeLimit == null || unimprovedTimeLimit.isNegative() || unimprovedTimeLimit.isZero()) {
            throw new IllegalArgumentException("unimprovedTimeLimit must be positive, was " + unimprovedTimeLimit);
        }
        if (moveThreadCount < 0) {
            throw new IllegalArgumentException("moveThreadCount must not be negative, was " + moveThreadCount);
        }
    }

    public SolveOptions withTimeLimit(Duration newTimeLimit) {
        return new SolveOptions(newTimeLimit, unimprovedTimeLimit, moveThreadCount, seed);
    }

    public SolveOptions withUnimprovedTimeLimit(Duration newUnimprovedTimeLimit) {
        return new SolveOptions(timeLimit, newUnimprovedTimeLimit, moveThreadCount, seed);
    }

    public SolveOptions withMoveThreadCount(int newMoveThreadCount) {
        return new SolveOptions(timeLimit, unimprovedTimeLimit, newMoveThreadCount, seed);
    }

    public SolveOptions withSeed(Long newSeed) {
        return new SolveOptions(timeLimit, unimprovedTimeLimit, moveThreadCount, newSeed);
    }
}
