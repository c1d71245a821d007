package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import uk.sendplan.api.kernel.FinancialYears;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * National banding of state settings' fees in headless Chromium on the demo data: the commissioner's LA and the
 * planner's region, each table and CSV against GraphQL's nationalBanding for the same scope and year; a regulator is
 * refused the LA's page. Every page is checked by {@link Browser} (console, axe-core, screenshot, navigation timing).
 */
class NationalBandingBrowserTest extends BrowserTestBase {

    static final String HEADER = "financial_year,la_code,local_authority,urn,setting,kind,complexity,annual_fee,band,tariff_min,tariff_max,"
            + "national_banding,above_tariff,below_tariff,explanation";
    static final String REPORT = "query($y: String!) { nationalBanding(financialYear: $y) { scope within outside"
            + " fees { banding laCode urn } } }";

    /** The pages show the current financial year: the demo's 2026-27 while the demo's dates hold. */
    final String year = FinancialYears.of(LocalDate.now(ZoneId.of("Europe/London")));

    @Test
    void theCommissionerSeesTheirStateFeesAgainstTheNationalTariffsAsTableAndCsv() throws IOException {
        var report = as("commissioner-camden").document(REPORT).variable("y", year).execute();
        List<String> bandings = report.path("nationalBanding.fees[*].banding").entityList(String.class).get();

        browser.signIn("commissioner-camden", PASSWORD);
        browser.clickLink("National banding");
        browser.checkPage("commissioner-national-banding");
        assertThat(browser.text("h1")).isEqualTo("National banding of state settings' fees");
        assertThat(browser.text(".govuk-caption-l")).isEqualTo("Camden, " + year);
        assertThat(browser.text("[data-test=outside]")).isEqualTo(count(report.path("nationalBanding.outside").entity(Integer.class).get()));
        assertThat(browser.text("[data-test=within]")).isEqualTo(count(report.path("nationalBanding.within").entity(Integer.class).get()));
        // the fees outside the banding, furthest out first, as GraphQL lists them
        List<String> outsideUrns = report.path("nationalBanding.fees[?(@.banding == 'OUTSIDE_NATIONAL_BANDING')].urn")
                .entityList(Integer.class).get().stream().map(String::valueOf).toList();
        assertThat(browser.findAll("[data-test=fees] tbody tr").stream().map(r -> r.getDomAttribute("data-urn")).toList())
                .containsExactlyElementsOf(outsideUrns.stream().limit(50).toList());

        List<String> csv = lines(download("/la/national-banding.csv?year=" + year));
        assertThat(csv.getFirst()).isEqualTo(HEADER);
        assertThat(csv).hasSize(bandings.size() + 1);
        assertThat(csv.stream().skip(1)).allSatisfy(line -> assertThat(line).startsWith(year + ",202,Camden,"));
    }

    @Test
    void thePlannerSeesTheRegionsStateFeesWithTheirLasAndARegulatorIsRefusedTheLasPage() throws IOException {
        var report = as("planner-london").document(REPORT).variable("y", year).execute();
        int outside = report.path("nationalBanding.outside").entity(Integer.class).get();
        List<String> bandings = report.path("nationalBanding.fees[*].banding").entityList(String.class).get();
        assertThat(outside).as("the demo's London state settings include some outside the banding").isPositive();

        browser.signIn("planner-london", PASSWORD);
        browser.clickLink("National banding");
        browser.checkPage("planner-national-banding");
        assertThat(browser.text(".govuk-caption-l")).isEqualTo("London, " + year);
        assertThat(browser.text("[data-test=outside]")).isEqualTo(count(outside));
        // 50 rows a page, furthest outside first, each saying how far in whole pounds
        List<WebElement> rows = browser.findAll("[data-test=fees] tbody tr");
        assertThat(outside).as("the demo's London fees outside the banding fill more than a page").isGreaterThan(50);
        assertThat(rows).hasSize(50);
        assertThat(browser.text("[data-test=fees-caption]")).isEqualTo("Fees outside the national banding, furthest out first: 1 to 50 of " + count(outside));
        assertThat(browser.findAll("[data-test=fees] [data-test=outside-by]")).allSatisfy(cell -> assertThat(cell.getText()).matches("£[0-9,]+ (above|below)"));
        assertThat(browser.findAll("[data-test=fees] thead th").stream().map(WebElement::getText).toList()).contains("LA");
        // each LA's counts add up to the region's
        List<String> las = report.path("nationalBanding.fees[*].laCode").entityList(String.class).get().stream().distinct().toList();
        assertThat(browser.findAll("[data-test=by-la] tbody tr").stream().map(r -> r.getDomAttribute("data-la")).toList())
                .containsExactlyInAnyOrderElementsOf(las);
        assertThat(browser.findAll("[data-test=by-la] tbody tr td:nth-of-type(1)").stream()
                .mapToInt(cell -> Integer.parseInt(cell.getText().replace(",", ""))).sum()).isEqualTo(outside);
        // page 2 (opened at the table, the year kept) shows the next furthest out, as GraphQL lists them
        List<String> outsideUrns = report.path("nationalBanding.fees[?(@.banding == 'OUTSIDE_NATIONAL_BANDING')].urn")
                .entityList(Integer.class).get().stream().map(String::valueOf).toList();
        String next = "[data-test=pagination] .govuk-pagination__next a";
        assertThat(browser.find(next).getDomAttribute("href")).isEqualTo("/region/national-banding?year=" + year + "&page=2#outside-fees");
        browser.click(next);
        browser.checkPage("planner-national-banding-page-2");
        assertThat(browser.findAll("[data-test=fees] tbody tr").stream().map(r -> r.getDomAttribute("data-urn")).toList())
                .containsExactlyElementsOf(outsideUrns.stream().skip(50).limit(50).toList());
        List<String> csv = lines(download("/region/national-banding.csv"));
        assertThat(csv.getFirst()).isEqualTo(HEADER);
        assertThat(csv).hasSize(bandings.size() + 1);

        browser.signOut();
        browser.signIn("regulator", PASSWORD);
        browser.openRefused("/la/national-banding", "regulator-refused-national-banding");
    }
}
