package uk.sendplan.api.fees;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.fees.FeeChecker.SettingFacts;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.AreaScopes;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * National bands for every setting (issue 15, item 4): each current fee of a state setting in the caller's scope, for a
 * financial year, against the national tariff of its band in the year's published framework. A commissioner reads
 * their LA's, a regional planner their region's (or one LA in it), regulators and admins any LA, region or England.
 * Providers are refused: this is the LAs' view of their own spending. Reading only: nothing is stored, and fee audits
 * never look at it, so no finding can follow from it.
 */
@Service
class NationalBandings {

    /** One state fee, its setting and its result. */
    record Banded(FeeView fee, String settingName, String laCode, String laName, StateTariffCheck.Result result) {

        public String feeId() {
            return String.valueOf(fee.id());
        }

        public int urn() {
            return fee.urn();
        }

        public ProvisionKind kind() {
            return fee.kind();
        }

        public int band() {
            return fee.band();
        }

        public BigDecimal annualFee() {
            return fee.annualFee();
        }

        public NationalBanding banding() {
            return result.banding();
        }

        public String bandCode() {
            return result.bandCode();
        }

        public RateFrameworkView.StateTariff tariff() {
            return result.tariff();
        }

        public BigDecimal above() {
            return Money.poundsOrNull(result.abovePence());
        }

        public BigDecimal below() {
            return Money.poundsOrNull(result.belowPence());
        }

        public String explanation() {
            return result.explanation();
        }
    }

    /** The most fees a report lists over GraphQL (its counts and the pages' CSV cover every fee). */
    static final int MAX_FEES = 5_000;

    /** Every fee of a scope ({@code all}), outside the banding first (furthest out first), then the rest by setting. */
    record Report(String financialYear, String scope, String laCode, String regionCode, RateFrameworkView framework, List<Banded> all) {

        public List<Banded> fees() {
            return all.size() <= MAX_FEES ? all : all.subList(0, MAX_FEES);
        }

        int count(NationalBanding banding) {
            return (int) all.stream().filter(f -> f.result().banding() == banding).count();
        }

        public int within() {
            return count(NationalBanding.WITHIN_NATIONAL_BANDING);
        }

        public int outside() {
            return count(NationalBanding.OUTSIDE_NATIONAL_BANDING);
        }

        public int noTariff() {
            return count(NationalBanding.NO_NATIONAL_TARIFF);
        }

        /** The fees outside the banding, furthest out first. */
        List<Banded> outsideFees() {
            return all.stream().filter(b -> b.banding() == NationalBanding.OUTSIDE_NATIONAL_BANDING).toList();
        }

        /** Each LA's counts, by LA name. */
        List<LaCounts> byLa() {
            Map<String, LaCounts> byLa = new TreeMap<>();
            for (Banded b : all) {
                byLa.merge(b.laName(), LaCounts.of(b), LaCounts::plus);
            }
            return List.copyOf(byLa.values());
        }
    }

    /** One LA's fees by result. */
    record LaCounts(String laCode, String laName, int within, int outside, int noTariff) {

        static LaCounts of(Banded b) {
            return new LaCounts(b.laCode(), b.laName(), b.banding() == NationalBanding.WITHIN_NATIONAL_BANDING ? 1 : 0,
                    b.banding() == NationalBanding.OUTSIDE_NATIONAL_BANDING ? 1 : 0, b.banding() == NationalBanding.NO_NATIONAL_TARIFF ? 1 : 0);
        }

        LaCounts plus(LaCounts other) {
            return new LaCounts(laCode, laName, within + other.within, outside + other.outside, noTariff + other.noTariff);
        }
    }

    private static final Comparator<Banded> ORDER = Comparator
            .comparing((Banded b) -> b.result().banding())
            .thenComparing(b -> -Math.abs(b.result().differencePence()))
            .thenComparing(Banded::settingName).thenComparingInt(b -> b.fee().urn())
            .thenComparing(b -> b.fee().kind()).thenComparingInt(b -> b.fee().band());

    private final RateFrameworks frameworks;
    private final FeeRepository fees;
    private final FeeCheckRunner checks;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;
    private final AreaScopes areas;

    NationalBandings(RateFrameworks frameworks, FeeRepository fees, FeeCheckRunner checks, SettingService settings, ReferenceData reference,
                     Access access, AreaScopes areas) {
        this.frameworks = frameworks;
        this.fees = fees;
        this.checks = checks;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
        this.areas = areas;
    }

    /** The scope asked (or the caller's own: a commissioner's LA, a planner's region, England for the rest). */
    @Transactional(readOnly = true)
    Report report(String operation, String financialYear, String laCode, String regionCode) {
        access.require(operation, Role.COMMISSIONER, Role.REGIONAL_PLANNER, Role.REGULATOR, Role.ADMIN);
        AreaScopes.Area area = areas.resolve(operation, laCode, regionCode);
        ReferenceData.LocalAuthority la = area.la();
        ReferenceData.Region region = area.region();
        String year = FeeRules.financialYear("financialYear", financialYear);
        RateFrameworkView framework = frameworks.requirePublished("financialYear", year);

        // an LA's or a region's fees are read for their settings alone; England's all at once
        List<String> laCodes = la != null ? List.of(la.code()) : region != null
                ? reference.localAuthoritiesOf(region.code()).stream().map(ReferenceData.LocalAuthority::code).toList() : null;
        List<FeeView> all = fees.current(year, laCodes == null ? null : settings.urnsIn(laCodes));
        Map<Integer, SettingFacts> facts = checks.facts(all);
        String laScope = la == null ? null : la.code();
        String regionScope = region == null ? null : region.code();
        Predicate<SettingFacts> inScope = s -> !s.regulated() && (laScope == null || s.laCode().equals(laScope))
                && (regionScope == null || s.regionCode().equals(regionScope));
        List<FeeView> stateFees = all.stream().filter(f -> inScope.test(facts.get(f.urn()))).toList();
        Map<Integer, SettingView> views = settings.findAll(stateFees.stream().map(FeeView::urn).distinct().toList());
        List<Banded> banded = stateFees.stream().map(f -> {
            SettingView setting = views.get(f.urn());
            return new Banded(f, setting.name(), setting.laCode(), reference.localAuthority(setting.laCode()).orElseThrow().name(),
                    StateTariffCheck.check(framework, f));
        }).sorted(ORDER).toList();
        String scope = la != null ? la.name() : region != null ? region.name() : "England";
        return new Report(year, scope, laScope, regionScope, framework, banded);
    }
}
