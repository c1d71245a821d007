package uk.sendplan.planner.domain;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a problem laid out in arrays for {@link #softCostIfSuitable}: the exact construction costs tens of
 * millions of pairs a solve, and the record-and-map path of {@link CostModel#isFeasible} and {@link CostModel#softCost}
 * (enum sets, fee maps, string compares) spends a microsecond on each. Built by {@link CostModel#pairs}, whose
 * distance, travel and transport rules it calls, so the two cannot disagree. Immutable once built and thread-safe.
 */
public final class SettingPairs {

    private static final int BANDS = 6;
    private static final Gender[] GENDERS = Gender.values();
    private static final int GENDER_SLOTS = GENDERS.length + 1;
    private final CostModel model;
    private final Weights weights;
    private final int count;
    private final double[] easting;
    private final double[] northing;
    private final long[] needMask;
    private final int[] ageFrom;
    private final int[] ageTo;
    /** Whether setting s admits gender g at index s × (genders + 1) + g; the last slot is a request without one. */
    private final boolean[] admits;
    private final boolean[] boarding;
    private final boolean[] independent;
    private final boolean[] alternativeProvision;
    /** The LAs whose children alone may have setting s's places; null when anyone's may. */
    private final Set<?>[] reservedFor;
    /** Day and boarding fee by setting × band (index s × 6 + band), -1 where the setting has none. */
    private final long[] dayFee;
    private final long[] boardingFee;
    private final String[] laCode;
    private final Map<String, Integer> indexOfId = new HashMap<>();

    SettingPairs(CostModel model, List<Setting> settings) {
        this.model = model;
        this.weights = model.parameters().weights();
        count = settings.size();
        easting = new double[count];
        northing = new double[count];
        needMask = new long[count];
        ageFrom = new int[count];
        ageTo = new int[count];
        admits = new boolean[count * GENDER_SLOTS];
        boarding = new boolean[count];
        independent = new boolean[count];
        alternativeProvision = new boolean[count];
        reservedFor = new Set<?>[count];
        dayFee = new long[count * BANDS];
        boardingFee = new long[count * BANDS];
        laCode = new String[count];
        for (int s = 0; s < count; s++) {
            Setting setting = settings.get(s);
            easting[s] = setting.easting();
            northing[s] = setting.northing();
            for (Need need : setting.needs()) {
                needMask[s] |= 1L << need.ordinal();
            }
            ageFrom[s] = setting.ageFrom();
            ageTo[s] = setting.ageTo();
            for (int g = 0; g < GENDER_SLOTS; g++) {
                admits[s * GENDER_SLOTS + g] = setting.gender().admits(g < GENDERS.length ? GENDERS[g] : null);
            }
            boarding[s] = setting.boarding();
            independent[s] = setting.type().isIndependent() && !setting.reserved();
            reservedFor[s] = setting.reserved() ? setting.reservedFor() : null;
            alternativeProvision[s] = setting.type() == SettingType.ALTERNATIVE_PROVISION;
            for (int band = 0; band < BANDS; band++) {
                Long day = setting.feeForBand(band);
                Long board = setting.boardingFeeForBand(band);
                dayFee[s * BANDS + band] = day == null ? -1 : day;
                boardingFee[s * BANDS + band] = board == null ? -1 : board;
            }
            laCode[s] = setting.laCode().intern();
            indexOfId.putIfAbsent(setting.id(), s);
        }
    }

    /** What one request needs to be costed against every setting, worked out once. */
    public Request request(PlacementRequest request) {
        return new Request(request);
    }

    /**
     * {@link #softCost} of the pair when {@link #isFeasible}, else -1; equal to those two for every pair
     * (CostModelTest compares them on generated problems).
     */
    public long softCostIfSuitable(Request r, int s) {
        if ((needMask[s] & r.needBit) == 0 || r.age < ageFrom[s] || r.age > ageTo[s]
                || !admits[s * GENDER_SLOTS + r.gender]
                || (r.needsBoarding && !boarding[s])
                || (alternativeProvision[s] && !r.allowsAlternativeProvision)
                || (reservedFor[s] != null && !reservedFor[s].contains(r.laCode))
                || r.band < 0 || r.band >= BANDS) {
            return -1;
        }
        boolean boardingPlacement = r.needsBoarding && boarding[s];
        long fee = (boardingPlacement ? boardingFee : dayFee)[s * BANDS + r.band];
        if (fee < 0) {
            return -1;
        }
        double km = model.distanceKm(r.easting, r.northing, easting[s], northing[s]);
        if (boardingPlacement ? !model.withinBoardingDistance(km) : !model.withinTravelTime(km, r.phase)) {
            return -1;
        }
        long cost = fee + model.transportCost(km, boardingPlacement);
        if (r.hasPreferences && !r.preferred.get(s)) {
            cost += weights.preferenceMiss();
        }
        if (independent[s]) {
            cost += weights.independentPlacement();
        }
        if (!r.laCode.equals(laCode[s])) {
            cost += weights.outOfArea();
        }
        if (r.movable && s != r.current) {
            cost += weights.moveFromCurrent();
        }
        return cost + model.distanceFromHomePenalty(km);
    }

    public final class Request {
        private final long needBit;
        private final int age;
        private final int gender;
        private final boolean needsBoarding;
        private final boolean allowsAlternativeProvision;
        private final int band;
        private final double easting;
        private final double northing;
        private final Phase phase;
        private final boolean hasPreferences;
        private final BitSet preferred = new BitSet();
        private final String laCode;
        /** The child has a current setting and may move: every other setting carries moveFromCurrent. */
        private final boolean movable;
        /** Index of the current setting, -1 when it is not among the settings (then every setting is a move). */
        private final int current;

        private Request(PlacementRequest request) {
            needBit = 1L << request.need().ordinal();
            age = request.age();
            gender = request.gender() == null ? GENDERS.length : request.gender().ordinal();
            needsBoarding = request.needsBoarding();
            allowsAlternativeProvision = request.allowsAlternativeProvision();
            band = request.band();
            easting = request.easting();
            northing = request.northing();
            phase = CostModel.phase(request);
            hasPreferences = !request.preferences().isEmpty();
            for (String id : request.preferences()) {
                Integer s = indexOfId.get(id);
                if (s != null) {
                    preferred.set(s);
                }
            }
            laCode = request.laCode();
            movable = request.currentSettingId() != null && !request.keepCurrent();
            current = movable ? indexOfId.getOrDefault(request.currentSettingId(), -1) : -1;
        }
    }
}
