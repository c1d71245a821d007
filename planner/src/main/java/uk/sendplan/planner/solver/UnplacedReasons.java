package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Phase;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

/**
 * Says why a child has no place in words a commissioner can act on: either no setting in the
 * problem meets the child's rules at all (commission one), or every setting that would fit is
 * full (name them: those are the places to expand or buy).
 */
final class UnplacedReasons {

    static final int MAX_BLOCKING = 5;

    private final PlacementNetwork network;
    private final int[] occupancy;
    /**
     * What the rules before the travel limits leave standing, by the values of a child those rules have read so far (its
     * need; then whether it may go to alternative provision; then its LA; …): a region's thousands of children without
     * a suitable setting share a few hundred such prefixes, and each child would otherwise test every setting of the
     * problem against every rule.
     */
    private final Map<List<Object>, Standing> standing = new HashMap<>();

    /** @param occupancy children per setting in the plan being explained */
    UnplacedReasons(PlacementNetwork network, int[] occupancy) {
        this.network = network;
        this.occupancy = occupancy;
    }

    UnplacedRequest explain(int r) {
        PlacementRequest request = network.problem().requests().get(r);
        List<Setting> settings = network.problem().settings();
        CostModel costModel = network.costModel();
        int from = network.pairStart(r);
        int count = network.pairEnd(r) - from;
        if (count > 0) {
            // nearest first; a stable sort of the suitable settings (in problem order), each distance worked out once
            double[] km = new double[count];
            Integer[] order = new Integer[count];
            for (int k = 0; k < count; k++) {
                km[k] = costModel.distanceKm(request, settings.get(network.pairSetting(from + k)));
                order[k] = k;
            }
            Arrays.sort(order, Comparator.comparingDouble(k -> km[k]));
            int withRoom = 0;
            int nearestWithRoom = -1;
            for (int k : order) {
                int s = network.pairSetting(from + k);
                if (occupancy[s] < settings.get(s).capacity()) {
                    withRoom++;
                    nearestWithRoom = nearestWithRoom < 0 ? s : nearestWithRoom;
                }
            }
            if (withRoom > 0) {
                return new UnplacedRequest(request.id(),
                        new UnplacedReason.RoomNotYetUsed(withRoom, settings.get(nearestWithRoom).id()), List.of());
            }
            List<String> blocking = new ArrayList<>(Math.min(MAX_BLOCKING, count));
            for (int k = 0; k < Math.min(MAX_BLOCKING, count); k++) {
                blocking.add(settings.get(network.pairSetting(from + order[k])).id());
            }
            return new UnplacedRequest(request.id(), new UnplacedReason.SuitableSettingsFull(describe(criteria(request, costModel)),
                    blocking, Math.max(0, count - MAX_BLOCKING)), blocking);
        }
        return new UnplacedRequest(request.id(), noSettingReason(request), List.of());
    }

    /**
     * Applies the rules one by one and names the first one that leaves no setting standing. The rules before the
     * travel limits read only the child's {@link Profile}, so what they leave is worked out once per profile; the
     * travel limits, which read where the child lives, are applied to that for each child.
     */
    private UnplacedReason noSettingReason(PlacementRequest request) {
        List<Criterion> criteria = criteria(request, network.costModel());
        Standing before = standing(request, criteria);
        if (before.reason() != null) {
            return before.reason();
        }
        List<Setting> standing = before.settings();
        for (int i = before.next(); i < criteria.size(); i++) {
            Criterion criterion = criteria.get(i);
            List<Setting> next = standing.stream().filter(s -> criterion.test().test(request, s)).toList();
            if (next.isEmpty()) {
                return reason(request, criteria, i, standing);
            }
            standing = next;
        }
        throw new IllegalStateException("request " + request.id() + " has suitable settings but no suitable pairs");
    }

    /**
     * The rules before the travel limits applied in turn, each to what the ones before it left (worked out once per
     * prefix of the child's values they read): what stands, or the reason when a rule leaves nothing.
     */
    private Standing standing(PlacementRequest request, List<Criterion> criteria) {
        List<Object> prefix = new ArrayList<>();
        List<Setting> standing = network.problem().settings();
        int i = 0;
        for (; !criteria.get(i).travel(); i++) {
            Criterion criterion = criteria.get(i);
            prefix.add(criterion.reads());
            Standing known = this.standing.get(prefix);
            if (known == null) {
                List<Setting> before = standing;
                List<Setting> next = before.stream().filter(s -> criterion.test().test(request, s)).toList();
                known = next.isEmpty() ? new Standing(null, i, reason(request, criteria, i, before)) : new Standing(next, i + 1, null);
                this.standing.put(List.copyOf(prefix), known);
            }
            if (known.reason() != null) {
                return known;
            }
            standing = known.settings();
        }
        return new Standing(standing, i, null);
    }

    /** Rule {@code i} left nothing of {@code standing}; a travel limit names the nearest setting that meets the rest. */
    private UnplacedReason reason(PlacementRequest request, List<Criterion> criteria, int i, List<Setting> standing) {
        CostModel costModel = network.costModel();
        String rules = describe(criteria.subList(0, i + 1));
        if (criteria.get(i).travel() && !standing.isEmpty()) {
            Setting nearest = standing.stream()
                    .min(Comparator.comparingDouble(s -> costModel.distanceKm(request, s))).orElseThrow();
            return new UnplacedReason.NoSettingMeets(rules, nearest.id(), Math.round(costModel.travelMinutes(request, nearest)));
        }
        return new UnplacedReason.NoSettingMeets(rules, null, null);
    }

    /** What stands after rules 0 … {@code next} - 1, or the reason when the last of them left nothing. */
    private record Standing(List<Setting> settings, int next, UnplacedReason reason) {
    }

    /**
     * A rule as worded in a reason; a quiet one (gender) is named only when it is the one that excludes. {@code reads}:
     * what of the child the rule reads (and its words say), for the rules before the travel limits. (Package-visible,
     * with {@link #criteria} and {@link #describe}, for UnplacedReasonsTest's rule-by-rule reference.)
     */
    record Criterion(String description, BiPredicate<PlacementRequest, Setting> test, boolean travel,
                             boolean quiet, Object reads) {
    }

    static List<Criterion> criteria(PlacementRequest request, CostModel costModel) {
        Phase phase = CostModel.phase(request);
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(new Criterion("need " + request.need(), costModel::meetsNeed, false, false, request.need()));
        criteria.add(new Criterion("not alternative provision", costModel::meetsAlternativeProvision, false, true,
                request.allowsAlternativeProvision()));
        criteria.add(new Criterion("places open to " + request.laCode() + "'s children", costModel::meetsReservation, false, true,
                request.laCode()));
        criteria.add(new Criterion("age " + request.age(), costModel::meetsAge, false, false, request.age()));
        criteria.add(new Criterion("admit a " + (request.gender() == Gender.MALE ? "boy" : "girl"),
                costModel::meetsGender, false, true, String.valueOf(request.gender())));
        if (request.needsBoarding()) {
            criteria.add(new Criterion("boarding", costModel::meetsBoarding, false, false, true));
        }
        criteria.add(new Criterion("a fee for band " + request.band(), costModel::hasFeeForBand, false, false, request.band()));
        criteria.add(new Criterion("the " + costModel.maxTravelMinutes(phase) + "-minute travel limit ("
                + phase + ")", costModel::meetsTravelTime, true, false, null));
        if (request.needsBoarding()) {
            criteria.add(new Criterion("the " + Math.round(costModel.parameters().maxBoardingKm())
                    + " km boarding reach", costModel::meetsBoardingDistance, true, false, null));
        }
        return criteria;
    }

    /** "need ASD, age 11 and the 75-minute travel limit (SECONDARY)". */
    static String describe(List<Criterion> criteria) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            if (!criteria.get(i).quiet() || i == criteria.size() - 1) {
                parts.add(criteria.get(i).description());
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
