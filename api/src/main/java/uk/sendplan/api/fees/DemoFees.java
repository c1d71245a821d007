package uk.sendplan.api.fees;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.fees.FeeChecker.SettingFacts;
import uk.sendplan.api.fees.FeeInputs.PublishRateFrameworkInput;
import uk.sendplan.api.fees.FeeRepository.NewFee;
import uk.sendplan.api.fees.FeeView.Breakdown;
import uk.sendplan.api.fees.RateFrameworkView.AreaAdjustment;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.api.fees.RateFrameworks.FrameworkDraft;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demonstration fees on the demo register: an ILLUSTRATIVE national rates framework (not government policy) published
 * for 2025-26 and 2026-27 with a 2027-28 draft for a regulator to publish, and fee schedules for every demo setting for
 * the two published years, so uplifts can be checked. Levels follow public figures: local authorities' median spend
 * per independent or non-maintained special placement was about £59k in 2021-22 (DfE S251 benchmarking); state special
 * places about £25k; resourced provision and units about £15k (£6k place funding plus top-up); AP about £20k. Most
 * regulated fees are within the reference; some are above it (half with a justification), a few above the ceiling and
 * a few rose more than the cap. From 2026-27 the framework also caps surplus at 8% of the fee and requires a cost
 * breakdown from independent providers (£1.00 allowed for rounding): most independent settings give one, a few do not,
 * a few state a surplus above the cap and a few a breakdown that leaves costs out. Every band has a national tariff for
 * state settings' fees ({@link #STATE_TARIFF_2026}); the dearest and cheapest state settings fall outside it. Seeded: the same register always gets
 * the same fees.
 */
@Component
public class DemoFees {

    static final long SEED = 20_261_122L * 31;
    static final String CURRENT_YEAR = "2026-27";
    static final String LAST_YEAR = "2025-26";
    static final String NEXT_YEAR = "2027-28";
    static final String NAME = "Illustrative national rates framework";
    /** The illustrative surplus and transparency rules of 2026-27 and 2027-28 (2025-26 had none). */
    static final RateFrameworkView.Transparency TRANSPARENCY = new RateFrameworkView.Transparency(new BigDecimal("8.00"),
            List.of(ProviderKind.INDEPENDENT), 100);
    /** Its own seed, so the draws for the new rules leave every fee amount and the rest of the demo as they were. */
    static final long TRANSPARENCY_SEED = 20_261_201L * 37;
    static final double MISSING_SHARE = 0.05;
    static final double SURPLUS_SHARE = 0.06;
    static final double INCONSISTENT_SHARE = 0.05;
    static final String JUSTIFICATION = "Demo: waking-night staffing, 1:1 support and on-site speech and language and occupational therapy for complex needs.";

    /** 2026-27 reference rates in pounds by kind and complexity 1-5 (0: no band); ceilings are 20% higher. */
    static final Map<ProvisionKind, int[]> REFERENCE_2026 = new EnumMap<>(Map.of(
            ProvisionKind.DAY, new int[]{44_000, 52_000, 60_000, 70_000, 84_000},
            ProvisionKind.RESIDENTIAL_38_WEEK, new int[]{0, 0, 96_000, 112_000, 134_000},
            ProvisionKind.RESIDENTIAL_52_WEEK, new int[]{0, 0, 150_000, 175_000, 210_000},
            ProvisionKind.POST_16, new int[]{28_000, 34_000, 40_000, 48_000, 58_000},
            ProvisionKind.ALTERNATIVE_PROVISION, new int[]{16_000, 19_000, 22_000, 26_000, 30_000}));
    static final BigDecimal CEILING_FACTOR = new BigDecimal("1.20");
    /** Sensory impairment specialists cost more at the highest complexity: one need-specific band shows how bands work. */
    static final int SENSORY_DAY_5_REFERENCE = 92_000;
    static final List<String> SENSORY_NEEDS = List.of("HI", "VI", "MSI");
    static final Map<String, BigDecimal> AREA_COST = Map.of("E12000007", new BigDecimal("1.120"), "E12000008", new BigDecimal("1.050"),
            "E12000006", new BigDecimal("1.030"));

    /**
     * 2026-27 national tariffs for state settings' fees (place funding plus top-up) in pounds, {min, max} by kind and
     * complexity 1-5. Each spans the state fees below of its kind and band, special schools' and units' alike, a little
     * inside their spread (each setting's level is 90% to 110% of them), so the dearest and cheapest fall outside.
     */
    static final Map<ProvisionKind, int[][]> STATE_TARIFF_2026 = new EnumMap<>(Map.of(
            ProvisionKind.DAY, new int[][]{{11_000, 19_000}, {14_000, 23_000}, {17_000, 27_000}, {26_500, 31_500}, {30_500, 36_000}},
            ProvisionKind.RESIDENTIAL_38_WEEK, new int[][]{null, null, {47_500, 56_500}, {55_000, 65_000}, {64_000, 76_000}},
            ProvisionKind.RESIDENTIAL_52_WEEK, new int[][]{null, null, {70_000, 90_000}, {80_000, 100_000}, {92_000, 115_000}},
            ProvisionKind.POST_16, new int[][]{{10_000, 16_000}, {13_000, 20_000}, {16_000, 24_000}, {20_000, 29_000}, {24_000, 34_000}},
            ProvisionKind.ALTERNATIVE_PROVISION, new int[][]{{15_500, 18_500}, {18_500, 21_500}, {21_000, 25_000}, {24_000, 28_000}, {27_000, 32_000}}));
    static final int[] SENSORY_DAY_5_STATE_TARIFF = {32_000, 40_000};

    /** State settings' fees (place funding plus top-up) in pounds by complexity band. */
    static final int[] STATE_SPECIAL_DAY = {18_000, 21_500, 25_000, 29_000, 33_500};
    static final int[] STATE_SPECIAL_RESIDENTIAL = {0, 0, 52_000, 60_000, 70_000};
    static final int[] UNIT_DAY = {12_000, 15_000, 18_000};
    static final int[] AP = {17_000, 20_000, 23_000};

    private final RateFrameworks frameworks;
    private final FeeSchedules schedules;
    private final SettingService settings;
    private final SettingFactsLoader settingFacts;
    private final AuditTrail audit;

    DemoFees(RateFrameworks frameworks, FeeSchedules schedules, SettingService settings, SettingFactsLoader settingFacts, AuditTrail audit) {
        this.frameworks = frameworks;
        this.schedules = schedules;
        this.settings = settings;
        this.settingFacts = settingFacts;
        this.audit = audit;
    }

    /** Loads the demo frameworks and fees onto the demo register in one transaction; returns how many fees it stored. */
    @Transactional
    public int load() {
        createAndPublish(LAST_YEAR, new BigDecimal("1.04"), true, new BigDecimal("5.00"), RateFrameworkView.Transparency.NONE);
        createAndPublish(CURRENT_YEAR, BigDecimal.ONE, true, new BigDecimal("5.00"), TRANSPARENCY);
        createAndPublish(NEXT_YEAR, new BigDecimal("0.97"), false, new BigDecimal("4.00"), TRANSPARENCY);

        List<SettingView> demo = settings.demoSettings();
        Map<Integer, SettingFacts> facts = settingFacts.load(demo.stream().map(SettingView::urn).toList());
        List<NewFee> fees = new ArrayList<>();
        for (SettingView setting : demo) {
            fees.addAll(schedulesFor(setting, facts.get(setting.urn()), new Random(SEED ^ setting.urn()),
                    new Random(TRANSPARENCY_SEED ^ setting.urn())));
        }
        return schedules.load(fees, facts, "illustrative demo fee schedules");
    }

    /** {@code divisor} scales the 2026-27 levels to the year's (e.g. 1.04: a year earlier, 4% lower). */
    private void createAndPublish(String year, BigDecimal divisor, boolean publish, BigDecimal maxUplift, RateFrameworkView.Transparency transparency) {
        List<Band> bands = new ArrayList<>();
        REFERENCE_2026.forEach((kind, references) -> {
            for (int complexity = 1; complexity <= 5; complexity++) {
                if (references[complexity - 1] > 0) {
                    bands.add(band(code(kind) + "-" + complexity, describe(kind, complexity, null), kind, complexity, List.of(),
                            references[complexity - 1], STATE_TARIFF_2026.get(kind)[complexity - 1], divisor));
                }
            }
        });
        bands.add(band("DAY-5-SENSORY", describe(ProvisionKind.DAY, 5, "sensory impairment (HI, VI, MSI)"), ProvisionKind.DAY, 5, SENSORY_NEEDS,
                SENSORY_DAY_5_REFERENCE, SENSORY_DAY_5_STATE_TARIFF, divisor));
        List<AreaAdjustment> adjustments = AREA_COST.entrySet().stream().map(e -> new AreaAdjustment(e.getKey(), e.getValue())).toList();
        RateFrameworkView draft = frameworks.createDraft(new FrameworkDraft(year, NAME,
                "Illustrative only, for demonstration: not government policy and not real price bands. Reference rates sit near the"
                        + " median local authority spend per independent or non-maintained special school placement (DfE S251"
                        + " benchmarking, about £59k in 2021-22) uplifted to " + year + "; ceilings are 20% above the reference;"
                        + " London, the South East and the East of England carry an area cost adjustment. Each band's national"
                        + " tariff for state settings' fees (place funding and top-up) spans state special schools' and units' fees"
                        + " of the band, with no area cost adjustment."
                        + (transparency.equals(RateFrameworkView.Transparency.NONE) ? ""
                        : " A fee's surplus may be at most " + Money.percent(transparency.surplusCapPercent()) + " of it, and independent"
                        + " providers must break their fees down (" + Money.format(transparency.breakdownTolerancePence()) + " allowed for rounding)."),
                maxUplift, bands, adjustments, transparency), "financialYear");
        audit.record("RATE_FRAMEWORK_CREATED", "rate_framework", draft.id(), null, FrameworkSnapshot.of(draft), "illustrative demo framework");
        if (publish) {
            frameworks.publish(new PublishRateFrameworkInput(String.valueOf(draft.id()), "illustrative demo framework"));
        }
    }

    private static Band band(String code, String description, ProvisionKind kind, int complexity, List<String> needs, int reference2026,
                             int[] stateTariff2026, BigDecimal divisor) {
        long reference = roundToHundredPounds(BigDecimal.valueOf(reference2026).divide(divisor, 6, RoundingMode.HALF_UP));
        long ceiling = roundToHundredPounds(Money.pounds(reference).multiply(CEILING_FACTOR));
        RateFrameworkView.StateTariff tariff = stateTariff2026 == null ? null : new RateFrameworkView.StateTariff(
                roundToHundredPounds(BigDecimal.valueOf(stateTariff2026[0]).divide(divisor, 6, RoundingMode.HALF_UP)),
                roundToHundredPounds(BigDecimal.valueOf(stateTariff2026[1]).divide(divisor, 6, RoundingMode.HALF_UP)));
        return new Band(code, description, kind, complexity, needs, reference, ceiling, tariff);
    }

    private static long roundToHundredPounds(BigDecimal pounds) {
        return pounds.divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact() * 100 * 100;
    }

    private static String code(ProvisionKind kind) {
        return switch (kind) {
            case DAY -> "DAY";
            case RESIDENTIAL_38_WEEK -> "RES38";
            case RESIDENTIAL_52_WEEK -> "RES52";
            case POST_16 -> "P16";
            case ALTERNATIVE_PROVISION -> "AP";
        };
    }

    private static String describe(ProvisionKind kind, int complexity, String needs) {
        String what = switch (kind) {
            case DAY -> "Day special school place";
            case RESIDENTIAL_38_WEEK -> "Residential special school place, 38 weeks";
            case RESIDENTIAL_52_WEEK -> "Residential special school place, 52 weeks";
            case POST_16 -> "Specialist post-16 place";
            case ALTERNATIVE_PROVISION -> "Alternative provision place";
        };
        return what + ", complexity " + complexity + (needs == null ? "" : ", " + needs) + " (illustrative)";
    }

    // ------------------------------------------------------------------ fee schedules

    /** One setting's fees for last year and this year. */
    private List<NewFee> schedulesFor(SettingView setting, SettingFacts facts, Random random, Random transparency) {
        List<NewFee> fees = new ArrayList<>();
        if (facts.regulated()) {
            regulatedSchedule(setting, facts, random, transparency, fees);
        } else {
            stateSchedule(setting, random, fees);
        }
        return fees;
    }

    /** A band and kind a setting charges for. */
    private record Priced(int band, ProvisionKind kind) {
    }

    /**
     * A regulated setting prices all its bands at one position against the framework: most within the reference, some
     * above it, a few above the ceiling; a few raised their fees by more than the cap since last year.
     */
    private void regulatedSchedule(SettingView setting, SettingFacts facts, Random random, Random transparency, List<NewFee> fees) {
        BigDecimal area = AREA_COST.getOrDefault(facts.regionCode(), BigDecimal.ONE);
        double u = random.nextDouble();
        double position = u < 0.72 ? 0.86 + 0.13 * random.nextDouble()
                : u < 0.92 ? 1.02 + 0.13 * random.nextDouble()
                : 1.22 + 0.10 * random.nextDouble();
        boolean justified = position > 1 && position < 1.2 && random.nextBoolean();
        boolean bigRiser = random.nextDouble() < 0.06;
        boolean breakdown = random.nextDouble() < 0.6;
        ProvisionKind dayKind = "SPECIALIST_POST_16".equals(setting.type()) ? ProvisionKind.POST_16 : ProvisionKind.DAY;
        List<Priced> priced = new ArrayList<>();
        for (int band = 1; band <= 5; band++) {
            priced.add(new Priced(band, dayKind));
        }
        if (setting.boarding()) {
            ProvisionKind residential = "SPECIALIST_POST_16".equals(setting.type()) || random.nextBoolean()
                    ? ProvisionKind.RESIDENTIAL_38_WEEK : ProvisionKind.RESIDENTIAL_52_WEEK;
            // a few boarding settings also price a complexity the framework has no residential band for
            for (int band = random.nextDouble() < 0.1 ? 2 : 3; band <= 5; band++) {
                priced.add(new Priced(band, residential));
            }
        }
        String justification = justified ? JUSTIFICATION : null;
        // this year's breakdown: independent providers owe one (a few still give none), others give one as before
        CostsStated stated = CostsStated.draw(transparency);
        boolean breakdownNow = TRANSPARENCY.requiredFrom(facts.providerKind()) ? stated != CostsStated.NONE : breakdown;
        for (Priced p : priced) {
            int[] references = REFERENCE_2026.get(p.kind());
            int reference = references[p.band() - 1] > 0 ? references[p.band() - 1] : references[2] * 4 / 5;
            double noise = 1 + (random.nextDouble() - 0.5) * 0.03;
            long current = tenPounds(BigDecimal.valueOf(reference).multiply(area).multiply(factor(position * noise)));
            double uplift = bigRiser ? 0.07 + 0.07 * random.nextDouble() : 0.02 + 0.025 * random.nextDouble();
            long previous = tenPounds(Money.pounds(current).divide(factor(1 + uplift), 6, RoundingMode.HALF_UP));
            fees.add(fee(setting, LAST_YEAR, p.band(), p.kind(), previous, breakdown ? breakdown(previous, p.kind(), facts.forProfit()) : null, justification));
            fees.add(fee(setting, CURRENT_YEAR, p.band(), p.kind(), current,
                    breakdownNow ? stated.apply(breakdown(current, p.kind(), facts.forProfit()), current) : null, justification));
        }
    }

    /**
     * How a setting states this year's costs: no breakdown, a surplus 9% of the fee above the typical one (moved out of
     * education), parts that leave out 3% of the fee (a cost left out of the breakdown), or as typical.
     */
    private enum CostsStated {
        NONE, SURPLUS_ABOVE_CAP, LEAVES_COSTS_OUT, TYPICAL;

        static CostsStated draw(Random random) {
            double u = random.nextDouble();
            return u < MISSING_SHARE ? NONE
                    : u < MISSING_SHARE + SURPLUS_SHARE ? SURPLUS_ABOVE_CAP
                    : u < MISSING_SHARE + SURPLUS_SHARE + INCONSISTENT_SHARE ? LEAVES_COSTS_OUT : TYPICAL;
        }

        Breakdown apply(Breakdown typical, long fee) {
            return switch (this) {
                case SURPLUS_ABOVE_CAP -> {
                    long moved = fee * 9 / 100;
                    yield new Breakdown(typical.educationPence() - moved, typical.carePence(), typical.therapiesPence(), typical.transportPence(),
                            typical.overheadsPence(), typical.surplusPence() + moved);
                }
                case LEAVES_COSTS_OUT -> new Breakdown(typical.educationPence() - fee * 3 / 100, typical.carePence(), typical.therapiesPence(),
                        typical.transportPence(), typical.overheadsPence(), typical.surplusPence());
                case NONE, TYPICAL -> typical;
            };
        }
    }

    /** State settings' fees: the LA's place funding and top-up, recorded, not regulated. */
    private void stateSchedule(SettingView setting, Random random, List<NewFee> fees) {
        double level = 0.9 + 0.2 * random.nextDouble();
        switch (setting.type()) {
            case "STATE_SPECIAL" -> {
                addState(setting, ProvisionKind.DAY, STATE_SPECIAL_DAY, 1, level, random, fees);
                if (setting.boarding()) {
                    addState(setting, ProvisionKind.RESIDENTIAL_38_WEEK, STATE_SPECIAL_RESIDENTIAL, 3, level, random, fees);
                }
            }
            case "ALTERNATIVE_PROVISION" -> addState(setting, ProvisionKind.ALTERNATIVE_PROVISION, AP, 1, level, random, fees);
            default -> addState(setting, ProvisionKind.DAY, UNIT_DAY, 1, level, random, fees);
        }
    }

    private static void addState(SettingView setting, ProvisionKind kind, int[] levels, int fromBand, double level, Random random, List<NewFee> fees) {
        for (int band = fromBand; band <= levels.length; band++) {
            long current = tenPounds(BigDecimal.valueOf(levels[band - 1]).multiply(factor(level)));
            long previous = tenPounds(Money.pounds(current).divide(factor(1.01 + 0.03 * random.nextDouble()), 6, RoundingMode.HALF_UP));
            fees.add(fee(setting, LAST_YEAR, band, kind, previous, null, null));
            fees.add(fee(setting, CURRENT_YEAR, band, kind, current, null, null));
        }
    }

    private static NewFee fee(SettingView setting, String year, int band, ProvisionKind kind, long pence, Breakdown breakdown, String justification) {
        return new NewFee(setting.urn(), year, band, kind, 1, pence, breakdown, justification, null);
    }

    /** Typical shares of a fee; residential care is the larger part of a residential fee; surplus is what is left. */
    static Breakdown breakdown(long fee, ProvisionKind kind, Boolean forProfit) {
        boolean residential = kind == ProvisionKind.RESIDENTIAL_38_WEEK || kind == ProvisionKind.RESIDENTIAL_52_WEEK;
        long education = fee * (residential ? 35 : 55) / 100;
        long care = fee * (residential ? 38 : 14) / 100;
        long therapies = fee * 10 / 100;
        long transport = fee * (residential ? 1 : 4) / 100;
        long overheads = fee * 11 / 100;
        long surplus = fee - education - care - therapies - transport - overheads;
        if (!Boolean.TRUE.equals(forProfit)) {
            // a charity keeps a small reserve and spends the rest on education
            long reserve = fee * 2 / 100;
            education += surplus - reserve;
            surplus = reserve;
        }
        return new Breakdown(education, care, therapies, transport, overheads, surplus);
    }

    /** A random factor (not money) as an exact decimal to scale pounds by. */
    private static BigDecimal factor(double value) {
        return BigDecimal.valueOf(value);
    }

    /** Pounds rounded to £10, as fees are quoted, in pence. */
    private static long tenPounds(BigDecimal pounds) {
        return pounds.divide(BigDecimal.TEN, 0, RoundingMode.HALF_UP).longValueExact() * 1000;
    }
}
