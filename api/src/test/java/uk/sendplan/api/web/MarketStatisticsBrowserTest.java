package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regulator's market statistics in headless Chromium on the demo market: England's figures and London's in one year
 * as GraphQL's marketStatistics gives them, the same as CSV, a mistyped year shown by its field; a commissioner is
 * refused the page.
 */
class MarketStatisticsBrowserTest extends BrowserTestBase {

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
        int providers = (Integer) england.get("providerCount");
        assertThat(browser.findAll("[data-test=providers] tbody tr")).hasSize(Math.min(50, providers));

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
}
