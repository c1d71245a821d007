package uk.sendplan.planner.generator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;

/**
 * One generated setting at a time: its kind, place in the area, ages, needs, gender, boarding, fees by band and
 * places. It draws from the generator's own random numbers, in the generator's order, so a seed still gives the same
 * problem.
 */
final class SettingMaker {

    /** Fee multipliers for bands 1–5 relative to a setting's band-3 fee. */
    private static final double[] BAND_FACTOR = {0, 0.70, 0.85, 1.0, 1.20, 1.45};

    private final Random random;

    SettingMaker(Random random) {
        this.random = random;
    }

    Setting setting(Area area, int number) {
        double roll = random.nextDouble();
        SettingType type = roll < 0.25 ? SettingType.MAINSTREAM
                : roll < 0.50 ? SettingType.RESOURCED_PROVISION
                : roll < 0.72 ? SettingType.STATE_SPECIAL
                : roll < 0.84 ? SettingType.INDEPENDENT_SPECIAL
                : roll < 0.92 ? SettingType.FE_COLLEGE
                : SettingType.SPECIALIST_POST_16;
        // independent schools are often in the country; the rest are in towns
        double[] point = type == SettingType.INDEPENDENT_SPECIAL && random.nextDouble() < 0.5
                ? Area.pointInDisc(random, area.la(), area.radiusMetres())
                : area.nearTown(random, 0.12);
        int[] ages = ages(type);
        Set<Need> needs = needs(type);
        SettingGender gender = gender(type, needs);
        boolean boarding = switch (type) {
            case INDEPENDENT_SPECIAL -> random.nextDouble() < 0.20;
            case STATE_SPECIAL -> random.nextDouble() < 0.05;
            case SPECIALIST_POST_16 -> random.nextDouble() < 0.30;
            default -> false;
        };
        int[] bands = switch (type) {
            case MAINSTREAM -> new int[] {1, 3};
            case RESOURCED_PROVISION, FE_COLLEGE -> new int[] {1, 4};
            case STATE_SPECIAL -> random.nextDouble() < 0.5 ? new int[] {1, 5} : new int[] {2, 5};
            case INDEPENDENT_SPECIAL -> new int[] {3, 5};
            case SPECIALIST_POST_16 -> new int[] {2, 5};
            default -> throw new IllegalArgumentException("the generator makes no " + type + " settings");
        };
        double base = switch (type) {
            case MAINSTREAM -> 8_000;
            case RESOURCED_PROVISION -> 15_000;
            case STATE_SPECIAL -> 25_000;
            case INDEPENDENT_SPECIAL -> 60_000;
            case FE_COLLEGE -> 30_000;
            case SPECIALIST_POST_16 -> 45_000;
            default -> throw new IllegalArgumentException("the generator makes no " + type + " settings");
        } * (0.8 + 0.45 * random.nextDouble()) * (boarding ? 1.5 : 1.0);
        Map<Integer, Long> fees = new TreeMap<>();
        for (int band = bands[0]; band <= bands[1]; band++) {
            fees.put(band, Math.round(base * BAND_FACTOR[band] / 100.0) * 100);
        }
        int capacity = switch (type) {
            case MAINSTREAM -> 4 + random.nextInt(7);
            case RESOURCED_PROVISION -> 2 + random.nextInt(7);
            case STATE_SPECIAL -> 5 + random.nextInt(16);
            case INDEPENDENT_SPECIAL -> 3 + random.nextInt(10);
            case FE_COLLEGE -> 10 + random.nextInt(21);
            case SPECIALIST_POST_16 -> 3 + random.nextInt(8);
            default -> throw new IllegalArgumentException("the generator makes no " + type + " settings");
        };
        String id = String.format("S%04d", number);
        return new Setting(id, area.la().name() + " " + label(type) + " " + number, type, area.la().code(),
                Math.round(point[0]), Math.round(point[1]), ages[0], ages[1], needs, capacity, fees, gender, boarding);
    }

    private static String label(SettingType type) {
        return switch (type) {
            case MAINSTREAM -> "School";
            case RESOURCED_PROVISION -> "Resourced Provision";
            case STATE_SPECIAL -> "Special School";
            case INDEPENDENT_SPECIAL -> "Independent Special School";
            case FE_COLLEGE -> "College";
            case SPECIALIST_POST_16 -> "Specialist College";
            default -> throw new IllegalArgumentException("the generator makes no " + type + " settings");
        };
    }

    private int[] ages(SettingType type) {
        double roll = random.nextDouble();
        return switch (type) {
            case MAINSTREAM, RESOURCED_PROVISION -> roll < 0.5 ? new int[] {4, 11}
                    : roll < 0.85 ? new int[] {11, 16} : new int[] {11, 18};
            case STATE_SPECIAL -> roll < 0.4 ? new int[] {2, 19} : roll < 0.65 ? new int[] {4, 11} : new int[] {11, 19};
            case INDEPENDENT_SPECIAL -> roll < 0.4 ? new int[] {7, 19} : roll < 0.75 ? new int[] {11, 19}
                    : new int[] {5, 16};
            case FE_COLLEGE, SPECIALIST_POST_16 -> new int[] {16, 25};
            default -> throw new IllegalArgumentException("the generator makes no " + type + " settings");
        };
    }

    private Set<Need> needs(SettingType type) {
        double roll = random.nextDouble();
        return switch (type) {
            case MAINSTREAM -> sample(EnumSet.of(Need.ASD, Need.SLCN, Need.SEMH, Need.MLD, Need.SPLD, Need.PD, Need.HI,
                    Need.VI, Need.OTH), 4 + random.nextInt(3));
            case RESOURCED_PROVISION -> EnumSet.of(roll < 0.40 ? Need.ASD : roll < 0.65 ? Need.SLCN
                    : roll < 0.75 ? Need.MLD : roll < 0.83 ? Need.HI : roll < 0.88 ? Need.VI
                    : roll < 0.93 ? Need.SPLD : roll < 0.97 ? Need.SEMH : Need.PD);
            case STATE_SPECIAL -> roll < 0.30 ? EnumSet.of(Need.MLD, Need.SLD, Need.PMLD, Need.PD, Need.MSI, Need.ASD)
                    : roll < 0.55 ? EnumSet.of(Need.ASD, Need.SLCN)
                    : roll < 0.75 ? EnumSet.of(Need.SEMH)
                    : roll < 0.92 ? EnumSet.of(Need.MLD, Need.ASD, Need.SLCN, Need.OTH)
                    : EnumSet.of(Need.HI, Need.VI, Need.MSI, Need.PD);
            case INDEPENDENT_SPECIAL -> roll < 0.45 ? EnumSet.of(Need.ASD, Need.SEMH)
                    : roll < 0.75 ? EnumSet.of(Need.SEMH)
                    : roll < 0.90 ? EnumSet.of(Need.ASD, Need.SLCN)
                    : EnumSet.of(Need.SPLD, Need.SLCN);
            case FE_COLLEGE -> EnumSet.of(Need.MLD, Need.SPLD, Need.ASD, Need.SEMH, Need.SLCN, Need.HI, Need.VI,
                    Need.PD, Need.OTH);
            case SPECIALIST_POST_16 -> roll < 0.6 ? EnumSet.of(Need.ASD, Need.SLD, Need.PMLD, Need.MLD, Need.SLCN)
                    : EnumSet.of(Need.ASD, Need.SEMH);
            default -> throw new IllegalArgumentException("the generator makes no " + type + " settings");
        };
    }

    private SettingGender gender(SettingType type, Set<Need> needs) {
        double roll = random.nextDouble();
        if (type == SettingType.INDEPENDENT_SPECIAL) {
            return roll < 0.15 ? SettingGender.BOYS : roll < 0.18 ? SettingGender.GIRLS : SettingGender.MIXED;
        }
        if (type == SettingType.STATE_SPECIAL && needs.equals(EnumSet.of(Need.SEMH))) {
            return roll < 0.10 ? SettingGender.BOYS : SettingGender.MIXED;
        }
        return SettingGender.MIXED;
    }

    private Set<Need> sample(Set<Need> from, int count) {
        List<Need> pool = new ArrayList<>(from);
        Set<Need> chosen = EnumSet.noneOf(Need.class);
        while (chosen.size() < Math.min(count, from.size())) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }
}
