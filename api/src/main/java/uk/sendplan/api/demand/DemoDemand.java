package uk.sendplan.api.demand;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.kernel.GridPoints;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData.PostcodeDistrict;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingService.PlanningSetting;
import org.springframework.beans.factory.annotation.Value;
import uk.sendplan.api.reference.Sen2Placements;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.jooq.tables.records.PlacementRequestRecord;
import uk.sendplan.db.types.ChildGender;
import uk.sendplan.db.types.RequestStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST;

/**
 * Realistic pseudonymous demand for a demo: children who need a specialist place in one LA, with needs in the
 * proportions of that LA's real specialist placements (DfE SEN2 2025, as the demo register uses), ages peaking at
 * the transfer ages, homes in the LA's postcode districts weighted by population (rounded to 100 m), and some
 * children with a current setting or family preferences among nearby settings. Seeded: the same LA, count and
 * seed give the same requests.
 */
@Service
public class DemoDemand {

    static final int MAX_COUNT = 20_000;
    private static final double PREFERENCE_RADIUS_M = 15_000;

    public record GenerateDemoDemandPayload(int created, String firstReference) {
    }

    private final DemandService demand;
    private final DemandRepository requests;
    private final ReferenceData reference;
    private final SettingService settings;
    private final Access access;
    private final boolean demoEnabled;

    DemoDemand(DemandService demand, DemandRepository requests, ReferenceData reference, SettingService settings, Access access,
               @Value("${send.demo.enabled:true}") boolean demoEnabled) {
        this.demand = demand;
        this.requests = requests;
        this.reference = reference;
        this.settings = settings;
        this.access = access;
        this.demoEnabled = demoEnabled;
    }

    @Transactional
    public GenerateDemoDemandPayload generate(String laCode, int count, String startTerm, int seed) {
        LocalAuthority la = reference.requireLocalAuthority("laCode", laCode);
        access.requireCommissionerOf("generateDemoDemand", laCode);
        if (!demoEnabled) {
            throw ApiException.forbidden("generateDemoDemand: demo data is switched off in this service (send.demo.enabled=false)");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw ApiException.badRequest("count", "must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        String termProblem = DemandRules.startTermProblem(startTerm);
        if (termProblem != null) {
            throw ApiException.badRequest("startTerm", termProblem);
        }
        Random random = new Random(seed * 1_000_003L + Long.parseLong(laCode));
        double[] needMix = needMix(laCode);
        List<PostcodeDistrict> districts = reference.districtsOf(laCode);
        long population = districts.stream().mapToLong(PostcodeDistrict::population).sum();
        List<PlanningSetting> nearby = settings.openSettingsNear(List.of(laCode), (int) PREFERENCE_RADIUS_M);

        int next = requests.count(PLACEMENT_REQUEST.LA_CODE.eq(laCode).and(PLACEMENT_REQUEST.REFERENCE.like("DEMO-" + laCode + "-%"))) + 1;
        List<PlacementRequestRecord> records = new ArrayList<>();
        List<List<Integer>> preferences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String need = NEEDS.get(pick(needMix, random));
            int age = age(random);
            PostcodeDistrict district = district(districts, population, random);
            int easting = GridPoints.round100(GridPoints.clampEasting(district.centroid().easting() + (int) (random.nextGaussian() * 1500)));
            int northing = GridPoints.round100(GridPoints.clampNorthing(district.centroid().northing() + (int) (random.nextGaussian() * 1500)));

            PlacementRequestRecord r = new PlacementRequestRecord();
            r.setLaCode(la.code());
            r.setReference(String.format("DEMO-%s-%05d", laCode, next + i));
            r.setPrimaryNeed(need);
            r.setSecondaryNeed(random.nextDouble() < 0.3 ? secondary(need, random) : null);
            r.setBand(band(need, random));
            r.setAge(age);
            r.setEasting(easting);
            r.setNorthing(northing);
            r.setGender(random.nextDouble() < 0.72 ? ChildGender.MALE : ChildGender.FEMALE);  // about 72% of EHC plans are for boys
            r.setNeedsBoarding(age >= 8 && random.nextDouble() < 0.02);
            r.setStartTerm(startTerm);
            r.setStatus(RequestStatus.OPEN);
            r.setDemo(true);
            r.setKeepCurrent(false);

            List<PlanningSetting> suitable = nearby.stream()
                    .filter(s -> s.needs().contains(need) && s.ageFrom() <= age && age <= s.ageTo())
                    .sorted(Comparator.comparingDouble(s -> squaredDistance(s, easting, northing)))
                    .filter(s -> squaredDistance(s, easting, northing) <= PREFERENCE_RADIUS_M * PREFERENCE_RADIUS_M)
                    .toList();
            boolean transferAge = age == 11 || age == 16;
            if (!transferAge && !suitable.isEmpty() && random.nextDouble() < 0.15) {
                // already in a specialist setting: a third stay there (keepCurrent), the rest may move
                PlanningSetting current = suitable.get(random.nextInt(Math.min(3, suitable.size())));
                r.setCurrentSettingUrn(current.urn());
                r.setKeepCurrent(random.nextDouble() < 0.33);
            }
            List<Integer> ranked = new ArrayList<>();
            if (!suitable.isEmpty() && random.nextDouble() < 0.6) {
                int wanted = 1 + random.nextInt(3);
                for (PlanningSetting s : suitable.subList(0, Math.min(suitable.size(), 6))) {
                    if (ranked.size() < wanted && random.nextDouble() < 0.6) {
                        ranked.add(s.urn());
                    }
                }
            }
            records.add(r);
            preferences.add(ranked);
        }
        demand.createAll(records, preferences, "demo demand generated (seed " + seed + ")");
        return new GenerateDemoDemandPayload(records.size(), records.getFirst().getReference());
    }

    static final List<String> NEEDS = Sen2Placements.needs();

    /** The LA's specialist placements by need (the demo register's source), as weights. */
    private double[] needMix(String laCode) {
        double[] mix = new double[NEEDS.size()];
        for (int[] counts : Sen2Placements.byLaAndType().getOrDefault(laCode, Map.of()).values()) {
            for (int i = 0; i < counts.length; i++) {
                mix[i] += counts[i];
            }
        }
        if (java.util.Arrays.stream(mix).sum() == 0) {
            java.util.Arrays.fill(mix, 1);
        }
        return mix;
    }

    /** Ages in the coming school year, peaking where children move on: reception (4), secondary (11), post-16 (16). */
    private static int age(Random random) {
        double u = random.nextDouble();
        if (u < 0.15) {
            return 4;
        }
        if (u < 0.40) {
            return 11;
        }
        if (u < 0.55) {
            return 16;
        }
        return 5 + random.nextInt(15);  // 5-19
    }

    static int band(String need, Random random) {
        double[] weights = switch (need) {
            case "PMLD", "MSI" -> new double[]{0, 0.05, 0.2, 0.4, 0.35};
            case "SLD" -> new double[]{0.05, 0.15, 0.35, 0.3, 0.15};
            case "SPLD", "SLCN", "MLD" -> new double[]{0.3, 0.35, 0.25, 0.08, 0.02};
            default -> new double[]{0.15, 0.25, 0.3, 0.2, 0.1};
        };
        return pick(weights, random) + 1;
    }

    private static String secondary(String primary, Random random) {
        String candidate;
        do {
            candidate = NEEDS.get(random.nextInt(NEEDS.size() - 1));
        } while (candidate.equals(primary));
        return candidate;
    }

    private static int pick(double[] weights, Random random) {
        double total = java.util.Arrays.stream(weights).sum();
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u <= 0 && weights[i] > 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static PostcodeDistrict district(List<PostcodeDistrict> districts, long population, Random random) {
        long target = (long) (random.nextDouble() * Math.max(1, population));
        for (PostcodeDistrict d : districts) {
            target -= d.population();
            if (target < 0) {
                return d;
            }
        }
        return districts.getLast();
    }

    private static double squaredDistance(PlanningSetting s, int easting, int northing) {
        double de = s.easting() - easting;
        double dn = s.northing() - northing;
        return de * de + dn * dn;
    }
}
