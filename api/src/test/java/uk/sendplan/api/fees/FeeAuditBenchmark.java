package uk.sendplan.api.fees;

import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.api.kernel.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.benchmark.BenchmarkReport;
import uk.sendplan.api.fees.FeeRepository.NewFee;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.SettingDraft;
import uk.sendplan.api.settings.SettingDraft.PlaceDraft;
import uk.sendplan.api.settings.BulkRegistration;
import uk.sendplan.api.settings.BulkRegistration.ProviderDraft;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A national fee audit over 10,000 fee submissions of independent, non-maintained and specialist post-16 settings,
 * priced like the demo (most within the reference, a fifth above it, some above the ceiling, a few steep rises), with
 * last year's fees for most of them. Run with the benchmark profile (README); writes its section of docs/benchmarks.md.
 */
class FeeAuditBenchmark extends GraphQlTestBase {

    static final int FEES = 10_000;
    static final String LAST_YEAR = "2060-61";
    static final String YEAR = "2061-62";
    static final int FIRST_URN = 700_001;
    static final int RUNS = 3;

    @Autowired
    BulkRegistration settings;
    @Autowired
    FeeSchedules schedules;
    @Autowired
    SettingFactsLoader settingFacts;
    @Autowired
    ReferenceData reference;
    @Autowired
    uk.sendplan.api.system.CurrentUser currentUser;

    @Test
    void auditTenThousandFees() {
        Random random = new Random(42);
        String demoFramework = graphQl.documentName("publishedRateFramework").variable("financialYear", DemoFees.CURRENT_YEAR).execute()
                .path("publishedRateFramework.id").entity(String.class).get();
        FeeFixtures fixtures = new FeeFixtures(graphQl);
        for (String year : List.of(LAST_YEAR, YEAR)) {
            String id = graphQl.documentName("createRateFramework").variable("input", Map.of("financialYear", year,
                    "name", "Benchmark framework", "copyFromId", demoFramework)).execute()
                    .path("createRateFramework.framework.id").entity(String.class).get();
            fixtures.publish(id);
        }

        long t0 = System.nanoTime();
        // generated data goes in as the service's own bulk load does, outside any user's request
        List<SettingDraft> drafts = new ArrayList<>();
        List<NewFee> fees = new ArrayList<>();
        currentUser.asSystem("fee-audit-benchmark", () -> {
            drafts.addAll(settingsFor(providers(random), random));
            settings.registerAll(drafts, "fee audit benchmark");
            fees.addAll(feesFor(drafts, random));
            schedules.load(fees, settingFacts.load(drafts.stream().map(SettingDraft::urn).toList()), "fee audit benchmark");
        });
        int thisYear = (int) fees.stream().filter(f -> f.financialYear().equals(YEAR)).count();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(thisYear).isEqualTo(FEES);

        List<Double> seconds = new ArrayList<>();
        String auditId = null;
        int opened = 0;
        int raised = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            var audit = as("regulator").documentName("runFeeAudit").variable("financialYear", YEAR).execute();
            seconds.add((System.nanoTime() - start) / 1e9);
            audit.path("runFeeAudit.audit.feesChecked").entity(Integer.class).isEqualTo(FEES);
            if (run == 0) {
                auditId = audit.path("runFeeAudit.audit.id").entity(String.class).get();
                opened = audit.path("runFeeAudit.audit.findingsOpened").entity(Integer.class).get();
            } else {
                raised = audit.path("runFeeAudit.audit.findingsAlreadyRaised").entity(Integer.class).isEqualTo(opened).get();
            }
        }
        String verdicts = verdicts(auditId);

        long start = System.nanoTime();
        String csv = as("regulator").documentName("feeFindingsCsv").variable("filter", Map.of("auditId", auditId)).execute()
                .path("feeFindingsCsv").entity(String.class).get();
        double csvSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(csv.lines().count()).isEqualTo(opened + 1L);
        assertThat(seconds.getFirst()).as("first audit of %d fees", FEES).isLessThan(5.0);

        BenchmarkReport.write("fees-benchmark", String.format(Locale.ROOT, """
                ## Fees: a national fee audit over 10,000 submissions (issue 4)

                Command: `./mvnw -B -Pbenchmark verify -pl api -am -Dbenchmark=FeeAuditBenchmark`
                Machine: %s

                %,d generated settings (independent special 64%%, non-maintained special 16%%, specialist post-16 20%%,
                in random LAs; 85 providers, most for-profit) with %,d fees for %s and %,d for %s, priced like the
                demo against a copy of the illustrative framework, loaded in %.1f s (each checked on submission, with
                audit records). `runFeeAudit(financialYear: "%s")` over GraphQL/HTTP on embedded PostgreSQL 17, which
                also holds the demo data. The time covers reading the fees and settings, checking every fee, storing
                10,000 checks, opening findings with their audit records, and answering verdict counts, statistics
                (band x kind x region) and the providers with most findings.

                | run | time | findings opened | already raised |
                |---|---|---|---|
                | first (opens the findings) | **%.2f s** | %,d | 0 |
                | second | %.2f s | 0 | %,d |
                | third | %.2f s | 0 | %,d |

                Verdicts: %s. Exporting the %,d findings as CSV: %.2f s. Target: the audit within 5 s.
                """, BenchmarkReport.machine(), drafts.size(), fees.size() - FEES, LAST_YEAR, FEES, YEAR, loadSeconds, YEAR,
                seconds.get(0), opened, seconds.get(1), raised, seconds.get(2), raised, verdicts, opened, csvSeconds));
    }

    /** "775 ABOVE_CEILING, 460 UPLIFT_ABOVE_CAP, ...". */
    private String verdicts(String auditId) {
        List<String> verdicts = as("regulator").documentName("feeAudit").variable("id", auditId).execute()
                .path("feeAudit.verdicts[*].verdict").entityList(String.class).get();
        List<Integer> counts = as("regulator").documentName("feeAudit").variable("id", auditId).execute()
                .path("feeAudit.verdicts[*].fees").entityList(Integer.class).get();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            parts.add(String.format(Locale.ROOT, "%,d %s", counts.get(i), verdicts.get(i)));
        }
        return String.join(", ", parts);
    }

    private record Providers(List<Long> groups, List<Long> charities, List<Long> colleges) {
    }

    private Providers providers(Random random) {
        List<ProviderDraft> drafts = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            drafts.add(new ProviderDraft("Benchmark Education Group " + i, null, ProviderKind.INDEPENDENT, random.nextDouble() < 0.7, null, false));
        }
        for (int i = 1; i <= 15; i++) {
            drafts.add(new ProviderDraft("Benchmark Special Schools Charity " + i, null, ProviderKind.NON_MAINTAINED, false, null, false));
        }
        for (int i = 1; i <= 10; i++) {
            drafts.add(new ProviderDraft("Benchmark Specialist College " + i, null, ProviderKind.FURTHER_EDUCATION, random.nextDouble() < 0.3, null, false));
        }
        List<Long> ids = settings.registerProviders(drafts, "fee audit benchmark");
        return new Providers(ids.subList(0, 60), ids.subList(60, 75), ids.subList(75, 85));
    }

    /** Enough settings for 10,000 fees this year: five day (or post-16) bands each, residential bands too where boarding. */
    private List<SettingDraft> settingsFor(Providers providers, Random random) {
        List<LocalAuthority> las = reference.localAuthorities();
        List<String> needs = List.of("ASD", "SEMH", "SLD", "MLD", "SLCN", "PD");
        List<SettingDraft> drafts = new ArrayList<>();
        int fees = 0;
        for (int urn = FIRST_URN; fees < FEES; urn++) {
            double u = random.nextDouble();
            String type = u < 0.64 ? "INDEPENDENT_SPECIAL" : u < 0.80 ? "NON_MAINTAINED_SPECIAL" : "SPECIALIST_POST_16";
            boolean boarding = random.nextDouble() < 0.25;
            long provider = switch (type) {
                case "INDEPENDENT_SPECIAL" -> providers.groups().get((int) (60 * Math.pow(random.nextDouble(), 2)));
                case "NON_MAINTAINED_SPECIAL" -> providers.charities().get(random.nextInt(15));
                default -> providers.colleges().get(random.nextInt(10));
            };
            boolean post16 = type.equals("SPECIALIST_POST_16");
            drafts.add(new SettingDraft(urn, "Benchmark " + type + " " + urn, type, reference.settingType(type).defaultSector(), provider,
                    las.get(random.nextInt(las.size())).code(), null, null, null, post16 ? 16 : 7, post16 ? 25 : 18, Gender.MIXED, boarding, null,
                    RegistrationStatus.OPEN, RecordSource.MANUAL, List.of(new PlaceDraft(needs.get(random.nextInt(needs.size())), post16 ? "POST_16" : "SECONDARY", 40, 36))));
            fees += 5 + (boarding ? 3 : 0);
        }
        return drafts;
    }

    /** This year's fees (exactly 10,000) and last year's for 85% of them. */
    private List<NewFee> feesFor(List<SettingDraft> drafts, Random random) {
        List<NewFee> fees = new ArrayList<>();
        int thisYear = 0;
        for (SettingDraft setting : drafts) {
            String region = reference.localAuthority(setting.laCode()).orElseThrow().regionCode();
            BigDecimal area = DemoFees.AREA_COST.getOrDefault(region, BigDecimal.ONE);
            double u = random.nextDouble();
            double position = u < 0.72 ? 0.86 + 0.13 * random.nextDouble() : u < 0.92 ? 1.02 + 0.13 * random.nextDouble() : 1.22 + 0.10 * random.nextDouble();
            String justification = position > 1 && position < 1.2 && random.nextBoolean() ? "Benchmark: enhanced staffing" : null;
            boolean steepRise = random.nextDouble() < 0.06;
            List<ProvisionKind> kinds = new ArrayList<>(List.of(setting.type().equals("SPECIALIST_POST_16") ? ProvisionKind.POST_16 : ProvisionKind.DAY));
            if (setting.boarding()) {
                kinds.add(random.nextBoolean() ? ProvisionKind.RESIDENTIAL_38_WEEK : ProvisionKind.RESIDENTIAL_52_WEEK);
            }
            for (ProvisionKind kind : kinds) {
                int[] references = DemoFees.REFERENCE_2026.get(kind);
                for (int band = kind == ProvisionKind.RESIDENTIAL_38_WEEK || kind == ProvisionKind.RESIDENTIAL_52_WEEK ? 3 : 1; band <= 5 && thisYear < FEES; band++) {
                    BigDecimal factor = BigDecimal.valueOf(position * (1 + (random.nextDouble() - 0.5) * 0.03));
                    long current = pounds(BigDecimal.valueOf(references[band - 1]).multiply(area).multiply(factor));
                    fees.add(new NewFee(setting.urn(), YEAR, band, kind, 1, current, null, justification, null));
                    thisYear++;
                    if (random.nextDouble() < 0.85) {
                        double uplift = steepRise ? 0.07 + 0.07 * random.nextDouble() : 0.02 + 0.025 * random.nextDouble();
                        long previous = pounds(Money.pounds(current).divide(BigDecimal.valueOf(1 + uplift), 6, RoundingMode.HALF_UP));
                        fees.add(new NewFee(setting.urn(), LAST_YEAR, band, kind, 1, previous, null, justification, null));
                    }
                }
            }
        }
        return fees;
    }

    private static long pounds(BigDecimal pounds) {
        return pounds.setScale(0, RoundingMode.HALF_UP).longValueExact() * 100;
    }
}
