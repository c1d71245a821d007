package uk.sendplan.planner.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
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

    private final Random random;
    private final GeneratorOptions options;
    private final CostModel costModel;
    private final SettingMaker settingMaker;

    private ProblemGenerator(GeneratorOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.costModel = new CostModel(Parameters.DEFAULTS);
        this.settingMaker = new SettingMaker(random);
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
                towns[t] = t == 0 ? new double[] {la.easting(), la.northing()} : Area.pointInDisc(random, la, radius * 0.7);
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
                settings.add(settingMaker.setting(areas.get(a), made + 1));
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
        double[] home = random.nextDouble() < 1.0 / 6 ? Area.pointInDisc(random, area.la(), area.radiusMetres())
                : area.nearTown(random, 0.25);
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


}
