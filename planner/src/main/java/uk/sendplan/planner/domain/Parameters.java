package uk.sendplan.planner.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cost-model and policy parameters of one problem. Use {@link #DEFAULTS} and the {@code with…}
 * methods, or the canonical constructor. Validation is {@link ProblemValidator}'s job, so a record
 * may hold invalid values until it is validated.
 *
 * @param costPerKm            transport cost in pounds per road kilometre travelled
 * @param schoolDays           return journeys a year for a day placement
 * @param roadFactor           road distance over straight-line distance
 * @param speedKmh             average door-to-door speed of SEND transport
 * @param boardingTripsPerYear return journeys a year for a boarding placement
 * @param maxTravelMinutes     longest acceptable one-way journey for each phase (day placements)
 * @param weights              policy penalties
 * @param localRadiusKm        road distance from home within which a placement carries no distanceFromHome penalty
 * @param maxBoardingKm        longest acceptable one-way road distance for a boarding placement
 * @param independentLimits    strategic limits on independent placements by local authority code (may be empty)
 */
public record Parameters(BigDecimal costPerKm, int schoolDays, double roadFactor, double speedKmh,
                         int boardingTripsPerYear, Map<Phase, Integer> maxTravelMinutes, Weights weights,
                         double localRadiusKm, double maxBoardingKm, Map<String, IndependentLimit> independentLimits) {

    /**
     * Defaults. £2.00 per km makes a typical 12 km SEND journey cost 2 × 12 × £2 × 190 ≈ £9,100 a year,
     * in line with the £7k–£10k a year per child that councils report for SEND home-to-school transport.
     * 190 is the statutory school year. 1.3 is a usual road circuity factor for England. 30 km/h is a
     * door-to-door taxi or minibus speed including pick-ups. 38 trips a year is weekly boarding (home
     * every weekend of the 38-week school year). The travel limits are DfE's home-to-school travel
     * guidance (45 minutes primary, 75 minutes secondary) extended to early years and post-16/19.
     * A local radius of 15 road km is about the 45-minute primary journey at SEND transport speed.
     * 200 road km for boarding is a weekly journey of about 2½ hours by car: far enough for the
     * specialist residential places a region offers, not across England (Camden to Wakefield is 321 km).
     */
    public static final Parameters DEFAULTS = new Parameters(new BigDecimal("2.00"), 190, 1.3, 30.0, 38,
            Map.of(Phase.EARLY_YEARS, 45, Phase.PRIMARY, 45, Phase.SECONDARY, 75, Phase.POST_16, 75,
                    Phase.POST_19, 90),
            Weights.DEFAULT, 15.0, 200.0, Map.of());

    public Parameters {
        EnumMap<Phase, Integer> limits = new EnumMap<>(Phase.class);
        if (maxTravelMinutes != null) {
            limits.putAll(maxTravelMinutes);
        }
        maxTravelMinutes = Collections.unmodifiableMap(limits);
        // Sorted by LA code so that JSON output is the same on every run.
        independentLimits = independentLimits == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(independentLimits));
    }

    public Parameters withWeights(Weights newWeights) {
        return new Parameters(costPerKm, schoolDays, roadFactor, speedKmh, boardingTripsPerYear, maxTravelMinutes,
                newWeights, localRadiusKm, maxBoardingKm, independentLimits);
    }

    public Parameters withMaxBoardingKm(double km) {
        return new Parameters(costPerKm, schoolDays, roadFactor, speedKmh, boardingTripsPerYear, maxTravelMinutes,
                weights, localRadiusKm, km, independentLimits);
    }

    public Parameters withLocalRadiusKm(double km) {
        return new Parameters(costPerKm, schoolDays, roadFactor, speedKmh, boardingTripsPerYear, maxTravelMinutes,
                weights, km, maxBoardingKm, independentLimits);
    }

    public Parameters withIndependentLimits(Map<String, IndependentLimit> limits) {
        return new Parameters(costPerKm, schoolDays, roadFactor, speedKmh, boardingTripsPerYear, maxTravelMinutes,
                weights, localRadiusKm, maxBoardingKm, limits);
    }

    public Parameters withMaxTravelMinutes(Phase phase, int minutes) {
        EnumMap<Phase, Integer> limits = new EnumMap<>(Phase.class);
        limits.putAll(maxTravelMinutes);
        limits.put(phase, minutes);
        return new Parameters(costPerKm, schoolDays, roadFactor, speedKmh, boardingTripsPerYear, limits, weights,
                localRadiusKm, maxBoardingKm, independentLimits);
    }
}
