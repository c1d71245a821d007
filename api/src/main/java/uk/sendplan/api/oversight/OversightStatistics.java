package uk.sendplan.api.oversight;

import uk.sendplan.api.fees.FeeService.RegulatedFee;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.oversight.OversightView.Dimension;
import uk.sendplan.api.oversight.OversightView.Distribution;
import uk.sendplan.api.oversight.OversightView.ProviderPublicMoney;
import uk.sendplan.api.oversight.OversightView.Spread;
import uk.sendplan.api.oversight.OversightView.Statistic;
import uk.sendplan.api.oversight.OversightView.Sums;
import uk.sendplan.db.types.OwnerKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The oversight's figures across providers, from their stated figures and their regulated fees in force: margins
 * and debt by owner kind and for-profit status, and the surplus the fee breakdowns state by band, region, owner kind
 * and for-profit status. Fees are summed per place a year (each fee in force counted once, as no count of places
 * bought at each fee exists); a fee without a breakdown counts in {@code fees} but not in the surplus sums.
 */
final class OversightStatistics {

    private final Map<Long, FiguresView> stated;
    private final List<RegulatedFee> fees;
    private final Set<Long> flagged;

    OversightStatistics(List<FiguresView> stated, List<RegulatedFee> fees, Set<Long> flagged) {
        this.stated = stated.stream().collect(Collectors.toMap(FiguresView::providerId, f -> f, (a, b) -> a, LinkedHashMap::new));
        this.fees = fees;
        this.flagged = flagged;
    }

    List<Distribution> byOwnerKind() {
        List<Distribution> rows = new ArrayList<>();
        for (OwnerKind kind : OwnerKind.values()) {
            List<FiguresView> group = stated.values().stream().filter(f -> f.ownerKind() == kind).toList();
            if (!group.isEmpty()) {
                rows.add(distribution(kind.name(), FiguresRules.label(kind), group));
            }
        }
        return rows;
    }

    List<Distribution> byForProfit() {
        List<Distribution> rows = new ArrayList<>();
        for (boolean forProfit : new boolean[]{true, false}) {
            List<FiguresView> group = stated.values().stream().filter(f -> f.forProfit() == forProfit).toList();
            if (!group.isEmpty()) {
                rows.add(distribution(forProfit ? "FOR_PROFIT" : "NOT_FOR_PROFIT", forProfit ? "For profit" : "Not for profit", group));
            }
        }
        return rows;
    }

    private Distribution distribution(String group, String label, List<FiguresView> providers) {
        Set<Long> ids = providers.stream().map(FiguresView::providerId).collect(Collectors.toSet());
        List<RegulatedFee> theirs = fees.stream().filter(f -> ids.contains(f.providerId())).toList();
        List<BigDecimal> amounts = theirs.stream().map(f -> BigDecimal.valueOf(f.annualFeePence())).toList();
        List<BigDecimal> toReference = theirs.stream().filter(f -> f.adjustedReferencePence() != null)
                .map(f -> Money.percentOf(f.annualFeePence(), f.adjustedReferencePence())).toList();
        BigDecimal medianFee = median(amounts);
        return new Distribution(group, label, providers.size(), (int) ids.stream().filter(flagged::contains).count(),
                spread(providers.stream().map(FiguresView::marginPercent).toList()),
                spread(providers.stream().map(FiguresView::debtToTurnover).toList()), theirs.size(),
                medianFee == null ? null : medianFee.setScale(0, RoundingMode.HALF_UP).longValueExact(), median(toReference));
    }

    /** The surplus statistics of every dimension, each group in the dimension's order. */
    List<Statistic> statistics(Function<String, String> regionName) {
        List<Statistic> rows = new ArrayList<>();
        new TreeMap<>(fees.stream().collect(Collectors.groupingBy(RegulatedFee::band))).forEach((band, group) ->
                rows.add(statistic(Dimension.BAND, String.valueOf(band), "Band " + band, group)));
        Map<String, List<RegulatedFee>> byRegion = fees.stream().collect(Collectors.groupingBy(RegulatedFee::regionCode));
        byRegion.keySet().stream().sorted(Comparator.comparing(regionName)).forEach(code ->
                rows.add(statistic(Dimension.REGION, code, regionName.apply(code), byRegion.get(code))));
        for (OwnerKind kind : OwnerKind.values()) {
            List<RegulatedFee> group = ofStated(f -> f.ownerKind() == kind);
            if (stated.values().stream().anyMatch(f -> f.ownerKind() == kind)) {
                rows.add(statistic(Dimension.OWNER_KIND, kind.name(), FiguresRules.label(kind), group));
            }
        }
        for (boolean forProfit : new boolean[]{true, false}) {
            if (stated.values().stream().anyMatch(f -> f.forProfit() == forProfit)) {
                rows.add(statistic(Dimension.FOR_PROFIT, forProfit ? "FOR_PROFIT" : "NOT_FOR_PROFIT", forProfit ? "For profit" : "Not for profit",
                        ofStated(f -> f.forProfit() == forProfit)));
            }
        }
        return rows;
    }

    private List<RegulatedFee> ofStated(Predicate<FiguresView> which) {
        return fees.stream().filter(f -> stated.containsKey(f.providerId()) && which.test(stated.get(f.providerId()))).toList();
    }

    /** A group's sums, and the median margin of the group's providers that stated figures (each provider once). */
    private Statistic statistic(Dimension dimension, String group, String label, List<RegulatedFee> groupFees) {
        List<BigDecimal> margins = groupFees.stream().map(RegulatedFee::providerId).distinct().filter(stated::containsKey)
                .map(id -> stated.get(id).marginPercent()).toList();
        return new Statistic(dimension, group, label, sums(groupFees), margins.size(), median(margins));
    }

    Sums national() {
        return sums(fees);
    }

    /** Each provider with regulated fees: most surplus first (then by id). */
    List<ProviderPublicMoney> providers(Map<Long, String> names) {
        Map<Long, List<RegulatedFee>> byProvider = fees.stream().collect(Collectors.groupingBy(RegulatedFee::providerId));
        return byProvider.entrySet().stream()
                .map(e -> new ProviderPublicMoney(e.getKey(), names.getOrDefault(e.getKey(), "Provider " + e.getKey()), sums(e.getValue()),
                        stated.containsKey(e.getKey()) ? stated.get(e.getKey()).marginPercent() : null))
                .sorted(Comparator.comparingLong((ProviderPublicMoney p) -> -p.sums().surplusPence()).thenComparingLong(ProviderPublicMoney::providerId))
                .toList();
    }

    static Sums sums(Collection<RegulatedFee> fees) {
        int brokenDown = 0;
        long total = 0;
        long surplus = 0;
        for (RegulatedFee f : fees) {
            if (f.surplusPence() != null) {
                brokenDown++;
                total += f.annualFeePence();
                surplus += f.surplusPence();
            }
        }
        return new Sums(fees.size(), brokenDown, total, surplus);
    }

    /** Lowest, quartiles by nearest rank, median (the mean of the middle two of an even count), highest; null over none. */
    static Spread spread(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        return new Spread(sorted.getFirst(), rank(sorted, 0.25), median(sorted), rank(sorted, 0.75), sorted.getLast());
    }

    private static BigDecimal rank(List<BigDecimal> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        BigDecimal middle = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.TWO);
        return middle.setScale(2, RoundingMode.HALF_UP);
    }
}
