package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's business manager in headless Chromium on the demo data: their fee schedules with each fee's check,
 * and a finding the regulator's audit opened answered end to end (no response: the problem next to the field and the
 * finding unchanged; then the response, after which the finding waits for the regulator). Another provider's finding
 * is refused. Every page is checked by {@link Browser} (console, axe-core, screenshot, navigation timing).
 */
class ProviderBrowserTest extends BrowserTestBase {

    /** The demo year with fees for every demo setting, as RegulatorBrowserTest uses (not the current year, which DemoFeesTest audits). */
    private static final String YEAR = RegulatorBrowserTest.YEAR;

    @Test
    void theProviderReadsItsFeesWithTheirChecksAndAnswersAFinding() throws IOException {
        var provider = as("provider-demo");
        String providerId = provider.document("{ me { provider { id } } }").execute().path("me.provider.id").entity(String.class).get();
        List<Integer> own = provider.document("query($id: ID!) { provider(id: $id) { settings { urn } } }").variable("id", providerId).execute()
                .path("provider.settings[*].urn").entityList(Integer.class).get();
        int fees = 0;
        for (int urn : own) {
            fees += provider.document("query($urn: Int!, $y: String!) { fees(urn: $urn, financialYear: $y) { id } }").variable("urn", urn)
                    .variable("y", YEAR).execute().path("fees").entityList(Object.class).get().size();
        }
        assertThat(fees).as("the demo gives every demo setting fees for " + YEAR).isPositive();

        // the regulator audits this provider's fees for the year: its findings are what the provider answers
        as("regulator").document("mutation($y: String!, $p: ID!) { runFeeAudit(financialYear: $y, scope: { providerId: $p }) { audit { id } } }")
                .variable("y", YEAR).variable("p", providerId).execute();

        browser.signIn("provider-demo", PASSWORD);
        browser.clickLink("Fees");
        browser.checkPage("provider-fees");
        new Select(browser.find("#year")).selectByValue(YEAR);
        browser.click("form[method=get] button");
        browser.checkPage("provider-fees-" + YEAR);
        assertThat(browser.text("h1")).isEqualTo("Fees " + YEAR);
        assertThat(browser.text("[data-test=fee-count]")).startsWith(count(fees) + " fees for " + YEAR);
        // a page at a time, each fee once across the pages; the year chosen stays chosen from page to page
        int pageSize = 50;
        int pages = (fees + pageSize - 1) / pageSize;
        assertThat(browser.findAll("[data-test=fees] tbody tr")).hasSize(Math.min(fees, pageSize));
        assertThat(browser.findAll("[data-test=verdict]")).as("every fee was checked by the audit").hasSize(Math.min(fees, pageSize));
        assertThat(pages).as("the demo provider has more fees than one page holds").isGreaterThan(1);
        assertThat(browser.text("[data-test=fee-range]")).isEqualTo("1 to " + pageSize);
        List<String> firstPage = feeIds();
        browser.click("[data-test=pagination] .govuk-pagination__next a");
        browser.checkPage("provider-fees-page-2");
        assertThat(browser.text("h1")).isEqualTo("Fees " + YEAR);
        assertThat(browser.text("[data-test=fee-range]")).isEqualTo((pageSize + 1) + " to " + Math.min(fees, 2 * pageSize));
        assertThat(browser.find("[data-test=pagination] [aria-current=page]").getText()).isEqualTo("2");
        assertThat(feeIds()).hasSize(Math.min(fees, 2 * pageSize) - pageSize).doesNotContainAnyElementsOf(firstPage);
        List<WebElement> numbers = browser.findAll("[data-test=pagination] .govuk-pagination__item a");
        assertThat(numbers.getLast().getText()).isEqualTo(String.valueOf(pages));
        browser.click(numbers.getLast());
        browser.checkPage("provider-fees-last-page");
        assertThat(browser.findAll("[data-test=fees] tbody tr")).hasSize(fees - (pages - 1) * pageSize);
        assertThat(browser.findAll("[data-test=verdict]")).hasSize(fees - (pages - 1) * pageSize);
        assertThat(browser.findAll("[data-test=pagination] .govuk-pagination__next")).as("no page after the last").isEmpty();
        assertThat(browser.findAll("[data-test=annual-fee]").stream().map(WebElement::getText).toList()).allMatch(t -> t.matches("£\\d{1,3}(,\\d{3})*"));
        List<String> csv = lines(download("/provider/fees.csv?year=" + YEAR));
        assertThat(csv.getFirst()).startsWith("urn,setting_name,financial_year,band,kind,revision,annual_fee,");
        assertThat(csv).hasSize(fees + 1);

        var open = provider.document("{ feeFindings(filter: { statuses: [OPEN] }, first: 100) { totalCount edges { node { id } } } }").execute();
        int openBefore = open.path("feeFindings.totalCount").entity(Integer.class).get();
        assertThat(openBefore).as("the demo gives this provider fees that break the framework").isPositive();
        String findingId = open.path("feeFindings.edges[0].node.id").entity(String.class).get();

        browser.clickLink("Findings");
        browser.checkPage("provider-findings");
        new Select(browser.find("#status")).selectByValue("OPEN");
        browser.click("form[method=get] button");
        browser.checkPage("provider-findings-open");
        assertThat(browser.text("[data-test=total]")).startsWith(count(openBefore) + " ");
        assertThat(browser.findAll("[data-test=findings] thead th").stream().map(WebElement::getText).toList())
                .as("a provider reads only its own findings: no provider column").doesNotContain("Provider");
        assertThat(lines(download("/provider/findings.csv?status=OPEN"))).hasSize(openBefore + 1);

        browser.clickLink(findingId);
        browser.checkPage("provider-finding");
        assertThat(browser.text("h1")).isEqualTo("Finding " + findingId);

        // no response: the problem next to the field, nothing saved
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("provider-finding-error");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#note");
        assertThat(browser.text("#note-error")).contains("Enter your response");
        assertThat(statusOf(findingId)).isEqualTo("OPEN");

        browser.find("#note").sendKeys("The fee covers one-to-one support all day and a therapist two days a week; costs attached.");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("provider-finding-answered");
        assertThat(browser.text("[data-test=moved]")).isEqualTo("Your response is sent to the regulator");
        assertThat(browser.text("[data-test=status]")).isEqualTo("Provider responded");
        assertThat(browser.text("[data-test=history]")).contains("one-to-one support all day");
        assertThat(browser.findAll("#main-content form[method=post]")).as("a provider responds once").isEmpty();
        assertThat(statusOf(findingId)).isEqualTo("PROVIDER_RESPONDED");
    }

    @Test
    void aProviderIsRefusedAnotherProvidersFindingAndTheRegulatorsQueue() throws IOException {
        var regulator = as("regulator");
        String providerId = as("provider-demo").document("{ me { provider { id } } }").execute().path("me.provider.id").entity(String.class).get();
        regulator.document("mutation($y: String!) { runFeeAudit(financialYear: $y) { audit { id } } }").variable("y", YEAR).execute();
        String someoneElses = regulator.document("{ feeFindings(first: 100) { edges { node { id provider { id } } } } }").execute()
                .path("feeFindings.edges").entityList(Object.class).get().stream().map(BrowserTestBase::map)
                .filter(e -> !providerId.equals(map(map(e.get("node")).get("provider")).get("id")))
                .map(e -> (String) map(e.get("node")).get("id")).findFirst().orElseThrow();

        browser.signIn("provider-demo", PASSWORD);
        browser.openRefused("/provider/findings/" + someoneElses, "provider-other-finding-refused");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        browser.openRefused("/regulation/findings/" + someoneElses, "provider-regulator-finding-refused");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(lines(download("/provider/findings.csv"))).as("the provider's export has only its own findings")
                .noneMatch(line -> line.startsWith(someoneElses + ","));

        browser.signIn("commissioner-camden", PASSWORD);
        browser.openRefused("/provider/fees", "commissioner-refused-provider-fees");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
    }

    /** The fees the page shows, by id. */
    private List<String> feeIds() {
        return browser.findAll("[data-test=fees] tbody tr").stream().map(tr -> tr.getDomAttribute("data-fee")).toList();
    }

    private String statusOf(String findingId) {
        return as("regulator").document("query($id: ID!) { feeFinding(id: $id) { status } }").variable("id", findingId).execute()
                .path("feeFinding.status").entity(String.class).get();
    }
}
