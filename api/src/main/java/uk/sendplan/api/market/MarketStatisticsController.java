package uk.sendplan.api.market;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** Market intelligence over GraphQL: the figures for a scope, and the same as CSV. */
@Controller
class MarketStatisticsController {

    /** What GraphQL returns: the providers list cut at {@link MarketStatistics#MAX_PROVIDERS}, with how many there were. */
    record MarketStatisticsView(String scope, String laCode, String regionCode, String financialYear, MarketStatistics.Figures totals,
                                int providerCount, List<MarketStatistics.ProviderFigures> providers) {
    }

    private final MarketStatistics statistics;

    MarketStatisticsController(MarketStatistics statistics) {
        this.statistics = statistics;
    }

    @QueryMapping
    MarketStatisticsView marketStatistics(@Argument String laCode, @Argument String regionCode, @Argument String financialYear) {
        MarketStatistics.Statistics s = statistics.statistics("marketStatistics", laCode, regionCode, financialYear);
        List<MarketStatistics.ProviderFigures> providers = s.providers();
        return new MarketStatisticsView(s.scope(), s.laCode(), s.regionCode(), s.financialYear(), s.totals(), providers.size(),
                providers.subList(0, Math.min(providers.size(), MarketStatistics.MAX_PROVIDERS)));
    }

    @QueryMapping
    String marketStatisticsCsv(@Argument String laCode, @Argument String regionCode, @Argument String financialYear) {
        return statistics.csv(laCode, regionCode, financialYear);
    }
}
