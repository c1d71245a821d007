package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private UnplacedReasons() {
    }

    static UnplacedRequest explain(PlacementNetwork network, int r, int[] occupancy) {
        PlacementRequest request = network.problem().requests().get(r);
        List<Setting> settings = network.problem().settings();
        CostModel costModel = network.costModel();
        if (network.pairEnd(r) > network.pairStart(r)) {
            List<Integer> suitable = new ArrayList<>(network.suitableSettings(r));
            suitable.sort(Comparator.comparingDouble(s -> costModel.distanceKm(request, settings.get(s))));
            List<Integer> withRoom = suitable.stream().filter(s -> occupancy[s] < settings.get(s).capacity()).toList();
            if (!withRoom.isEmpty()) {
                return new UnplacedRequest(request.id(),
                        new UnplacedReason.RoomNotYetUsed(withRoom.size(), settings.get(withRoom.get(0)).id()), List.of());
            }
            List<String> blocking = suitable.stream().limit(MAX_BLOCKING).map(s -> settings.get(s).id()).toList();
            return new UnplacedRequest(request.id(), new UnplacedReason.SuitableSettingsFull(describe(criteria(request, costModel)),
                    blocking, Math.max(0, suitable.size() - MAX_BLOCKING)), blocking);
        }
        return new UnplacedRequest(request.id(), noSettingReason(request, settings, costModel), List.of());
    }

    /** Applies the rules one by one and names the first one that leaves no setting standing. */
    private static UnplacedReason noSettingReason(PlacementRequest request, List<Setting> settings, CostModel costModel) {
        List<Criterion> criteria = criteria(request, costModel);
        List<Setting> standing = settings;
        for (int i = 0; i < criteria.size(); i++) {
            Criterion criterion = criteria.get(i);
            List<Setting> next = standing.stream().filter(s -> criterion.test().test(request, s)).toList();
            if (next.isEmpty()) {
                String rules = describe(criteria.subList(0, i + 1));
                if (criterion.travel() && !standing.isEmpty()) {
                    Setting nearest = standing.stream()
                            .min(Comparator.comparingDouble(s -> costModel.distanceKm(request, s))).orElseThrow();
                    return new UnplacedReason.NoSettingMeets(rules, nearest.id(), Math.round(costModel.travelMinutes(request, nearest)));
                }
                return new UnplacedReason.NoSettingMeets(rules, null, null);
            }
            standing = next;
        }
        throw new IllegalStateException("request " + request.id() + " has suitable settings but no suitable pairs");
    }

    /** A rule as worded in a reason; a quiet one (gender) is named only when it is the one that excludes. */
    private record Criterion(String description, BiPredicate<PlacementRequest, Setting> test, boolean travel,
                             boolean quiet) {
    }

    private static List<Criterion> criteria(PlacementRequest request, CostModel costModel) {
        Phase phase = CostModel.phase(request);
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(new Criterion("need " + request.need(), costModel::meetsNeed, false, false));
        criteria.add(new Criterion("not alternative provision", costModel::meetsAlternativeProvision, false, true));
        criteria.add(new Criterion("places open to " + request.laCode() + "'s children", costModel::meetsReservation, false, true));
        criteria.add(new Criterion("age " + request.age(), costModel::meetsAge, false, false));
        criteria.add(new Criterion("admit a " + (request.gender() == Gender.MALE ? "boy" : "girl"),
                costModel::meetsGender, false, true));
        if (request.needsBoarding()) {
            criteria.add(new Criterion("boarding", costModel::meetsBoarding, false, false));
        }
        criteria.add(new Criterion("a fee for band " + request.band(), costModel::hasFeeForBand, false, false));
        criteria.add(new Criterion("the " + costModel.maxTravelMinutes(phase) + "-minute travel limit ("
                + phase + ")", costModel::meetsTravelTime, true, false));
        if (request.needsBoarding()) {
            criteria.add(new Criterion("the " + Math.round(costModel.parameters().maxBoardingKm())
                    + " km boarding reach", costModel::meetsBoardingDistance, true, false));
        }
        return criteria;
    }

    /** "need ASD, age 11 and the 75-minute travel limit (SECONDARY)". */
    private static String describe(List<Criterion> criteria) {
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
