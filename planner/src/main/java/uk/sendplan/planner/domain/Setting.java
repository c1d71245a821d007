package uk.sendplan.planner.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A school, college or unit with places available to this plan.
 *
 * @param id         unique within the problem
 * @param name       display name
 * @param type       kind of setting
 * @param laCode     DfE three-digit code of the local authority the setting is in
 * @param easting    British National Grid easting, metres
 * @param northing   British National Grid northing, metres
 * @param ageFrom    youngest age admitted (inclusive)
 * @param ageTo      oldest age admitted (inclusive)
 * @param needs      primary needs the setting caters for
 * @param capacity   places available to this plan, including those kept by pinned children
 * @param annualFees annual fee in whole pounds by band (1–5); a missing band means the setting does
 *                   not offer places at that band
 * @param gender     which children the setting admits
 * @param boarding   whether the setting offers boarding
 * @param annualBoardingFees residential fee in whole pounds by band for boarding placements; a band missing
 *                   here falls back to {@link #annualFees} (a setting that charges boarders the day fee)
 * @param reservedFor the local authorities whose children alone may have these places (places block-commissioned by
 *                   them); empty when any LA's child may
 */
public record Setting(String id, String name, SettingType type, String laCode, double easting, double northing,
                      int ageFrom, int ageTo, Set<Need> needs, int capacity, Map<Integer, Long> annualFees,
                      SettingGender gender, boolean boarding, Map<Integer, Long> annualBoardingFees, Set<String> reservedFor) {

    public Setting {
        // Enum and band order (not hash order) so that JSON output is the same on every run.
        needs = needs == null || needs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(needs));
        annualFees = annualFees == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annualFees));
        annualBoardingFees = annualBoardingFees == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annualBoardingFees));
        gender = gender == null ? SettingGender.MIXED : gender;
        reservedFor = reservedFor == null || reservedFor.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(reservedFor));
    }

    /** Places open to every LA's children, with separate residential fees. */
    public Setting(String id, String name, SettingType type, String laCode, double easting, double northing,
                   int ageFrom, int ageTo, Set<Need> needs, int capacity, Map<Integer, Long> annualFees,
                   SettingGender gender, boolean boarding, Map<Integer, Long> annualBoardingFees) {
        this(id, name, type, laCode, easting, northing, ageFrom, ageTo, needs, capacity, annualFees, gender, boarding,
                annualBoardingFees, Set.of());
    }

    /** A setting with one fee per band for day and boarding placements alike. */
    public Setting(String id, String name, SettingType type, String laCode, double easting, double northing,
                   int ageFrom, int ageTo, Set<Need> needs, int capacity, Map<Integer, Long> annualFees,
                   SettingGender gender, boolean boarding) {
        this(id, name, type, laCode, easting, northing, ageFrom, ageTo, needs, capacity, annualFees, gender, boarding, Map.of());
    }

    /** Places kept for some LAs' children (a block contract), not open to every LA's. */
    public boolean reserved() {
        return !reservedFor.isEmpty();
    }

    /** The same setting with another number of places (children kept where they are add theirs). */
    public Setting withCapacity(int newCapacity) {
        return new Setting(id, name, type, laCode, easting, northing, ageFrom, ageTo, needs, newCapacity, annualFees, gender, boarding,
                annualBoardingFees, reservedFor);
    }

    /** The day fee for a band, or {@code null} when the setting offers no place at that band. */
    public Long feeForBand(int band) {
        return annualFees.get(band);
    }

    /** The fee for a band for a boarding placement: the residential fee if there is one, else the day fee. */
    public Long boardingFeeForBand(int band) {
        Long residential = annualBoardingFees.get(band);
        return residential != null ? residential : annualFees.get(band);
    }
}
