package uk.sendplan.api.market;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.market.MarketStatistics.Figures;
import uk.sendplan.api.market.MarketStatistics.Statistics;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.FormErrors;
import uk.sendplan.api.web.PageLinks;
import uk.sendplan.api.web.PageNumbers;
import uk.sendplan.api.web.Pages;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The regulator's market statistics (/regulation/market): how the market answers LAs' referrals, for England or one
 * region, in one financial year or all, with each provider's figures, most referrals first, in numbered pages that keep
 * the area and year chosen (every provider in the CSV). The figures are {@link MarketStatistics}', as GraphQL's
 * marketStatistics gives them.
 */
@Pages
class MarketStatisticsPages implements PageLinks {

    /** Providers on each page of the table, most referrals first; the CSV has them all. */
    static final int PAGE_SIZE = 50;
    private static final Map<String, String> FIELDS = Map.of("regionCode", "region", "financialYear", "financialYear");

    /** One line of the totals: what it is, the figure, and what it counts. */
    record Line(String label, String value, String hint) {
    }

    record ProviderRow(long id, String name, String forProfit, int referrals, String responseRate, int offers, String medianFee, String feeToReference,
                       int awards) {
    }

    private final MarketStatistics statistics;
    private final ReferenceData reference;
    private final Access access;

    MarketStatisticsPages(MarketStatistics statistics, ReferenceData reference, Access access) {
        this.statistics = statistics;
        this.reference = reference;
        this.access = access;
    }

    @Override
    public List<Link> linksFor(Actor actor) {
        return actor.is(Role.REGULATOR)
                ? List.of(new Link("/regulation/market", "Market", "How providers answer LAs' referrals: response rates, offers, fees against "
                + "the reference, awards to for-profit providers.", 64))
                : List.of();
    }

    @GetMapping("/regulation/market")
    String page(@RequestParam(defaultValue = "") String region, @RequestParam(defaultValue = "") String financialYear,
                @RequestParam(required = false) String page, Model model) {
        access.require("Market statistics", Role.REGULATOR);
        String regionCode = InputRules.require("region", region.trim(), InputRules.LINE);
        String year = InputRules.require("financialYear", financialYear.trim(), InputRules.LINE);
        FormErrors errors = new FormErrors();
        model.addAttribute("regions", reference.regions());
        model.addAttribute("region", regionCode);
        model.addAttribute("financialYear", year);
        model.addAttribute("errors", errors);
        Optional<Statistics> found = errors.attempt(() -> statistics.statistics("Market statistics", null, regionCode.isEmpty() ? null : regionCode,
                year.isEmpty() ? null : year), FIELDS, "region");
        if (found.isEmpty()) {
            return "market/statistics";
        }
        Statistics s = found.get();
        PageNumbers pager = PageNumbers.of(page, s.providers().size(), PAGE_SIZE, n -> href(regionCode, year, n));
        model.addAttribute("scope", s.scope() + (s.financialYear() == null ? ", every year" : ", " + s.financialYear()));
        model.addAttribute("totals", lines(s.totals()));
        model.addAttribute("pager", pager);
        model.addAttribute("providers", pager.of(s.providers()).stream().map(p -> new ProviderRow(p.providerId(), p.providerName(),
                p.forProfit() == null ? "Not known" : p.forProfit() ? "Yes" : "No", p.figures().referrals(), percent(p.figures().responseRate()),
                p.figures().offers(), pounds(p.figures().medianOfferedFee()), percent(p.figures().medianFeeToReference()),
                p.figures().awards())).toList());
        return "market/statistics";
    }

    @GetMapping("/regulation/market.csv")
    @ResponseBody
    ResponseEntity<String> csv(@RequestParam(defaultValue = "") String region, @RequestParam(defaultValue = "") String financialYear) {
        access.require("Market statistics", Role.REGULATOR);
        String regionCode = InputRules.require("region", region.trim(), InputRules.LINE);
        String year = InputRules.require("financialYear", financialYear.trim(), InputRules.LINE);
        String csv = statistics.csv(null, regionCode.isEmpty() ? null : regionCode, year.isEmpty() ? null : year);
        return Downloads.csv(csv, "market-statistics", regionCode.isEmpty() ? "england" : regionCode, year);
    }

    /** A page of the providers' table, for the area and year the page shows (left out when blank, as the form sends them). */
    private static String href(String region, String year, int page) {
        StringBuilder query = new StringBuilder();
        if (!region.isEmpty()) {
            query.append("region=").append(URLEncoder.encode(region, StandardCharsets.UTF_8)).append('&');
        }
        if (!year.isEmpty()) {
            query.append("financialYear=").append(URLEncoder.encode(year, StandardCharsets.UTF_8)).append('&');
        }
        return "/regulation/market?" + query + "page=" + page;
    }

    private static List<Line> lines(Figures f) {
        return List.of(
                new Line("Referrals", String.format("%,d", f.referrals()), "sent to " + String.format("%,d", f.recipients()) + " settings"),
                new Line("Response rate", percent(f.responseRate()), "settings that answered, with an offer or a decline"),
                new Line("Offers per referral", f.offersPerReferral() == null ? "None" : f.offersPerReferral().toPlainString(),
                        String.format("%,d", f.offers()) + " offers"),
                new Line("Median days to a first offer", days(f.medianDaysToFirstOffer()), "from the referral, over referrals that got one"),
                new Line("Median days to an award", days(f.medianDaysToAward()), "from the referral, over referrals awarded"),
                new Line("Median fee offered", pounds(f.medianOfferedFee()), "a year"),
                new Line("Median fee against the band's reference", percent(f.medianFeeToReference()), "100% is at the reference rate"),
                new Line("Awards", String.format("%,d", f.awards()), f.awardsForProfit() + " to for-profit providers, " + f.awardsNotForProfit()
                        + " to not-for-profit" + (f.awardsProfitUnknown() == 0 ? "" : ", " + f.awardsProfitUnknown() + " not known")),
                new Line("Share of awards to for-profit providers", percent(f.forProfitAwardShare()), "of awards whose provider's status is known"),
                new Line("Offers refused by the fee check",
                        String.format("%,d", f.refusedAboveCeiling() + f.refusedUpliftAboveCap() + f.refusedSurplusAboveCap()),
                        String.format("%,d", f.refusedAboveCeiling()) + " above the band's ceiling, " + String.format("%,d", f.refusedUpliftAboveCap())
                                + " with an uplift above the cap, " + String.format("%,d", f.refusedSurplusAboveCap()) + " with a surplus above the cap"));
    }

    /** One decimal place, as the service gives shares; "None" when there is nothing to divide. */
    private static String percent(BigDecimal value) {
        return value == null ? "None" : value.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String days(BigDecimal value) {
        return value == null ? "None" : value.setScale(1, RoundingMode.HALF_UP).toPlainString() + " days";
    }

    private static String pounds(BigDecimal value) {
        return value == null ? "None" : Money.formatRounded(Money.pence(value));
    }
}
