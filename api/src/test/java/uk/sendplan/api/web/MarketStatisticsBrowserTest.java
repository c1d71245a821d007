package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import uk.sendplan.api.kernel.FinancialYears;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regulator's market statistics in headless Chromium on the demo market: England's figures and London's in one year
 * as GraphQL's marketStatistics gives them, every provider in numbered pages keeping the year chosen, the same as CSV,
 * a mistyped year shown by its field; a commissioner is refused the page.
 */
class MarketStatisticsBrowserTest extends BrowserTestBase {

    private static final String NEXT = "[data-test=pagination] .govuk-pagination__next a";
    /** The demo market's referrals are made the day it loads, in this financial year. */
    private static final String YEAR = FinancialYears.of(LocalDate.now(ZoneId.of("Europe/London")));

    @Test
    void theRegulatorReadsTheMarketsFiguresForEnglandAndForARegionInAYear() throws IOException {
        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Market");
        browser.checkPage("regulator-market");
        assertThat(browser.text("[data-test=scope]")).isEqualTo("England, every year");
        var regulator = as("regulator");
        Map<String, Object> england = map(regulator.document("{ marketStatistics { totals { referrals awards } providerCount } }").execute()
                .path("marketStatistics").entity(Object.class).get());
        assertThat(map(england.get("totals")).get("referrals")).as("the demo market has referrals").isNotEqualTo(0);
        assertThat(browser.text("[data-test=total-0]")).isEqualTo(count(((Number) map(england.get("totals")).get("referrals")).longValue()));
        assertThat(browser.text("[data-test=total-7]")).isEqualTo(count(((Number) map(england.get("totals")).get("awards")).longValue()));
        // offers the fee check refused, in a regulator's words, those with a surplus above the cap among them
        Map<String, Object> refused = map(map(regulator.document("{ marketStatistics { totals { refusedAboveCeiling refusedUpliftAboveCap "
                + "refusedSurplusAboveCap } } }").execute().path("marketStatistics").entity(Object.class).get()).get("totals"));
        long surplus = ((Number) refused.get("refusedSurplusAboveCap")).longValue();
        assertThat(browser.text("[data-test=total-9]")).isEqualTo(count(((Number) refused.get("refusedAboveCeiling")).longValue()
                + ((Number) refused.get("refusedUpliftAboveCap")).longValue() + surplus));
        assertThat(browser.text("[data-test=totals]")).contains(count(surplus) + " with a surplus above the cap");
        // every provider, 50 a page, most referrals first: page 2 shows others, with no more referrals than page 1's last
        int providers = (Integer) england.get("providerCount");
        assertThat(providers).as("the demo market's providers fill more than a page").isGreaterThan(50);
        assertThat(browser.text("[data-test=provider-count]")).isEqualTo(count(providers) + " providers, most referrals first: 1 to 50");
        List<String> first = providerIds();
        assertThat(first).hasSize(50);
        int fewestOnFirst = referrals().getLast();
        browser.click(NEXT);
        browser.checkPage("regulator-market-page-2");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/regulation/market?page=2");
        assertThat(browser.text("[data-test=scope]")).isEqualTo("England, every year");
        assertThat(providerIds()).as("page 2 shows other providers").hasSize(Math.min(50, providers - 50)).doesNotContainAnyElementsOf(first);
        assertThat(referrals()).allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(fewestOnFirst));

        // the year chosen stays in the page links
        browser.find("#financialYear").sendKeys(YEAR);
        browser.click("form[data-test=choice] button");
        int inYear = (Integer) map(regulator.document("query($y: String!) { marketStatistics(financialYear: $y) { providerCount } }").variable("y", YEAR)
                .execute().path("marketStatistics").entity(Object.class).get()).get("providerCount");
        assertThat(inYear).as("the demo market's referrals are this year's").isGreaterThan(50);
        assertThat(browser.find(NEXT).getDomAttribute("href")).isEqualTo("/regulation/market?financialYear=" + YEAR + "&page=2");
        browser.click(NEXT);
        browser.checkPage("regulator-market-year-page-2");
        assertThat(browser.text("[data-test=scope]")).isEqualTo("England, " + YEAR);
        assertThat(browser.find("#financialYear").getDomProperty("value")).isEqualTo(YEAR);
        browser.find("#financialYear").clear();

        // a year that is not one: by its field, and no figures
        browser.find("#financialYear").sendKeys("2026");
        browser.click("form[data-test=choice] button");
        browser.checkPage("regulator-market-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.text("#financialYear-error")).contains("Expected a financial year such as 2026-27, got \"2026\"");
        assertThat(browser.findAll("[data-test=totals]")).isEmpty();

        // London in 2026-27
        new Select(browser.find("#region")).selectByValue("E12000007");
        browser.find("#financialYear").clear();
        browser.find("#financialYear").sendKeys("2026-27");
        browser.click("form[data-test=choice] button");
        browser.checkPage("regulator-market-london");
        assertThat(browser.text("[data-test=scope]")).isEqualTo("London, 2026-27");
        Map<String, Object> london = map(regulator.document("{ marketStatistics(regionCode: \"E12000007\", financialYear: \"2026-27\") "
                + "{ totals { referrals } providerCount } }").execute().path("marketStatistics").entity(Object.class).get());
        assertThat(browser.text("[data-test=total-0]")).isEqualTo(count(((Number) map(london.get("totals")).get("referrals")).longValue()));

        List<String> csv = lines(download("/regulation/market.csv?region=E12000007&financialYear=2026-27"));
        assertThat(csv.getFirst()).startsWith("scope,financial_year,row,provider_id,provider_name,for_profit,referrals,");
        assertThat(csv.get(1)).startsWith("London,2026-27,TOTAL,,,," + map(london.get("totals")).get("referrals") + ",");
        assertThat(csv).hasSize(2 + (Integer) london.get("providerCount"));

        browser.signIn("commissioner-camden", PASSWORD);
        browser.openRefused("/regulation/market", "commissioner-refused-market");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
    }

    private List<String> providerIds() {
        return browser.findAll("[data-test=providers] tbody tr").stream().map(r -> r.getDomAttribute("data-provider")).toList();
    }

    /** Each row's referrals, in the table's order. */
    private List<Integer> referrals() {
        return browser.findAll("[data-test=providers] tbody tr td:nth-of-type(3)").stream().map(c -> Integer.valueOf(c.getText())).toList();
    }
}
