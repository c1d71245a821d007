package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * The reasons a plan gives for its unplaced children, worked out with what the rules before the travel limits leave
 * shared between children alike, must be word for word the reasons of applying every rule to every setting for each
 * child (the reference below). Generated problems varied to break every rule, explained for the exact construction's
 * plan and for plans with children taken out (so settings with room are named too).
 */
class UnplacedReasonsTest {

    @Test
    void sharedStandingGivesEveryChildTheReasonRuleByRuleWouldGive() {
        Map<Class<?>, Integer> kinds = new HashMap<>();
        Map<String, Integer> excludingRules = new HashMap<>();
        for (long seed = 1; seed <= 4; seed++) {
            PlacementNetwork network = new PlacementNetwork(DirectScoreTest.varied(seed));
            Random random = new Random(seed);
            int[] optimum = ExactConstructionCommand.construct(network).assignment();
            int[] thinned = optimum.clone();
            for (int r = 0; r < thinned.length; r++) {
                if (!network.isPinned(r) && random.nextInt(4) == 0) {
                    thinned[r] = -1;
                }
            }
            for (int[] assignment : List.of(optimum, thinned)) {
                int[] occupancy = PlanAssembler.occupancy(network, assignment);
                UnplacedReasons reasons = new UnplacedReasons(network, occupancy);
                for (int r = 0; r < assignment.length; r++) {
                    if (assignment[r] < 0) {
                        UnplacedRequest explained = reasons.explain(r);
                        assertThat(explained).as("seed %d request %d", seed, r).isEqualTo(ruleByRule(network, r, occupancy));
                        kinds.merge(explained.cause().getClass(), 1, Integer::sum);
                        if (explained.cause() instanceof UnplacedReason.NoSettingMeets meets) {
                            excludingRules.merge(meets.nearestSettingId() == null ? "rule" : "travel", 1, Integer::sum);
                        }
                    }
                }
            }
        }
        assertThat(kinds).containsKeys(UnplacedReason.NoSettingMeets.class, UnplacedReason.SuitableSettingsFull.class,
                UnplacedReason.RoomNotYetUsed.class);
        assertThat(excludingRules).containsKeys("rule", "travel");
    }

    /** Every setting through the rules in turn for this one child, nearest first among the suitable ones. */
    private static UnplacedRequest ruleByRule(PlacementNetwork network, int r, int[] occupancy) {
        PlacementRequest request = network.problem().requests().get(r);
        List<Setting> settings = network.problem().settings();
        CostModel costModel = network.costModel();
        List<UnplacedReasons.Criterion> criteria = UnplacedReasons.criteria(request, costModel);
        if (network.pairEnd(r) > network.pairStart(r)) {
            List<Integer> suitable = new ArrayList<>(network.suitableSettings(r));
            suitable.sort(Comparator.comparingDouble(s -> costModel.distanceKm(request, settings.get(s))));
            List<Integer> withRoom = suitable.stream().filter(s -> occupancy[s] < settings.get(s).capacity()).toList();
            if (!withRoom.isEmpty()) {
                return new UnplacedRequest(request.id(),
                        new UnplacedReason.RoomNotYetUsed(withRoom.size(), settings.get(withRoom.get(0)).id()), List.of());
            }
            List<String> blocking = suitable.stream().limit(UnplacedReasons.MAX_BLOCKING).map(s -> settings.get(s).id()).toList();
            return new UnplacedRequest(request.id(), new UnplacedReason.SuitableSettingsFull(UnplacedReasons.describe(criteria),
                    blocking, Math.max(0, suitable.size() - UnplacedReasons.MAX_BLOCKING)), blocking);
        }
        List<Setting> standing = settings;
        for (int i = 0; i < criteria.size(); i++) {
            UnplacedReasons.Criterion criterion = criteria.get(i);
            List<Setting> next = standing.stream().filter(s -> criterion.test().test(request, s)).toList();
            if (next.isEmpty()) {
                String rules = UnplacedReasons.describe(criteria.subList(0, i + 1));
                if (criterion.travel() && !standing.isEmpty()) {
                    Setting nearest = standing.stream()
                            .min(Comparator.comparingDouble(s -> costModel.distanceKm(request, s))).orElseThrow();
                    return new UnplacedRequest(request.id(), new UnplacedReason.NoSettingMeets(rules, nearest.id(),
                            Math.round(costModel.travelMinutes(request, nearest))), List.of());
                }
                return new UnplacedRequest(request.id(), new UnplacedReason.NoSettingMeets(rules, null, null), List.of());
            }
            standing = next;
        }
        throw new AssertionError("request " + r + " has suitable settings but no suitable pairs");
    }
}
