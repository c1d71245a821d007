package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

/**
 * The auction that starts the exact flow: whatever it returns must be a flow the simplex can start from (no setting
 * over its places, every held pair the child's own and usable), and when it finishes its prices must be what make
 * it a good start: every child within epsilon of its best choice at them (epsilon-complementary slackness).
 */
class PlacementAuctionTest {

    /** Places are scarce (one setting per 25 children across nine LAs), so children outbid each other. */
    private static final PlacementProblem CONGESTED = ProblemGenerator.generate(new GeneratorOptions(9, 5_000, 200, 21, Weights.DEFAULT));

    @Test
    void everyChildEndsWithinEpsilonOfItsBestChoiceAndNoSettingHoldsMoreThanItsPlaces() {
        PlacementNetwork network = new PlacementNetwork(CONGESTED);
        int[] children = freeChildren(network);
        long[] noPrice = new long[network.requestCount()];
        long unplacedCost = 150_000;
        long epsilon = 2_500;

        PlacementAuction.Result result = PlacementAuction.run(network, children, children.length, noPrice, unplacedCost, epsilon,
                Long.MAX_VALUE);

        assertThat(result.finished()).isTrue();
        int[] held = assertFeasible(network, children, result);
        int outbidding = 0;
        for (int i = 0; i < children.length; i++) {
            int r = children[i];
            long best = unplacedCost;
            for (int p = network.pairStart(r); p < network.pairEnd(r); p++) {
                int s = network.pairSetting(p);
                if (network.residualCapacity(s) > 0 && network.pairSoftCost(p) <= unplacedCost) {
                    best = Math.min(best, network.pairSoftCost(p) + result.settingPrice()[s]);
                }
            }
            int pair = result.pairOfChild()[i];
            long value = pair < 0 ? unplacedCost : network.pairSoftCost(pair) + result.settingPrice()[network.pairSetting(pair)];
            assertThat(value).as("child %d", i).isLessThanOrEqualTo(best + (pair < 0 ? 0 : epsilon));
            if (pair >= 0 && result.settingPrice()[network.pairSetting(pair)] > 0) {
                outbidding++;
            }
        }
        // the instance is contested: prices rose and some settings are full
        assertThat(outbidding).isPositive();
        for (int s = 0; s < network.settingCount(); s++) {
            if (result.settingPrice()[s] > 0) {
                assertThat(held[s]).as("a priced setting is full").isEqualTo(network.residualCapacity(s));
            }
        }
    }

    @Test
    void aBidLimitStopsTheAuctionWithTheChildrenStillBiddingUnplaced() {
        PlacementNetwork network = new PlacementNetwork(CONGESTED);
        int[] children = freeChildren(network);

        PlacementAuction.Result result = PlacementAuction.run(network, children, children.length, new long[network.requestCount()],
                150_000, 2_500, children.length / 2);

        assertThat(result.finished()).isFalse();
        assertFeasible(network, children, result);
        long placed = java.util.Arrays.stream(result.pairOfChild()).filter(pair -> pair >= 0).count();
        assertThat(placed).isPositive().isLessThanOrEqualTo(children.length / 2);
    }

    private static int[] freeChildren(PlacementNetwork network) {
        return java.util.stream.IntStream.range(0, network.requestCount())
                .filter(r -> !network.isPinned(r) && network.pairEnd(r) > network.pairStart(r)).toArray();
    }

    /** Places held per setting, after checking each held pair is the child's and no setting holds more than its places. */
    private static int[] assertFeasible(PlacementNetwork network, int[] children, PlacementAuction.Result result) {
        int[] held = new int[network.settingCount()];
        for (int i = 0; i < children.length; i++) {
            int pair = result.pairOfChild()[i];
            if (pair >= 0) {
                assertThat(pair).isBetween(network.pairStart(children[i]), network.pairEnd(children[i]) - 1);
                held[network.pairSetting(pair)]++;
            }
        }
        for (int s = 0; s < network.settingCount(); s++) {
            assertThat(held[s]).as("setting %d", s).isLessThanOrEqualTo(network.residualCapacity(s));
        }
        return held;
    }
}
