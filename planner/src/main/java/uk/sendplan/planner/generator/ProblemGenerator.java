package uk.sendplan.planner.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;
import uk.sendplan.planner.generator.LocalAuthorities.LocalAuthority;

/**
 * Realistic, seeded placement problems for tests and benchmarks: neighbouring LAs of one region
 * (real ONS representative points and areas), homes clustered around a few towns per LA, the
 * national mix of primary needs of all EHC plans (DfE SEN2, January 2025), ages peaking at the
 * transfer points (4–5, 10–11, 15–16), six kinds of setting with typical fee levels that rise by
 * band, and places a little short of demand where it matters, so some children cannot be placed.
 */
public final class ProblemGenerator {

    /**
     * Primary need of all EHC plans in England, January 2025 (DfE SEN2 2025, National, "All EHC
     * plans"; the 0.8% with need unknown left out).
     */
    static final Map<Need, Integer> NATIONAL_NEED_COUNTS = needCounts();

    /** About 73% of children and young people with an EHC plan are boys (DfE SEN2 2025). */
    private static final double SHARE_MALE = 0.73;
    /** Boarding is asked for from age 8; 4.5% of those is about 3% of all children. */
    private static final double SHARE_NEEDS_BOARDING_FROM_8 = 0.045;
    private static final double SHARE_WITH_CURRENT_SETTING = 0.12;
    private static final double SHARE_CURRENT_KEPT = 0.5;
    private static final double SHARE_WITH_PREFERENCES = 0.6;
    /** Places available as a share of children: short of demand once need, age and distance are matched. */
    private static final double PLACES_PER_CHILD = 1.12;
    /** Fee multipliers for bands 1–5 relative to a setting's band-3 fee. */
    private static final double[] BAND_FACTOR = {0, 0.70, 0.85, 1.0, 1.20, 1.45};

    private final Random random;
    private final GeneratorOptions options;
    private final CostModel costModel;

    private ProblemGenerator(GeneratorOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.costModel = new CostModel(Parameters.DEFAULTS);
    }

    public static PlacementProblem generate(GeneratorOptions options) {
        return new ProblemGenerator(options).generate();
    }

    /**
     * The problem with some children made siblings: about {@code share} of the requests come in pairs
     * of neighbouring requests from the same LA, given one sibling group and the first one's home.
     * Children kept in their current setting are left alone. The same seed gives the same pairs.
     */
    public static PlacementProblem withSiblings(PlacementProblem problem, double share, long seed) {
        Random random = new Random(seed);
        List<PlacementRequest> requests = new ArrayList<>(problem.requests());
        for (int i = 0; i + 1 < requests.size(); i++) {
            PlacementRequest first = requests.get(i);
            PlacementRequest second = requests.get(i + 1);
            if (random.nextDouble() < share / 2 && first.laCode().equals(second.laCode()) && !first.keepCurrent()
                    && !second.keepCurrent()) {
                String group = "F" + first.id();
                requests.set(i, new PlacementRequest(first.id(), first.laCode(), first.need(), first.band(), first.age(),
                        first.easting(), first.northing(), first.gender(), first.needsBoarding(),
                        first.currentSettingId(), false, first.preferences(), group, first.alternativeProvisionAllowed()));
                requests.set(i + 1, new PlacementRequest(second.id(), second.laCode(), second.need(), second.band(),
                        second.age(), first.easting(), first.northing(), second.gender(), second.needsBoarding(),
                        second.currentSettingId(), false, second.preferences(), group,
                        second.alternativeProvisionAllowed()));
                i++;
            }
        }
        return new PlacementProblem(problem.name() + ", siblings", problem.parameters(), problem.settings(), requests);
    }

    private static Map<Need, Integer> needCounts() {
        Map<Need, Integer> counts = new LinkedHashMap<>();
        counts.put(Need.ASD, 201_183);
        counts.put(Need.SLCN, 135_836);
        counts.put(Need.SEMH, 132_217);
        counts.put(Need.MLD, 67_861);
        counts.put(Need.SLD, 25_681);
        counts.put(Need.PD, 24_897);
        counts.put(Need.SPLD, 14_374);
        counts.put(Need.HI, 8_765);
        counts.put(Need.PMLD, 8_577);
        counts.put(Need.OTH, 7_512);
        counts.put(Need.VI, 5_280);
        counts.put(Need.MSI, 1_692);
        return counts;
    }

    /** A local authority with its towns: where homes and settings cluster. */
    private record Area(LocalAuthority la, double radiusMetres, double[][] towns, double[] townWeights) {
    }

    private PlacementProblem generate() {
        List<Area> areas = chooseAreas();
        double[] demandShare = new double[areas.size()];
        double shareSum = 0;
        for (int i = 0; i < areas.size(); i++) {
            demandShare[i] = 0.7 + 0.6 * random.nextDouble();
            shareSum += demandShare[i];
        }
        List<Setting> settings = generateSettings(areas, demandShare, shareSum);
        List<PlacementRequest> requests = generateRequests(areas, demandShare, shareSum, settings);
        String laNames = areas.size() == 1 ? areas.get(0).la().name()
                : areas.size() + " LAs around " + areas.get(0).la().name();
        String name = "Generated: " + laNames + ", " + requests.size() + " requests, seed " + options.seed();
        return new PlacementProblem(name, Parameters.DEFAULTS.withWeights(options.weights()), settings, requests);
    }

    /** A random LA and its nearest neighbours in the same region (the City of London and the Isles of Scilly left out). */
    private List<Area> chooseAreas() {
        List<LocalAuthority> all = LocalAuthorities.load().stream()
                .filter(la -> !la.code().equals("201") && !la.code().equals("420")).toList();
        Map<String, List<LocalAuthority>> byRegion = new TreeMap<>();
        for (LocalAuthority la : all) {
            byRegion.computeIfAbsent(la.region(), r -> new ArrayList<>()).add(la);
        }
        List<String> regions = byRegion.entrySet().stream()
                .filter(e -> e.getValue().size() >= options.laCount()).map(Map.Entry::getKey).toList();
        if (options.laCount() > all.size()) {
            throw new IllegalArgumentException("England has " + all.size() + " local authorities to generate in, not "
                    + options.laCount());
        }
        // more LAs than any region has: a national problem, the LAs nearest a random one across England
        List<LocalAuthority> region = regions.isEmpty() ? all
                : byRegion.get(regions.get(random.nextInt(regions.size())));
        LocalAuthority first = region.get(random.nextInt(region.size()));
        List<LocalAuthority> chosen = region.stream().sorted(Comparator.comparingDouble(first::distanceTo))
                .limit(options.laCount()).toList();
        List<Area> areas = new ArrayList<>();
        for (LocalAuthority la : chosen) {
            double radius = Math.sqrt(la.areaKm2() / Math.PI) * 1000;
            int townCount = Math.min(8, 2 + (int) (la.areaKm2() / 400));
            double[][] towns = new double[townCount][];
            double[] weights = new double[townCount];
            for (int t = 0; t < townCount; t++) {
                // the first town is the LA's own centre, the biggest
                towns[t] = t == 0 ? new double[] {la.easting(), la.northing()} : pointInDisc(la, radius * 0.7);
                weights[t] = t == 0 ? 3 : 0.5 + random.nextDouble() * 1.5;
            }
            areas.add(new Area(la, radius, towns, weights));
        }
        return areas;
    }

    // ---- settings ----

    private List<Setting> generateSettings(List<Area> areas, double[] demandShare, double shareSum) {
        List<Setting> settings = new ArrayList<>();
        int made = 0;
        for (int a = 0; a < areas.size(); a++) {
            int count = a == areas.size() - 1 ? options.settingCount() - made
                    : (int) Math.round(options.settingCount() * demandShare[a] / shareSum);
            for (int i = 0; i < count && made < options.settingCount(); i++, made++) {
                settings.add(setting(areas.get(a), made + 1));
            }
        }
        // scale the raw capacities so that places are just above the number of children
        double raw = settings.stream().mapToInt(Setting::capacity).sum();
        double scale = options.requestCount() * PLACES_PER_CHILD / raw;
        List<Setting> scaled = new ArrayList<>(settings.size());
        for (Setting x : settings) {
            int capacity = Math.max(1, (int) Math.round(x.capacity() * scale));
            scaled.add(new Setting(x.id(), x.name(), x.type(), x.laCode(), x.easting(), x.northing(), x.ageFrom(),
                    x.ageTo(), x.needs(), capacity, x.annualFees(), x.gender(), x.boarding()));
        }
        return scaled;
    }

    private Setting setting(Area area, int number) {
        double roll = random.nextDouble();
        SettingType type = roll < 0.25 ? SettingType.MAINSTREAM
                : roll < 0.50 ? SettingType.RESOURCED_PROVISION
                : roll < 0.72 ? SettingType.STATE_SPECIAL
                : roll < 0.84 ? SettingType.INDEPENDENT_SPECIAL
                : roll < 0.92 ? SettingType.FE_COLLEGE
                : SettingType.SPECIALIST_POST_16;
        // independent schools are often in the country; the rest are in towns
        double[] point = type == SettingType.INDEPENDENT_SPECIAL && random.nextDouble() < 0.5
                ? pointInDisc(area.la(), area.radiusMetres())
                : nearTown(area, 0.12);
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

    // ---- requests ----

    private List<PlacementRequest> generateRequests(List<Area> areas, double[] demandShare, double shareSum,
                                                    List<Setting> settings) {
        Map<Need, List<Setting>> settingsByNeed = new TreeMap<>();
        for (Setting s : settings) {
            for (Need need : s.needs()) {
                settingsByNeed.computeIfAbsent(need, n -> new ArrayList<>()).add(s);
            }
        }
        Map<String, Integer> keptPlaces = new TreeMap<>();
        List<PlacementRequest> requests = new ArrayList<>(options.requestCount());
        int made = 0;
        for (int a = 0; a < areas.size(); a++) {
            int count = a == areas.size() - 1 ? options.requestCount() - made
                    : (int) Math.round(options.requestCount() * demandShare[a] / shareSum);
            for (int i = 0; i < count && made < options.requestCount(); i++, made++) {
                requests.add(request(areas.get(a), made + 1, settingsByNeed, keptPlaces));
            }
        }
        return requests;
    }

    private PlacementRequest request(Area area, int number, Map<Need, List<Setting>> settingsByNeed,
                                     Map<String, Integer> keptPlaces) {
        // a sixth of homes are rural, spread over the whole LA; the rest cluster around towns
        double[] home = random.nextDouble() < 1.0 / 6 ? pointInDisc(area.la(), area.radiusMetres())
                : nearTown(area, 0.25);
        Need need = weightedNeed();
        int age = age();
        int band = Math.min(5, band() + (need == Need.PMLD || need == Need.SLD || need == Need.MSI ? 1 : 0));
        Gender gender = random.nextDouble() < SHARE_MALE ? Gender.MALE : Gender.FEMALE;
        boolean needsBoarding = age >= 8 && random.nextDouble() < SHARE_NEEDS_BOARDING_FROM_8;
        String id = String.format("R%05d", number);
        PlacementRequest draft = new PlacementRequest(id, area.la().code(), need, band, age, Math.round(home[0]),
                Math.round(home[1]), gender, needsBoarding, null, false, List.of());

        List<Setting> candidates = settingsByNeed.getOrDefault(need, List.of()).stream()
                .filter(s -> costModel.meetsAge(draft, s) && costModel.meetsGender(draft, s)).toList();
        String current = null;
        boolean keep = false;
        if (random.nextDouble() < SHARE_WITH_CURRENT_SETTING) {
            List<Setting> fitting = candidates.stream().filter(s -> costModel.isFeasible(draft, s)).toList();
            if (!fitting.isEmpty()) {
                Setting chosen = fitting.get(random.nextInt(fitting.size()));
                current = chosen.id();
                int kept = keptPlaces.getOrDefault(current, 0);
                // a kept child uses a place; never keep more children than there are places
                if (random.nextDouble() < SHARE_CURRENT_KEPT && kept < chosen.capacity()) {
                    keep = true;
                    keptPlaces.put(current, kept + 1);
                }
            }
        }
        List<String> preferences = List.of();
        if (!keep && random.nextDouble() < SHARE_WITH_PREFERENCES && !candidates.isEmpty()) {
            List<Setting> nearest = nearest(candidates, draft, 6);
            int wanted = 1 + random.nextInt(Math.min(3, nearest.size()));
            List<Setting> pool = new ArrayList<>(nearest);
            List<String> chosen = new ArrayList<>();
            while (chosen.size() < wanted) {
                // families mostly name the nearer settings, best first
                int pick = Math.min(pool.size() - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * 2));
                chosen.add(pool.remove(pick).id());
            }
            preferences = chosen;
        }
        return new PlacementRequest(id, area.la().code(), need, band, age, draft.easting(), draft.northing(), gender,
                needsBoarding, current, keep, preferences);
    }

    /**
     * The {@code k} nearest settings, nearest first, ties in list order: a stable sort's first {@code k}, in one pass
     * (a national problem has thousands of candidates per child).
     */
    private List<Setting> nearest(List<Setting> candidates, PlacementRequest request, int k) {
        Setting[] best = new Setting[k];
        double[] distance = new double[k];
        int size = 0;
        for (Setting s : candidates) {
            double km = costModel.distanceKm(request, s);
            if (size == k && km >= distance[k - 1]) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && distance[at - 1] > km) {
                best[at] = best[at - 1];
                distance[at] = distance[at - 1];
                at--;
            }
            best[at] = s;
            distance[at] = km;
        }
        return List.of(Arrays.copyOf(best, size));
    }

    private Need weightedNeed() {
        int total = NATIONAL_NEED_COUNTS.values().stream().mapToInt(Integer::intValue).sum();
        int roll = random.nextInt(total);
        for (Map.Entry<Need, Integer> entry : NATIONAL_NEED_COUNTS.entrySet()) {
            roll -= entry.getValue();
            if (roll < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("need weights do not add up");
    }

    /** Peaks at the transfer points (starting school, secondary, post-16), a spread over 2–19, a few to 25. */
    private int age() {
        double roll = random.nextDouble();
        if (roll < 0.28) {
            return 4 + random.nextInt(2);
        }
        if (roll < 0.52) {
            return 10 + random.nextInt(2);
        }
        if (roll < 0.70) {
            return 15 + random.nextInt(2);
        }
        if (roll < 0.97) {
            return 2 + random.nextInt(18);
        }
        return 20 + random.nextInt(6);
    }

    private int band() {
        double roll = random.nextDouble();
        return roll < 0.15 ? 1 : roll < 0.40 ? 2 : roll < 0.70 ? 3 : roll < 0.90 ? 4 : 5;
    }

    private Set<Need> sample(Set<Need> from, int count) {
        List<Need> pool = new ArrayList<>(from);
        Set<Need> chosen = EnumSet.noneOf(Need.class);
        while (chosen.size() < Math.min(count, from.size())) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    private double[] pointInDisc(LocalAuthority la, double radius) {
        double r = radius * Math.sqrt(random.nextDouble());
        double angle = random.nextDouble() * 2 * Math.PI;
        return clampToGrid(la.easting() + r * Math.cos(angle), la.northing() + r * Math.sin(angle));
    }

    private double[] nearTown(Area area, double spreadOfRadius) {
        double roll = random.nextDouble() * sum(area.townWeights());
        int town = 0;
        while (roll >= area.townWeights()[town] && town < area.towns().length - 1) {
            roll -= area.townWeights()[town];
            town++;
        }
        double sigma = area.radiusMetres() * spreadOfRadius;
        return clampToGrid(area.towns()[town][0] + random.nextGaussian() * sigma,
                area.towns()[town][1] + random.nextGaussian() * sigma);
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private static double[] clampToGrid(double easting, double northing) {
        return new double[] {Math.max(0, Math.min(700_000, easting)), Math.max(0, Math.min(1_300_000, northing))};
    }
}
