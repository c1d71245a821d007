package uk.sendplan.planner.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The placement economics and the pairwise hard rules of one problem. The solver's constraints,
 * the exact construction, the reactive baseline, the plan's explanations and the service's list
 * of suitable settings for one child all call these methods, so they cannot disagree.
 * Immutable and thread-safe.
 */
public final class CostModel {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final Parameters parameters;
    /** 2 × costPerKm × trips: multiplied by the one-way distance, then rounded once to pounds. */
    private final BigDecimal dayTransportPerKm;
    private final BigDecimal boardingTransportPerKm;
    private final double dayTransportPerKmDouble;
    private final double boardingTransportPerKmDouble;

    public CostModel(Parameters parameters) {
        this.parameters = parameters;
        this.dayTransportPerKm = TWO.multiply(parameters.costPerKm()).multiply(BigDecimal.valueOf(parameters.schoolDays()));
        this.boardingTransportPerKm = TWO.multiply(parameters.costPerKm())
                .multiply(BigDecimal.valueOf(parameters.boardingTripsPerYear()));
        this.dayTransportPerKmDouble = dayTransportPerKm.doubleValue();
        this.boardingTransportPerKmDouble = boardingTransportPerKm.doubleValue();
    }

    public Parameters parameters() {
        return parameters;
    }

    /**
     * One-way road distance: straight-line distance between the grid points × road factor. Grid points are whole
     * metres, so the sum of squares is exact and its square root correctly rounded (Math.hypot is slower and no
     * more exact here).
     */
    public double distanceKm(PlacementRequest request, Setting setting) {
        return distanceKm(request.easting(), request.northing(), setting.easting(), setting.northing());
    }

    double distanceKm(double fromEasting, double fromNorthing, double toEasting, double toNorthing) {
        double de = fromEasting - toEasting;
        double dn = fromNorthing - toNorthing;
        return Math.sqrt(de * de + dn * dn) / 1000.0 * parameters.roadFactor();
    }

    public double travelMinutes(PlacementRequest request, Setting setting) {
        return minutes(distanceKm(request, setting));
    }

    private double minutes(double km) {
        return km / parameters.speedKmh() * 60.0;
    }

    public int maxTravelMinutes(Phase phase) {
        return parameters.maxTravelMinutes().get(phase);
    }

    /** Longest one-way straight-line distance in metres within the travel limit of a phase. */
    public double maxStraightLineMetres(Phase phase) {
        return maxTravelMinutes(phase) / 60.0 * parameters.speedKmh() / parameters.roadFactor() * 1000.0;
    }

    /** Longest one-way straight-line distance in metres within the boarding reach. */
    public double maxBoardingStraightLineMetres() {
        return parameters.maxBoardingKm() / parameters.roadFactor() * 1000.0;
    }

    public static Phase phase(PlacementRequest request) {
        return Phase.ofAge(request.age());
    }

    /** A boarding placement: the child needs boarding and the setting offers it. */
    public static boolean isBoardingPlacement(PlacementRequest request, Setting setting) {
        return request.needsBoarding() && setting.boarding();
    }

    /**
     * Annual transport cost: 2 × distance × costPerKm × trips (school days, or boarding trips for a
     * boarding placement), rounded half-up to whole pounds. The only place where money is rounded.
     */
    public long transportCost(PlacementRequest request, Setting setting) {
        return transportCost(distanceKm(request, setting), isBoardingPlacement(request, setting));
    }

    long transportCost(double km, boolean boarding) {
        // The double product is within 1e-9 of the exact one; only a product that close to a half pound needs
        // BigDecimal to round it as the exact decimal would. Millions of pairs a solve make this worth it.
        double pounds = km * (boarding ? boardingTransportPerKmDouble : dayTransportPerKmDouble);
        double fraction = pounds - Math.floor(pounds);
        if (Math.abs(fraction - 0.5) > 1e-6) {
            return (long) Math.floor(pounds + 0.5);
        }
        return BigDecimal.valueOf(km).multiply(boarding ? boardingTransportPerKm : dayTransportPerKm)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * The fee for the request's band (the residential fee for a boarding placement), 0 when the setting has
     * none (the pair then breaks noFeeForBand).
     */
    public long fee(PlacementRequest request, Setting setting) {
        Long fee = feeFor(request, setting);
        return fee == null ? 0 : fee;
    }

    private static Long feeFor(PlacementRequest request, Setting setting) {
        return isBoardingPlacement(request, setting) ? setting.boardingFeeForBand(request.band()) : setting.feeForBand(request.band());
    }

    /** Fee for the band plus transport: the soft score's cost term. */
    public long annualCost(PlacementRequest request, Setting setting) {
        return fee(request, setting) + transportCost(request, setting);
    }

    public PlacementCost cost(PlacementRequest request, Setting setting) {
        double distanceKm = distanceKm(request, setting);
        long fee = fee(request, setting);
        long transport = transportCost(request, setting);
        return new PlacementCost(distanceKm, distanceKm / parameters.speedKmh() * 60.0, fee, transport, fee + transport,
                phase(request), isBoardingPlacement(request, setting));
    }

    // ---- hard rules for one pair ----

    public boolean meetsNeed(PlacementRequest request, Setting setting) {
        return setting.needs().contains(request.need());
    }

    public boolean meetsAge(PlacementRequest request, Setting setting) {
        return request.age() >= setting.ageFrom() && request.age() <= setting.ageTo();
    }

    public boolean meetsGender(PlacementRequest request, Setting setting) {
        return setting.gender().admits(request.gender());
    }

    /** A child who needs boarding goes only to a setting that offers it; a day child may go anywhere. */
    public boolean meetsBoarding(PlacementRequest request, Setting setting) {
        return !request.needsBoarding() || setting.boarding();
    }

    public boolean hasFeeForBand(PlacementRequest request, Setting setting) {
        return feeFor(request, setting) != null;
    }

    /** Within the phase's travel limit; boarding placements have their own limit ({@link #meetsBoardingDistance}). */
    public boolean meetsTravelTime(PlacementRequest request, Setting setting) {
        return isBoardingPlacement(request, setting) || withinTravelTime(distanceKm(request, setting), phase(request));
    }

    boolean withinTravelTime(double km, Phase phase) {
        return minutes(km) <= maxTravelMinutes(phase);
    }

    /** A boarding placement is within the boarding reach (the journey is weekly, so it is a distance, not a daily time). */
    public boolean meetsBoardingDistance(PlacementRequest request, Setting setting) {
        return !isBoardingPlacement(request, setting) || withinBoardingDistance(distanceKm(request, setting));
    }

    boolean withinBoardingDistance(double km) {
        return km <= parameters.maxBoardingKm();
    }

    /** Alternative provision only for a child whose request allows it. */
    public boolean meetsAlternativeProvision(PlacementRequest request, Setting setting) {
        return setting.type() != SettingType.ALTERNATIVE_PROVISION || request.allowsAlternativeProvision();
    }

    /** Places block-commissioned by some LAs are kept for those LAs' children. */
    public boolean meetsReservation(PlacementRequest request, Setting setting) {
        return !setting.reserved() || setting.reservedFor().contains(request.laCode());
    }

    /** The pairwise hard rules the pair breaks, in {@link HardRule} order; empty when the setting fits. */
    public List<HardRule> violations(PlacementRequest request, Setting setting) {
        List<HardRule> broken = new ArrayList<>(2);
        if (!meetsNeed(request, setting)) {
            broken.add(HardRule.NEED);
        }
        if (!meetsAge(request, setting)) {
            broken.add(HardRule.AGE);
        }
        if (!meetsGender(request, setting)) {
            broken.add(HardRule.GENDER);
        }
        if (!meetsBoarding(request, setting)) {
            broken.add(HardRule.BOARDING);
        }
        if (!hasFeeForBand(request, setting)) {
            broken.add(HardRule.NO_FEE_FOR_BAND);
        }
        if (!meetsTravelTime(request, setting)) {
            broken.add(HardRule.TRAVEL_TIME);
        }
        if (!meetsBoardingDistance(request, setting)) {
            broken.add(HardRule.BOARDING_DISTANCE);
        }
        if (!meetsAlternativeProvision(request, setting)) {
            broken.add(HardRule.ALTERNATIVE_PROVISION);
        }
        if (!meetsReservation(request, setting)) {
            broken.add(HardRule.RESERVED_FOR_OTHER_LAS);
        }
        return broken;
    }

    public boolean isFeasible(PlacementRequest request, Setting setting) {
        return meetsNeed(request, setting) && meetsAge(request, setting) && meetsGender(request, setting)
                && meetsBoarding(request, setting) && hasFeeForBand(request, setting)
                && meetsTravelTime(request, setting) && meetsBoardingDistance(request, setting)
                && meetsAlternativeProvision(request, setting) && meetsReservation(request, setting);
    }

    // ---- soft policy penalties for one pair (0 when not triggered) ----

    /** The family gave preferences and this setting is not among them. */
    public long preferenceMissPenalty(PlacementRequest request, Setting setting) {
        boolean missed = !request.preferences().isEmpty() && !request.preferences().contains(setting.id());
        return missed ? parameters.weights().preferenceMiss() : 0;
    }

    /**
     * The penalty prices reactive spot purchase; places an LA block-commissioned are its strategic use of the setting,
     * already agreed and paid for, so they carry none (they still count towards an independent limit).
     */
    public long independentPlacementPenalty(Setting setting) {
        return setting.type().isIndependent() && !setting.reserved() ? parameters.weights().independentPlacement() : 0;
    }

    public long outOfAreaPenalty(PlacementRequest request, Setting setting) {
        return request.laCode().equals(setting.laCode()) ? 0 : parameters.weights().outOfArea();
    }

    /** The child has a current setting, is not pinned to it, and is placed elsewhere. */
    public long moveFromCurrentPenalty(PlacementRequest request, Setting setting) {
        boolean moved = request.currentSettingId() != null && !request.keepCurrent()
                && !request.currentSettingId().equals(setting.id());
        return moved ? parameters.weights().moveFromCurrent() : 0;
    }

    /**
     * Per road kilometre beyond the local radius, rounded half-up to whole pounds: nearer wins when
     * costs are close, for day and boarding placements alike.
     */
    public long distanceFromHomePenalty(PlacementRequest request, Setting setting) {
        return distanceFromHomePenalty(distanceKm(request, setting));
    }

    long distanceFromHomePenalty(double km) {
        long perKm = parameters.weights().distanceFromHome();
        double beyond = km - parameters.localRadiusKm();
        return perKm == 0 || beyond <= 0 ? 0 : Math.round(beyond * perKm);
    }

    /** The policy penalties this placement triggers, zero amounts left out. */
    public List<PolicyPenalty> penalties(PlacementRequest request, Setting setting) {
        List<PolicyPenalty> penalties = new ArrayList<>(5);
        addIfPositive(penalties, "preferenceMiss", preferenceMissPenalty(request, setting));
        addIfPositive(penalties, "independentPlacement", independentPlacementPenalty(setting));
        addIfPositive(penalties, "outOfArea", outOfAreaPenalty(request, setting));
        addIfPositive(penalties, "moveFromCurrent", moveFromCurrentPenalty(request, setting));
        addIfPositive(penalties, "distanceFromHome", distanceFromHomePenalty(request, setting));
        return penalties;
    }

    /** Annual cost plus every policy penalty: what this placement adds to the soft score. */
    public long softCost(PlacementRequest request, Setting setting) {
        return annualCost(request, setting) + preferenceMissPenalty(request, setting)
                + independentPlacementPenalty(setting) + outOfAreaPenalty(request, setting)
                + moveFromCurrentPenalty(request, setting) + distanceFromHomePenalty(request, setting);
    }

    /**
     * Every setting for one child, for a tailored list: the suitable ones first, cheapest (annual
     * cost plus penalties) then quickest; then the excluded ones with the rules they break, nearest
     * first. Places left are not considered here: they depend on the rest of the plan.
     */
    public List<SettingOption> options(PlacementRequest request, List<Setting> settings) {
        return settings.stream()
                .map(s -> new SettingOption(s, cost(request, s), penalties(request, s), violations(request, s)))
                .sorted(Comparator.comparing((SettingOption o) -> !o.suitable())
                        .thenComparing(o -> o.suitable() ? o.softCost() : 0L)
                        .thenComparingDouble(o -> o.cost().travelMinutes()))
                .toList();
    }

    /** The settings laid out in arrays, to decide and cost millions of pairs fast ({@link SettingPairs}). */
    public SettingPairs pairs(List<Setting> settings) {
        return new SettingPairs(this, settings);
    }

    private static void addIfPositive(List<PolicyPenalty> penalties, String constraint, long amount) {
        if (amount > 0) {
            penalties.add(new PolicyPenalty(constraint, amount));
        }
    }
}
