package uk.sendplan.api.market;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.reference.AreaScopes;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Role;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Market intelligence (issue 12, item 7): how the market answers referrals, in aggregate, for each role's scope. A
 * commissioner reads their LA's, a regional planner their region's (or one LA of it), a regulator and an admin
 * England's, one region's or one LA's; a provider only its own dealings with the referrals sent to it. The figures
 * are counts, medians and shares, never a child-level record, so every role may have them per provider too.
 */
@Service
class MarketStatistics {

    /** GraphQL's providers list returns at most this many rows (the query cost model counts on it); the CSV has all. */
    static final int MAX_PROVIDERS = 500;

    private static final Pattern FINANCIAL_YEAR = Pattern.compile("^[0-9]{4}-[0-9]{2}$");
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    /** The figures of one provider or of the whole scope, rounded to read. */
    record Figures(int referrals, int recipients, int responses, BigDecimal responseRate, int offers, BigDecimal offersPerReferral,
                   BigDecimal medianDaysToFirstOffer, BigDecimal medianDaysToAward, BigDecimal medianOfferedFee,
                   BigDecimal medianFeeToReference, int awards, int awardsForProfit, int awardsNotForProfit, int awardsProfitUnknown,
                   BigDecimal forProfitAwardShare, int refusedAboveCeiling, int refusedUpliftAboveCap, int refusedSurplusAboveCap) {
    }

    record ProviderFigures(long providerId, String providerName, Boolean forProfit, Figures figures) {
    }

    record Statistics(String scope, String laCode, String regionCode, String financialYear, Figures totals,
                      List<ProviderFigures> providers) {
    }

    private final MarketStatisticsRepository repository;
    private final SettingService settings;
    private final ReferenceData reference;
    private final Access access;
    private final AreaScopes areas;

    MarketStatistics(MarketStatisticsRepository repository, SettingService settings, ReferenceData reference, Access access, AreaScopes areas) {
        this.repository = repository;
        this.settings = settings;
        this.reference = reference;
        this.access = access;
        this.areas = areas;
    }

    /** The figures for the scope asked (or the caller's own), with every provider's, most referrals received first. */
    @Transactional(readOnly = true)
    Statistics statistics(String operation, String laCode, String regionCode, String financialYear) {
        Actor actor = access.require(operation, Role.COMMISSIONER, Role.REGIONAL_PLANNER, Role.PROVIDER, Role.REGULATOR, Role.ADMIN);
        String year = financialYear == null ? null : financialYear(financialYear);
        AreaScopes.Area area = areas.resolve(operation, laCode, regionCode);
        ReferenceData.LocalAuthority la = area.la();
        ReferenceData.Region region = area.region();
        List<String> laCodes = la != null ? List.of(la.code())
                : region != null ? reference.localAuthoritiesOf(region.code()).stream().map(ReferenceData.LocalAuthority::code).toList()
                : null;
        Instant from = null;
        Instant to = null;
        if (year != null) {
            int start = Integer.parseInt(year.substring(0, 4));
            from = LocalDate.of(start, 4, 1).atStartOfDay(ENGLAND).toInstant();
            to = LocalDate.of(start + 1, 4, 1).atStartOfDay(ENGLAND).toInstant();
        }
        Long providerId = actor.is(Role.PROVIDER) ? actor.providerId() : null;
        List<MarketStatisticsRepository.Figures> rows = repository.figures(laCodes, from, to, providerId);
        Map<Long, ProviderView> providers = settings.providers(rows.stream().map(MarketStatisticsRepository.Figures::providerId)
                .filter(id -> id != MarketStatisticsRepository.TOTALS).toList());
        MarketStatisticsRepository.Figures totalRow = rows.stream().filter(r -> r.providerId() == MarketStatisticsRepository.TOTALS)
                .findFirst().orElseThrow();
        // the for-profit share counts each award by its provider's status in the register
        int forProfit = 0;
        int notForProfit = 0;
        int unknown = 0;
        List<ProviderFigures> perProvider = new ArrayList<>();
        for (MarketStatisticsRepository.Figures row : rows) {
            if (row.providerId() == MarketStatisticsRepository.TOTALS) {
                continue;
            }
            ProviderView provider = providers.get(row.providerId());
            Boolean profit = provider.forProfit();
            if (profit == null) {
                unknown += row.awards();
            } else if (profit) {
                forProfit += row.awards();
            } else {
                notForProfit += row.awards();
            }
            perProvider.add(new ProviderFigures(row.providerId(), provider.name(), profit, figures(row,
                    profit == null ? 0 : profit ? row.awards() : 0, Boolean.FALSE.equals(profit) ? row.awards() : 0,
                    profit == null ? row.awards() : 0)));
        }
        perProvider.sort(Comparator.comparingInt((ProviderFigures p) -> p.figures().referrals()).reversed()
                .thenComparingLong(ProviderFigures::providerId));
        String scope = la != null ? la.name() : region != null ? region.name() : "England";
        return new Statistics(scope, la == null ? null : la.code(), region == null ? null : region.code(), year,
                figures(totalRow, forProfit, notForProfit, unknown), perProvider);
    }

    static final List<String> CSV_HEADER = List.of("scope", "financial_year", "row", "provider_id", "provider_name", "for_profit",
            "referrals", "recipients", "responses", "response_rate_percent", "offers", "offers_per_referral",
            "median_days_to_first_offer", "median_days_to_award", "median_offered_fee_pounds", "median_fee_to_reference_percent",
            "awards", "awards_for_profit", "awards_not_for_profit", "awards_profit_unknown", "for_profit_award_share_percent",
            "refused_above_ceiling", "refused_uplift_above_cap", "refused_surplus_above_cap");

    /** The same figures as RFC 4180 CSV: the totals first, then every provider (not only the first 500). */
    @Transactional(readOnly = true)
    String csv(String laCode, String regionCode, String financialYear) {
        Statistics statistics = statistics("marketStatisticsCsv", laCode, regionCode, financialYear);
        StringBuilder out = new StringBuilder(Csv.line(CSV_HEADER)).append("\r\n");
        out.append(Csv.line(row(statistics, "TOTAL", null, null, null, statistics.totals()))).append("\r\n");
        for (ProviderFigures p : statistics.providers()) {
            out.append(Csv.line(row(statistics, "PROVIDER", p.providerId(), p.providerName(), p.forProfit(), p.figures()))).append("\r\n");
        }
        return out.toString();
    }

    /** Cells as values: counts and figures go in as numbers (never neutralised), names as text (neutralised by Csv). */
    private static List<Object> row(Statistics s, String kind, Long providerId, String name, Boolean forProfit, Figures f) {
        List<Object> row = new ArrayList<>();
        row.add(s.scope());
        row.add(s.financialYear());
        row.add(kind);
        row.add(providerId);
        row.add(name);
        row.add(forProfit);
        row.add(f.referrals());
        row.add(f.recipients());
        row.add(f.responses());
        row.add(f.responseRate());
        row.add(f.offers());
        row.add(f.offersPerReferral());
        row.add(f.medianDaysToFirstOffer());
        row.add(f.medianDaysToAward());
        row.add(f.medianOfferedFee());
        row.add(f.medianFeeToReference());
        row.add(f.awards());
        row.add(f.awardsForProfit());
        row.add(f.awardsNotForProfit());
        row.add(f.awardsProfitUnknown());
        row.add(f.forProfitAwardShare());
        row.add(f.refusedAboveCeiling());
        row.add(f.refusedUpliftAboveCap());
        row.add(f.refusedSurplusAboveCap());
        return row;
    }

    private static Figures figures(MarketStatisticsRepository.Figures r, int forProfit, int notForProfit, int unknown) {
        return new Figures(r.referrals(), r.recipients(), r.responses(), percent(r.responses(), r.recipients()), r.offers(),
                r.referrals() == 0 ? null : BigDecimal.valueOf(r.offers()).divide(BigDecimal.valueOf(r.referrals()), 2, RoundingMode.HALF_UP),
                oneDecimal(r.medianDaysToFirstOffer()), oneDecimal(r.medianDaysToAward()),
                r.medianFeePence() == null ? null : Money.pounds(r.medianFeePence().setScale(0, RoundingMode.HALF_UP).longValueExact()),
                r.medianFeeToReference() == null ? null : r.medianFeeToReference().setScale(1, RoundingMode.HALF_UP),
                r.awards(), forProfit, notForProfit, unknown, percent(forProfit, forProfit + notForProfit),
                r.refusedAboveCeiling(), r.refusedUpliftAboveCap(), r.refusedSurplusAboveCap());
    }

    /** part / whole as a percentage to one decimal place; null when there is nothing to divide. */
    private static BigDecimal percent(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).multiply(Money.HUNDRED).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal oneDecimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    /** "2026-27", checked as the fee rules check it (the second part is the year after the first). */
    private static String financialYear(String value) {
        if (!FINANCIAL_YEAR.matcher(value).matches()
                || Integer.parseInt(value.substring(5)) != (Integer.parseInt(value.substring(0, 4)) + 1) % 100) {
            throw ApiException.badRequest("financialYear", "expected a financial year such as 2026-27, got \"" + value + "\"");
        }
        return value;
    }
}
