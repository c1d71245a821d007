package uk.sendplan.api.settings;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.benchmark.BenchmarkReport;
import uk.sendplan.api.reference.ReferenceData;

import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register at GIAS scale: import a 50,000-row extract in the real format through GraphQL, then search it by
 * need and distance. Run with the benchmark profile (README); writes its section of docs/benchmarks.md.
 */
class RegisterBenchmark extends GraphQlTestBase {

    static final int ROWS = 50_000;
    static final int SEARCHES = 300;

    @Autowired
    ReferenceData reference;

    /** Establishment types in the proportions of the real all-establishment extract (EduBase 2016 counts). */
    static final Object[][] TYPES = {
            {"Community school", 16557}, {"Voluntary aided school", 5117}, {"Other independent school", 3598},
            {"Academy converter", 3587}, {"Voluntary controlled school", 3138}, {"Welsh establishment", 2374},
            {"Foundation school", 2047}, {"Academy sponsor led", 1672}, {"Community special school", 1624},
            {"Pupil referral unit", 868}, {"Other independent special school", 813}, {"Local authority nursery school", 619},
            {"Further education", 486}, {"Free schools", 242}, {"Miscellaneous", 230}, {"Academy special converter", 154},
            {"Higher education institutions", 141}, {"Foundation special school", 107}, {"Non-maintained special school", 94},
            {"Special post 16 institution", 85}, {"Academy alternative provision converter", 44}, {"Academy special sponsor led", 40},
            {"Free schools alternative provision", 34}, {"Free schools special", 19}};
    static final String[] SEN = {"ASD - Autistic Spectrum Disorder", "SEMH - Social, Emotional and Mental Health",
            "SLCN - Speech, language and Communication", "MLD - Moderate Learning Difficulty", "SLD - Severe Learning Difficulty",
            "PMLD - Profound and Multiple Learning Difficulty", "SpLD - Specific Learning Difficulty", "HI - Hearing Impairment",
            "VI - Visual Impairment", "PD - Physical Disability", "MSI - Multi-Sensory Impairment", "OTH - Other Difficulty/Disability"};
    static final double[] SEN_WEIGHTS = {31.5, 20.7, 21.3, 10.6, 4.0, 1.3, 2.3, 1.4, 0.8, 3.9, 0.3, 1.2};

    @Test
    void importAndSearchAtGiasScale() {
        String csv = generate(new Random(42));
        double megabytes = csv.length() / 1e6;

        long t0 = System.nanoTime();
        var dry = graphQl.documentName("importSettings").variable("csv", csv).variable("dryRun", true).execute();
        double dryRunSeconds = (System.nanoTime() - t0) / 1e9;
        dry.path("importSettings.rejected").entity(Integer.class).isEqualTo(0);

        t0 = System.nanoTime();
        var real = graphQl.documentName("importSettings").variable("csv", csv).execute();
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        int created = real.path("importSettings.created").entity(Integer.class).get();
        int skipped = real.path("importSettings.skipped").entity(Integer.class).get();

        t0 = System.nanoTime();
        graphQl.documentName("importSettings").variable("csv", csv).execute()
                .path("importSettings.created").entity(Integer.class).isEqualTo(0);
        double reimportSeconds = (System.nanoTime() - t0) / 1e9;

        Random random = new Random(7);
        List<ReferenceData.LocalAuthority> las = reference.localAuthorities();
        String[] needs = {"ASD", "SEMH", "SLCN", "MLD", "SLD", "PD"};
        List<Double> latencies = new ArrayList<>();
        int totalHits = 0;
        for (int i = 0; i < SEARCHES + 20; i++) {
            var la = las.get(random.nextInt(las.size()));
            Map<String, Object> filter = Map.of("need", needs[random.nextInt(needs.length)], "hasVacancy", true,
                    "near", Map.of("easting", la.location().easting(), "northing", la.location().northing(), "withinKm", 25));
            long s = System.nanoTime();
            int count = graphQl.documentName("settings").variable("filter", filter).variable("first", 20).execute()
                    .path("settings.totalCount").entity(Integer.class).get();
            if (i >= 20) {  // the first 20 warm up the JIT and caches
                latencies.add((System.nanoTime() - s) / 1e6);
                totalHits += count;
            }
        }
        latencies.sort(null);
        double p50 = latencies.get(latencies.size() / 2);
        double p95 = latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1);
        assertThat(created).isGreaterThan(3000);

        BenchmarkReport.write("register-benchmark", String.format(Locale.ROOT, """
                ## Register: GIAS import and settings search (issue 2)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=RegisterBenchmark`
                Machine: %s

                A generated %,d-row extract in the real GIAS all-establishment format (139 columns, all quoted; establishment
                types in the proportions of the real extract, about a quarter closed; %.1f MB), sent as one GraphQL request
                over HTTP to the service on embedded PostgreSQL 17, which already holds the demo register.

                | step | time | rows per second |
                |---|---|---|
                | dry run (parse, check, compare; writes nothing) | %.2f s | %,.0f |
                | import (%,d settings created with places, providers and audit records; %,d rows skipped) | %.2f s | %,.0f |
                | same file again (all unchanged) | %.2f s | %,.0f |

                `settings` search, %d queries after 20 warm-up: need + has vacancy + within 25 km of a random LA centre,
                first 20 results nearest first with totalCount (mean %.0f matches), over HTTP:
                **p50 %.1f ms, p95 %.1f ms**.
                """, BenchmarkReport.machine(), ROWS, megabytes, dryRunSeconds, ROWS / dryRunSeconds, created, skipped,
                importSeconds, ROWS / importSeconds, reimportSeconds, ROWS / reimportSeconds, SEARCHES,
                (double) totalHits / SEARCHES, p50, p95));
    }

    private String generate(Random random) {
        GiasRows rows = new GiasRows();
        List<ReferenceData.LocalAuthority> las = reference.localAuthorities();
        int totalWeight = 0;
        for (Object[] type : TYPES) {
            totalWeight += (Integer) type[1];
        }
        for (int i = 0; i < ROWS; i++) {
            int pick = random.nextInt(totalWeight);
            String type = null;
            for (Object[] t : TYPES) {
                pick -= (Integer) t[1];
                if (pick < 0) {
                    type = (String) t[0];
                    break;
                }
            }
            var la = las.get(random.nextInt(las.size()));
            String lower = type.toLowerCase(Locale.ROOT);
            boolean special = lower.contains("special") || lower.contains("referral") || lower.contains("alternative");
            boolean post16 = lower.startsWith("special post 16");
            int low = post16 ? 16 : lower.contains("nursery") ? 2 : random.nextBoolean() ? 4 : 11;
            int high = post16 ? 25 : low == 2 ? 5 : low == 4 ? (special ? 19 : 11) : (special ? 19 : 16);
            Map<String, String> values = new HashMap<>();
            values.put("URN", String.valueOf(100_000 + i));
            values.put("LA (code)", type.equals("Welsh establishment") ? String.valueOf(660 + random.nextInt(22)) : la.code());
            values.put("LA (name)", la.name());
            values.put("EstablishmentNumber", String.valueOf(1000 + random.nextInt(8000)));
            values.put("EstablishmentName", "Generated " + type + " " + i);
            values.put("TypeOfEstablishment (name)", type);
            double u = random.nextDouble();
            values.put("EstablishmentStatus (name)", u < 0.74 ? "Open" : u < 0.75 ? "Open, but proposed to close" : u < 0.76 ? "Proposed to open" : "Closed");
            values.put("StatutoryLowAge", String.valueOf(low));
            values.put("StatutoryHighAge", String.valueOf(high));
            values.put("Gender (name)", random.nextDouble() < 0.05 ? "Boys" : "Mixed");
            values.put("Boarders (name)", special && random.nextDouble() < 0.1 ? "Boarding school" : "No boarders");
            int capacity = special ? 40 + random.nextInt(160) : 150 + random.nextInt(1200);
            values.put("SchoolCapacity", String.valueOf(capacity));
            values.put("NumberOfPupils", String.valueOf((int) (capacity * (0.8 + random.nextDouble() * 0.25))));
            if (!special && random.nextDouble() < 0.08) {
                boolean unit = random.nextDouble() < 0.35;
                int places = 8 + random.nextInt(14);
                values.put("TypeOfResourcedProvision (name)", unit ? "SEN unit" : "Resourced provision");
                values.put(unit ? "SenUnitCapacity" : "ResourcedProvisionCapacity", String.valueOf(places));
                values.put(unit ? "SenUnitOnRoll" : "ResourcedProvisionOnRoll", String.valueOf(places - random.nextInt(4)));
            }
            if (special || values.containsKey("TypeOfResourcedProvision (name)")) {
                int needs = 1 + random.nextInt(3);
                for (int n = 1; n <= needs; n++) {
                    values.put("SEN" + n + " (name)", SEN[weighted(random)]);
                }
            }
            values.put("Postcode", "AB1 2CD");
            values.put("Easting", String.valueOf(Math.max(0, la.location().easting() + (int) (random.nextGaussian() * 8000))));
            values.put("Northing", String.valueOf(Math.max(0, la.location().northing() + (int) (random.nextGaussian() * 8000))));
            values.put("OfstedRating (name)", random.nextBoolean() ? "Good" : "Outstanding");
            values.put("PropsName", lower.contains("independent") ? "Generated Proprietor " + random.nextInt(400) : "");
            values.put("Trusts (name)", lower.startsWith("academy") || lower.startsWith("free") ? "Generated Trust " + random.nextInt(1500) : "");
            rows.row(values);
        }
        return rows.csv();
    }

    private static int weighted(Random random) {
        double u = random.nextDouble() * 99.3;
        for (int i = 0; i < SEN_WEIGHTS.length; i++) {
            u -= SEN_WEIGHTS[i];
            if (u <= 0) {
                return i;
            }
        }
        return SEN_WEIGHTS.length - 1;
    }
}
