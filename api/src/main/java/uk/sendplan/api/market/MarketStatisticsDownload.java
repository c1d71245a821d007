package uk.sendplan.api.market;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;

/**
 * marketStatisticsCsv as a file: GET /exports/market-statistics.csv with laCode, regionCode and financialYear as
 * optional query parameters, named like market-statistics-202-2026-27-2026-11-30.csv.
 */
@RestController
@Downloads.Download
class MarketStatisticsDownload {

    private final MarketStatistics statistics;

    MarketStatisticsDownload(MarketStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/exports/market-statistics.csv")
    ResponseEntity<String> statistics(@RequestParam(required = false) String laCode, @RequestParam(required = false) String regionCode,
                                      @RequestParam(required = false) String financialYear) {
        // the checks GraphQL's input rules make on the same arguments
        InputRules.require("laCode", laCode, InputRules.LINE);
        InputRules.require("regionCode", regionCode, InputRules.LINE);
        InputRules.require("financialYear", financialYear, InputRules.LINE);
        String csv = statistics.csv(laCode, regionCode, financialYear);
        return Downloads.csv(csv, "market-statistics", laCode != null ? laCode : regionCode, financialYear);
    }
}
