package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import uk.sendplan.api.kernel.FinancialYears;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.PROVIDER_FIGURES;

/**
 * Financial oversight in headless Chromium on the demo data: the demo provider states this year's group figures
 * (a turnover of nothing first: the problem next to the field and nothing saved; then a margin of 30%), and the
 * regulator's oversight page flags it with its numbers, beside the distributions, statistics and their CSVs, and lists
 * every provider's surplus in numbered pages.
 */
class OversightBrowserTest extends BrowserTestBase {

    @Test
    void aProviderStatesItsFiguresAndTheRegulatorSeesTheFlag() throws IOException {
        String year = FinancialYears.of(LocalDate.now(ZoneId.of("Europe/London")));
        long providerId = Long.parseLong(as("provider-demo").document("{ me { provider { id } } }").execute()
                .path("me.provider.id").entity(String.class).get());
        var before = db.selectFrom(PROVIDER_FIGURES).where(PROVIDER_FIGURES.PROVIDER_ID.eq(providerId)).and(PROVIDER_FIGURES.FINANCIAL_YEAR.eq(year))
                .fetchOptional();

        browser.signIn("provider-demo", PASSWORD);
        browser.clickLink("Group figures");
        browser.checkPage("provider-figures");
        assertThat(browser.text("h1")).isEqualTo("Group figures");
        fill("#financialYear", year);
        fill("#turnover", "0");
        fill("#operatingSurplus", "6,000,000");
        fill("#netDebt", "1000000");
        browser.find("label[for=ownerKind-FAMILY]").click();
        browser.find("label[for=forProfit]").click();
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("provider-figures-error");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#turnover");
        assertThat(browser.text("#turnover-error")).contains("Turnover: must be more than £0.00");
        var unchanged = db.selectFrom(PROVIDER_FIGURES).where(PROVIDER_FIGURES.PROVIDER_ID.eq(providerId)).and(PROVIDER_FIGURES.FINANCIAL_YEAR.eq(year))
                .fetchOptional();
        assertThat(unchanged.map(r -> r.getOperatingSurplusPence())).isEqualTo(before.map(r -> r.getOperatingSurplusPence()));

        fill("#turnover", "£20,000,000.00");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("provider-figures-stated");
        assertThat(browser.text("[data-test=stated]")).contains("Your figures for " + year + " are saved.");
        List<String> row = browser.findAll("[data-test=figures] tbody tr").getFirst().findElements(org.openqa.selenium.By.tagName("td")).stream()
                .map(WebElement::getText).toList();
        assertThat(row).startsWith(year, "£20,000,000", "£6,000,000", "30.00%", "£1,000,000", "0.05×", "Family, for profit");
        assertThat(lines(download("/provider/figures.csv")).get(1)).startsWith(year + ",20000000.00,6000000.00,1000000.00,FAMILY,true,30.00,0.05,");
        browser.openRefused("/regulation/oversight", "provider-refused-oversight");
        assertThat(browser.text("[data-test=problem]")).contains("not permitted for your role (provider)");
        browser.signOut();

        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Financial oversight");
        browser.checkPage("regulator-oversight");
        WebElement flag = browser.find("[data-test=flags] tr[data-provider='" + providerId + "'][data-flag=MARGIN_ABOVE_SURPLUS_CAP]");
        assertThat(flag.getText()).contains("30.00%", "Operating surplus of £6,000,000 on turnover of £20,000,000 is a margin of 30.00%");
        assertThat(browser.findAll("[data-test=flags] tr[data-flag=DEBT_ABOVE_LIMIT]")).as("the demo's private-equity group").isNotEmpty();
        assertThat(browser.findAll("[data-test=by-owner] tbody tr")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findAll("[data-test=margin-chart]")).hasSize(1);
        assertThat(browser.text("[data-test=national]")).contains("of the public money");
        List<String> flags = lines(download("/regulation/oversight.csv?year=" + year + "&table=FLAGS"));
        assertThat(flags.getFirst()).startsWith("financial_year,flag,provider_id,provider_name,");
        assertThat(flags).anyMatch(l -> l.startsWith(year + ",MARGIN_ABOVE_SURPLUS_CAP," + providerId + ","));
        assertThat(lines(download("/regulation/oversight.csv?year=" + year + "&table=STATISTICS")).get(1)).startsWith(year + ",ENGLAND,");

        // every provider with regulated fees, 50 a page, most surplus first: page 2 (opened at the table, the year kept)
        // shows others
        int providers = as("regulator").document("query($y: String!) { financialOversight(financialYear: $y) { providerCount } }")
                .variable("y", year).execute().path("financialOversight.providerCount").entity(Integer.class).get();
        assertThat(providers).as("the demo's providers with fees fill more than a page").isGreaterThan(50);
        assertThat(browser.text("[data-test=provider-count]")).startsWith(count(providers) + " providers with regulated fees in the year, most "
                + "surplus in their fees first; showing 1 to 50.");
        List<String> first = providerIds();
        assertThat(first).hasSize(50);
        String next = "[data-test=pagination] .govuk-pagination__next a";
        assertThat(browser.find(next).getDomAttribute("href")).isEqualTo("/regulation/oversight?year=" + year + "&page=2#providers");
        browser.click(next);
        browser.checkPage("regulator-oversight-providers-page-2");
        assertThat(browser.find("[data-test=pagination] [aria-current=page]").getText()).isEqualTo("2");
        assertThat(providerIds()).as("page 2 shows other providers").hasSize(Math.min(50, providers - 50)).doesNotContainAnyElementsOf(first);
    }

    private List<String> providerIds() {
        return browser.findAll("[data-test=providers] tbody tr").stream().map(r -> r.getDomAttribute("data-provider")).toList();
    }

    private void fill(String css, String value) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(value);
    }
}
