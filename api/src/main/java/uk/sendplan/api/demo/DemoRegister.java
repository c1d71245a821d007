package uk.sendplan.api.demo;

import org.springframework.stereotype.Component;
import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.reference.ReferenceData.PostcodeDistrict;
import uk.sendplan.api.reference.Sen2Placements;
import uk.sendplan.api.settings.SettingDraft;
import uk.sendplan.api.settings.SettingDraft.PlaceDraft;
import uk.sendplan.api.settings.BulkRegistration;
import uk.sendplan.api.settings.BulkRegistration.ProviderDraft;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.OfstedRating;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A demonstration register generated from real statistics: for each LA and each kind of specialist setting, the
 * number of children with an EHC plan placed there in January 2025 by primary need (DfE SEN2), turned into settings
 * of typical sizes, specialisms and age ranges, located in the LA's real postcode districts weighted by population.
 * Occupied places equal the LA's real placements need by need (kind by kind too, except the few children SEN2 shows in
 * alternative provision with needs AP is not for, who are in its state special schools); capacity adds a typical
 * vacancy margin. Every setting and provider
 * it makes is marked demo, named "Demo", and has a URN from 9,000,000 up, so it is never mistaken for a real school.
 * Seeded: the same reference data always gives the same register.
 */
@Component
public class DemoRegister {

    static final long SEED = 20_261_122L;
    private static final List<String> NEEDS = Sen2Placements.needs();

    /**
     * The needs alternative provision is for: mainly SEMH, and the learning, communication and autism needs that come
     * with it. SEN2 records some children with SLD, PMLD, sensory, physical or other needs in AP, but a commissioner
     * would not plan an AP place for them: the demo register gives those children places in state special schools of
     * the same LA instead, so each LA still holds exactly its SEN2 children need by need.
     */
    static final Set<String> ALTERNATIVE_PROVISION_NEEDS = Set.of("SEMH", "SPLD", "MLD", "SLCN", "ASD");

    /**
     * A setting's ages as GIAS writes them: the age pupils join and the age they leave. The pupils are in the setting
     * from {@code joins} to {@code leaves - 1} (a 4-11 primary school teaches reception to year 6, ages 4 to 10), which
     * is the inclusive range the register keeps and the planner matches a child's age against.
     */
    record AgeBand(int joins, int leaves, double weight) {
        int youngest() {
            return joins;
        }

        int oldest() {
            return leaves - 1;
        }
    }

    /** Organisations the demo settings belong to, besides each LA itself. */
    record DemoProviders(Map<String, List<Long>> academyTrustsByRegion, List<Long> independentGroups, List<Long> charities, List<Long> colleges) {
    }

    private final ReferenceData reference;
    private final BulkRegistration settings;

    DemoRegister(ReferenceData reference, BulkRegistration settings) {
        this.reference = reference;
        this.settings = settings;
    }

    /** Generates and registers the whole demo register; returns how many settings it made. */
    public int load() {
        Map<String, Map<String, int[]>> placements = Sen2Placements.byLaAndType();
        Random random = new Random(SEED);
        DemoProviders providers = registerProviders(random);
        Map<String, Long> laProviders = registerLaProviders(placements.keySet());
        List<SettingDraft> drafts = new ArrayList<>();
        for (var la : placements.entrySet()) {
            drafts.addAll(settingsFor(reference.localAuthority(la.getKey()).orElseThrow(), plausible(la.getValue()), providers,
                    laProviders.get(la.getKey()), new Random(SEED ^ Long.parseLong(la.getKey()) * 7919)));
        }
        settings.registerAll(drafts, "demo register generated from DfE SEN2 2025");
        return drafts.size();
    }

    private DemoProviders registerProviders(Random random) {
        List<ProviderDraft> drafts = new ArrayList<>();
        Map<String, List<Integer>> trustIndexes = new LinkedHashMap<>();
        for (ReferenceData.Region region : reference.regions()) {
            for (int i = 1; i <= 6; i++) {
                trustIndexes.computeIfAbsent(region.code(), k -> new ArrayList<>()).add(drafts.size());
                drafts.add(new ProviderDraft("Demo " + region.name() + " Academy Trust " + i, null, ProviderKind.ACADEMY_TRUST, false, null, true));
            }
        }
        List<Integer> groups = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            boolean forProfit = random.nextDouble() < 0.7;  // most independent special places are with for-profit groups
            groups.add(drafts.size());
            drafts.add(new ProviderDraft(String.format("Demo Independent Education Group %02d%s", i, forProfit ? " Ltd" : " (charity)"),
                    String.format("DM%06d", i), ProviderKind.INDEPENDENT, forProfit, null, true));
        }
        List<Integer> charities = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            charities.add(drafts.size());
            drafts.add(new ProviderDraft(String.format("Demo Special Schools Charity %02d", i), String.format("DC%06d", i), ProviderKind.NON_MAINTAINED, false, null, true));
        }
        List<Integer> colleges = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            boolean forProfit = random.nextDouble() < 0.3;
            colleges.add(drafts.size());
            drafts.add(new ProviderDraft(String.format("Demo Specialist College Group %02d", i), String.format("DF%06d", i), ProviderKind.FURTHER_EDUCATION, forProfit, null, true));
        }
        List<Long> ids = settings.registerProviders(drafts, "demo register");
        Map<String, List<Long>> trusts = new LinkedHashMap<>();
        trustIndexes.forEach((region, indexes) -> trusts.put(region, indexes.stream().map(ids::get).toList()));
        return new DemoProviders(trusts, groups.stream().map(ids::get).toList(), charities.stream().map(ids::get).toList(),
                colleges.stream().map(ids::get).toList());
    }

    /** Each LA is the real provider of its maintained settings; these records are not demo. */
    private Map<String, Long> registerLaProviders(Iterable<String> laCodes) {
        List<String> codes = new ArrayList<>();
        laCodes.forEach(codes::add);
        List<ProviderDraft> drafts = codes.stream().map(code -> new ProviderDraft(
                reference.localAuthority(code).orElseThrow().name() + " (local authority)", null, ProviderKind.LOCAL_AUTHORITY, false, code, false)).toList();
        List<Long> ids = settings.registerProviders(drafts, "local authority providers for the demo register");
        Map<String, Long> byLa = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            byLa.put(codes.get(i), ids.get(i));
        }
        return byLa;
    }

    private List<SettingDraft> settingsFor(LocalAuthority la, Map<String, int[]> byType, DemoProviders providers, long laProvider, Random random) {
        List<SettingDraft> drafts = new ArrayList<>();
        List<PostcodeDistrict> districts = reference.districtsOf(la.code());
        long population = districts.stream().mapToLong(PostcodeDistrict::population).sum();
        int sequence = 0;
        for (String type : List.of("STATE_SPECIAL", "RESOURCED_PROVISION", "SEN_UNIT", "NON_MAINTAINED_SPECIAL",
                "INDEPENDENT_SPECIAL", "ALTERNATIVE_PROVISION", "SPECIALIST_POST_16")) {
            int[] counts = byType.get(type);
            if (counts == null) {
                continue;
            }
            SettingProfile profile = SettingProfile.BY_TYPE.get(type);
            for (Map<String, Integer> children : groupIntoSettings(counts, profile.typicalSize())) {
                sequence++;
                if (sequence > 999) {
                    throw new IllegalStateException("LA " + la.code() + " needs more than 999 demo settings: its URN block would overflow");
                }
                AgeBand ages = pick(profile.ages(), random);
                List<Phase> phases = reference.phasesOverlapping(ages.youngest(), ages.oldest());
                boolean full = random.nextDouble() < 0.25;
                List<PlaceDraft> places = new ArrayList<>();
                for (var need : children.entrySet()) {
                    int occupied = need.getValue();
                    int spare = full ? 0 : (int) Math.ceil(occupied * profile.vacancyRate() * (0.5 + random.nextDouble()));
                    places.addAll(spread(need.getKey(), phases, ages, occupied + spare, occupied));
                }
                PostcodeDistrict district = pickDistrict(districts, population, random);
                int easting = GridPoints.clampEasting(district.centroid().easting() + (int) (random.nextGaussian() * 800));
                int northing = GridPoints.clampNorthing(district.centroid().northing() + (int) (random.nextGaussian() * 800));
                String primaryNeed = children.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                String name = la.name() + " Demo " + profile.label() + " " + sequence + " (" + primaryNeed + (children.size() > 1 ? " and more" : "") + ")";
                drafts.add(new SettingDraft(9_000_000 + Integer.parseInt(la.code()) * 1000 + sequence, name, type,
                        reference.settingType(type).defaultSector(),
                        provider(type, profile, la, laProvider, providers, random),
                        la.code(), reference.nearestDistrict(la.code(), easting, northing).outcode(), easting, northing,
                        ages.youngest(), ages.oldest(), random.nextDouble() < profile.boysOnlyShare() ? Gender.BOYS : Gender.MIXED,
                        random.nextDouble() < profile.boardingShare(), ofsted(random), RegistrationStatus.OPEN, RecordSource.DEMO, places));
            }
        }
        return drafts;
    }

    /** An LA's SEN2 children by setting type, with those AP is not for moved to state special schools (a copy). */
    static Map<String, int[]> plausible(Map<String, int[]> byType) {
        Map<String, int[]> result = new LinkedHashMap<>();
        byType.forEach((type, counts) -> result.put(type, counts.clone()));
        int[] ap = result.get("ALTERNATIVE_PROVISION");
        if (ap == null) {
            return result;
        }
        for (int i = 0; i < ap.length; i++) {
            if (ap[i] > 0 && !ALTERNATIVE_PROVISION_NEEDS.contains(NEEDS.get(i))) {
                result.computeIfAbsent("STATE_SPECIAL", type -> new int[NEEDS.size()])[i] += ap[i];
                ap[i] = 0;
            }
        }
        return result;
    }

    /**
     * Splits an LA's children of one setting kind into settings: a need with enough children for settings of typical
     * size gets its own specialist settings; the needs with fewer share mixed settings.
     */
    static List<Map<String, Integer>> groupIntoSettings(int[] counts, int typicalSize) {
        List<Map<String, Integer>> settings = new ArrayList<>();
        Map<String, Integer> pooled = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            int n = counts[i];
            int specialist = (int) Math.round((double) n / typicalSize);
            if (specialist == 0) {
                if (n > 0) {
                    pooled.put(NEEDS.get(i), n);
                }
                continue;
            }
            for (int s = 0; s < specialist; s++) {
                settings.add(new LinkedHashMap<>(Map.of(NEEDS.get(i), share(n, specialist, s))));
            }
        }
        int pooledTotal = pooled.values().stream().mapToInt(Integer::intValue).sum();
        if (pooledTotal > 0) {
            int mixed = Math.max(1, (int) Math.round((double) pooledTotal / typicalSize));
            List<Map<String, Integer>> mixedSettings = new ArrayList<>();
            for (int s = 0; s < mixed; s++) {
                mixedSettings.add(new LinkedHashMap<>());
            }
            for (var need : pooled.entrySet()) {
                for (int s = 0; s < mixed; s++) {
                    int part = share(need.getValue(), mixed, s);
                    if (part > 0) {
                        mixedSettings.get(s).put(need.getKey(), part);
                    }
                }
            }
            mixedSettings.stream().filter(m -> !m.isEmpty()).forEach(settings::add);
        }
        return settings;
    }

    /** Places for one need spread over the phases by the years of age each phase covers within the setting's range. */
    static List<PlaceDraft> spread(String need, List<Phase> phases, AgeBand ages, int capacity, int occupied) {
        int[] years = new int[phases.size()];
        int totalYears = 0;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            years[i] = Math.min(phase.ageTo(), ages.oldest()) - Math.max(phase.ageFrom(), ages.youngest()) + 1;
            totalYears += years[i];
        }
        List<PlaceDraft> places = new ArrayList<>();
        int capacityLeft = capacity;
        int occupiedLeft = occupied;
        for (int i = 0; i < phases.size(); i++) {
            boolean last = i == phases.size() - 1;
            int cap = last ? capacityLeft : (int) Math.round((double) capacity * years[i] / totalYears);
            int occ = last ? occupiedLeft : Math.min(cap, (int) Math.round((double) occupied * years[i] / totalYears));
            cap = Math.min(cap, capacityLeft);
            occ = Math.min(occ, Math.min(cap, occupiedLeft));
            capacityLeft -= cap;
            occupiedLeft -= occ;
            if (last && occupiedLeft > 0) {
                // rounding left children over: give them room in the last phase
                cap += occupiedLeft;
                occ += occupiedLeft;
                occupiedLeft = 0;
            }
            if (cap > 0) {
                places.add(new PlaceDraft(need, phases.get(i).code(), cap, occ));
            }
        }
        return places;
    }

    private long provider(String type, SettingProfile profile, LocalAuthority la, long laProvider, DemoProviders providers, Random random) {
        return switch (type) {
            case "INDEPENDENT_SPECIAL" -> skewedPick(providers.independentGroups(), random);
            case "NON_MAINTAINED_SPECIAL" -> providers.charities().get(random.nextInt(providers.charities().size()));
            case "SPECIALIST_POST_16" -> providers.colleges().get(random.nextInt(providers.colleges().size()));
            default -> {
                if (random.nextDouble() < profile.laMaintainedShare()) {
                    yield laProvider;
                }
                List<Long> trusts = providers.academyTrustsByRegion().get(la.regionCode());
                yield trusts.get(random.nextInt(trusts.size()));
            }
        };
    }

    /** A few large groups and a long tail, as in the independent special school market. */
    private static long skewedPick(List<Long> groups, Random random) {
        double u = random.nextDouble();
        return groups.get((int) (groups.size() * u * u));
    }

    private static OfstedRating ofsted(Random random) {
        double u = random.nextDouble();
        return u < 0.2 ? OfstedRating.OUTSTANDING : u < 0.85 ? OfstedRating.GOOD : u < 0.95 ? OfstedRating.REQUIRES_IMPROVEMENT : OfstedRating.INADEQUATE;
    }

    private static AgeBand pick(List<AgeBand> bands, Random random) {
        double u = random.nextDouble() * bands.stream().mapToDouble(AgeBand::weight).sum();
        for (AgeBand band : bands) {
            u -= band.weight();
            if (u <= 0) {
                return band;
            }
        }
        return bands.getLast();
    }

    private static PostcodeDistrict pickDistrict(List<PostcodeDistrict> districts, long population, Random random) {
        if (population == 0) {
            return districts.get(random.nextInt(districts.size()));
        }
        long target = (long) (random.nextDouble() * population);
        for (PostcodeDistrict district : districts) {
            target -= district.population();
            if (target < 0) {
                return district;
            }
        }
        return districts.stream().max(Comparator.comparingInt(PostcodeDistrict::population)).orElseThrow();
    }

    private static int share(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }
}
