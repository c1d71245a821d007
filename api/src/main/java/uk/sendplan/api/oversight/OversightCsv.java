package uk.sendplan.api.oversight;

import uk.sendplan.api.oversight.OversightView.Distribution;
import uk.sendplan.api.oversight.OversightView.Flag;
import uk.sendplan.api.oversight.OversightView.ProviderPublicMoney;
import uk.sendplan.api.oversight.OversightView.Spread;
import uk.sendplan.api.oversight.OversightView.Statistic;
import uk.sendplan.api.oversight.OversightView.Sums;
import uk.sendplan.api.system.Csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each table of the oversight as CSV (system/Csv: RFC 4180, text a spreadsheet would run as a formula neutralised):
 * amounts in exact pounds, percentages and ratios to 2 dp, one header row first.
 */
final class OversightCsv {

    /** The tables, as the GraphQL enum OversightTable names them. */
    enum Table { FLAGS, DISTRIBUTIONS, STATISTICS, PROVIDERS }

    private OversightCsv() {
    }

    static String of(OversightView view, Table table) {
        List<List<?>> rows = switch (table) {
            case FLAGS -> flags(view);
            case DISTRIBUTIONS -> distributions(view);
            case STATISTICS -> statistics(view);
            case PROVIDERS -> providers(view);
        };
        StringBuilder csv = new StringBuilder();
        rows.forEach(r -> csv.append(Csv.line(r)).append("\r\n"));
        return csv.toString();
    }

    private static List<List<?>> flags(OversightView view) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("financial_year", "flag", "provider_id", "provider_name", "owner_kind", "for_profit", "turnover", "operating_surplus",
                "net_debt", "margin_percent", "net_debt_to_turnover", "limit", "explanation"));
        for (Flag f : view.flags()) {
            rows.add(List.of(view.financialYear(), f.kind().name(), f.providerId(), f.providerName(), f.ownerKind().name(), f.forProfit(), f.turnover(),
                    f.operatingSurplus(), f.netDebt(), f.marginPercent(), f.debtToTurnover(), f.limit(), f.explanation()));
        }
        return rows;
    }

    private static List<List<?>> distributions(OversightView view) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("financial_year", "grouped_by", "group", "providers", "flagged", "margin_lowest", "margin_lower_quartile", "margin_median",
                "margin_upper_quartile", "margin_highest", "debt_lowest", "debt_lower_quartile", "debt_median", "debt_upper_quartile", "debt_highest",
                "fees", "median_fee", "median_fee_to_reference_percent"));
        view.byOwnerKind().forEach(d -> rows.add(distribution(view, "OWNER_KIND", d)));
        view.byForProfit().forEach(d -> rows.add(distribution(view, "FOR_PROFIT", d)));
        return rows;
    }

    private static List<?> distribution(OversightView view, String groupedBy, Distribution d) {
        List<Object> row = new ArrayList<>(List.of(view.financialYear(), groupedBy, d.group(), d.providers(), d.flagged()));
        row.addAll(spread(d.margin()));
        row.addAll(spread(d.debtToTurnover()));
        row.addAll(Arrays.asList(d.fees(), d.medianFee(), d.medianFeeToReference()));
        return row;
    }

    private static List<?> spread(Spread s) {
        return s == null ? Arrays.asList(null, null, null, null, null)
                : List.of(s.lowest(), s.lowerQuartile(), s.median(), s.upperQuartile(), s.highest());
    }

    private static List<List<?>> statistics(OversightView view) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("financial_year", "dimension", "group", "label", "fees", "fees_broken_down", "fee_total", "surplus", "surplus_share_percent",
                "providers_stating", "median_margin_percent"));
        Sums n = view.national().sums();
        rows.add(Arrays.asList(view.financialYear(), "ENGLAND", "ENGLAND", "England", n.fees(), n.feesBrokenDown(), n.feeTotal(), n.surplus(),
                n.surplusShare(), view.providersStating(), null));
        for (Statistic s : view.statistics()) {
            rows.add(Arrays.asList(view.financialYear(), s.dimension().name(), s.group(), s.label(), s.sums().fees(), s.sums().feesBrokenDown(),
                    s.sums().feeTotal(), s.sums().surplus(), s.sums().surplusShare(), s.providersStating(), s.medianMargin()));
        }
        return rows;
    }

    private static List<List<?>> providers(OversightView view) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("financial_year", "provider_id", "provider_name", "fees", "fees_broken_down", "fee_total", "surplus", "surplus_share_percent",
                "margin_percent"));
        for (ProviderPublicMoney p : view.providers()) {
            rows.add(Arrays.asList(view.financialYear(), p.providerId(), p.providerName(), p.sums().fees(), p.sums().feesBrokenDown(),
                    p.sums().feeTotal(), p.sums().surplus(), p.sums().surplusShare(), p.marginPercent()));
        }
        return rows;
    }
}
