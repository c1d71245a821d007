package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regulator's pages in headless Chromium on the demo data: the rates framework's versions, a fee audit run from
 * its form with the chart of fees against reference and ceiling per band, and a finding its provider has
 * answered decided end to end, with problems shown next to their fields and nothing saved until the form is right;
 * other roles are refused these pages. Every page is checked by {@link Browser} (console, axe-core, screenshot,
 * navigation timing).
 */
class RegulatorBrowserTest extends BrowserTestBase {

    /**
     * A demo year with a published framework and fees for every demo setting (DemoFees.LAST_YEAR): not the current
     * year, which DemoFeesTest audits nationally in the same database and expects to open findings.
     */
    static final String YEAR = "2025-26";

    @Test
    void theRegulatorSeesEachFrameworkVersionWithItsStatusBandsAndUpliftCap() throws IOException {
        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Rates framework");
        browser.checkPage("regulator-rates-framework");
        assertThat(browser.text("h1")).isEqualTo("Rates framework");

        var regulator = as("regulator");
        var all = regulator.document("{ rateFrameworks { id status } }").execute();
        List<String> ids = all.path("rateFrameworks[*].id").entityList(String.class).get();
        List<String> statuses = all.path("rateFrameworks[*].status").entityList(String.class).get();
        assertThat(ids).isNotEmpty();
        int bands = 0;
        for (String id : ids) {
            var framework = regulator.document("query($id: ID!) { rateFramework(id: $id) { status maxUpliftPercent bands { code referenceRate ceiling } } }")
                    .variable("id", id).execute();
            String section = "[data-test=framework-" + id + "] ";
            assertThat(browser.text(section + "[data-test=status]")).isEqualTo(framework.path("rateFramework.status").entity(String.class).get());
            int count = framework.path("rateFramework.bands").entityList(Object.class).get().size();
            assertThat(browser.findAll(section + "[data-test=bands] tbody tr")).hasSize(count);
            bands += count;
        }
        // every version's status is shown as a tag, in the service's order (newest year first)
        assertThat(browser.findAll("[data-test=status]").stream().map(WebElement::getText).toList()).containsExactlyElementsOf(statuses);
        assertThat(browser.text("[data-test^=framework-] [data-test=uplift-cap]")).endsWith("% a year");

        List<String> csv = lines(download("/regulation/frameworks.csv"));
        assertThat(csv.getFirst()).isEqualTo("framework_id,financial_year,version,status,max_uplift_percent,band,description,kind,complexity,needs,reference_rate,ceiling,state_tariff_min,state_tariff_max");
        assertThat(csv).hasSize(bands + 1);
    }

    @Test
    void theRegulatorRunsAnAuditSeesItsChartAndDecidesAFindingTheProviderAnswered() throws IOException {
        var regulator = as("regulator");
        int auditsBefore = audits();

        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Fee audits");
        browser.checkPage("regulator-fee-audits");

        // no year chosen: the problem is next to the field and no audit is run
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-fee-audits-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#financialYear");
        assertThat(browser.text("#financialYear-error")).contains("Select the financial year to audit");
        assertThat(audits()).isEqualTo(auditsBefore);

        // England for the year
        new Select(browser.find("#financialYear")).selectByValue(YEAR);
        // the audit runs in the background: its page, checked while the audit is held unfinished (behind the test's own
        // job), then left to refresh itself every second until the audit's own page comes
        try (Held held = holdBackgroundWork("auditJobs")) {
            browser.click("#main-content form[method=post] button[type=submit]");
            browser.checkRunningPage("regulator-fee-audit-running");
            assertThat(browser.text("[data-test=audit-progress]")).contains("Running for");
            assertThat(audits()).as("nothing saved until the audit has run").isEqualTo(auditsBefore);
        }
        browser.driver.navigate().refresh();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(120))
                .until(d -> d.getCurrentUrl().matches(".*/regulation/audits/[0-9]+"));
        browser.checkPage("regulator-fee-audit");
        assertThat(audits()).isEqualTo(auditsBefore + 1);
        String auditId = browser.driver.getCurrentUrl().replaceFirst(".*/regulation/audits/", "");
        // the page above may have come from the refreshes, so the page's own first view is measured here
        browser.open("/regulation/audits/" + auditId, "regulator-fee-audit-view");
        var audit = regulator.document("query($id: ID!) { feeAudit(id: $id) { feesChecked statistics { band kind region { code } fees } } }")
                .variable("id", auditId).execute();
        assertThat(browser.text("[data-test=fees-checked]")).isEqualTo(count(audit.path("feeAudit.feesChecked").entity(Integer.class).get()));

        // the providers with most findings, as GraphQL ranks them, as CSV too
        List<Integer> most = regulator.document("query($id: ID!) { feeAudit(id: $id) { providersWithMostFindings(first: 10) { findings } } }")
                .variable("id", auditId).execute().path("feeAudit.providersWithMostFindings[*].findings").entityList(Integer.class).get();
        assertThat(most).as("a national audit of the demo fees opens findings").isNotEmpty();
        assertThat(browser.text("[data-test=top-providers-note]")).startsWith("Up to 10 providers, most findings first: where to call first. Every finding is in findings.");
        assertThat(browser.findAll("[data-test=top-providers] tbody tr td:nth-of-type(1)").stream().map(WebElement::getText).toList())
                .containsExactlyElementsOf(most.stream().map(BrowserTestBase::count).toList());
        assertThat(lines(download("/regulation/audits/" + auditId + "/providers.csv"))).hasSize(most.size() + 1).first().asString()
                .startsWith("provider_id,provider,findings,undecided,settings,");

        // the chart is an image with a title and a description, and its rows are the table's rows below it
        WebElement chart = browser.find("svg[data-test=chart]");
        assertThat(chart.getDomAttribute("role")).isEqualTo("img");
        assertThat(browser.find("#chart-title").getDomProperty("textContent")).isEqualTo("Fees against reference and ceiling by band, fee audit " + auditId);
        assertThat(browser.find("#chart-desc").getDomProperty("textContent")).contains("The table below gives the same numbers");
        List<String> chartRows = browser.findAll("svg[data-test=chart] g[data-band]").stream().map(g -> g.getDomAttribute("data-band")).toList();
        List<String> tableRows = browser.findAll("[data-test=bands] tbody th").stream().map(WebElement::getText).toList();
        long wholeScope = audit.path("feeAudit.statistics").entityList(Object.class).get().stream()
                .filter(s -> ((java.util.Map<?, ?>) s).get("region") == null).count();
        assertThat(chartRows).isNotEmpty().hasSize((int) wholeScope).isEqualTo(tableRows);
        assertThat(chartRows).contains("Day, band 3");
        assertThat(browser.findAll("[data-test=key] li").stream().map(WebElement::getText).toList())
                .containsExactly("Median fee", "90th percentile fee", "Reference fee of the band", "Ceiling of the band");
        List<String> bandsCsv = lines(download("/regulation/audits/" + auditId + "/bands.csv"));
        assertThat(bandsCsv.getFirst()).isEqualTo("band,fees,median_fee,p90_fee,reference_rate,ceiling");
        assertThat(bandsCsv).hasSize(chartRows.size() + 1);

        // the list of audits, newest first: this audit heads it, and the page of those before it leaves it out and links back
        browser.clickLink("Fee audits");
        assertThat(browser.findAll("[data-test=audits] tbody tr").getFirst().getDomAttribute("data-audit")).isEqualTo(auditId);
        assertThat(browser.findAll("[data-test=audit-pages]")).as("the test database has fewer than a page of audits").isEmpty();
        browser.open("/regulation/audits?before=" + auditId, "regulator-fee-audits-older");
        List<Long> older = browser.findAll("[data-test=audits] tbody tr").stream().map(r -> Long.parseLong(r.getDomAttribute("data-audit"))).toList();
        assertThat(older).hasSize(audits() - 1).allSatisfy(id -> assertThat(id).isLessThan(Long.parseLong(auditId)));
        assertThat(browser.find("[data-test=audit-pages] .govuk-pagination__prev a").getDomAttribute("href")).isEqualTo("/regulation/audits");
        browser.open("/regulation/audits/" + auditId, "regulator-fee-audit-again");

        // a provider answers one of its findings from this audit
        var open = regulator.document("query($a: ID!) { feeFindings(filter: { auditId: $a, statuses: [OPEN] }, first: 1) { edges { node { id provider { id } } } } }")
                .variable("a", auditId).execute();
        String findingId = open.path("feeFindings.edges[0].node.id").entity(String.class).get();
        var provider = asProvider(Long.parseLong(open.path("feeFindings.edges[0].node.provider.id").entity(String.class).get()));
        provider.document("mutation($id: ID!) { setFeeFindingStatus(input: { id: $id, status: PROVIDER_RESPONDED, "
                        + "note: \"Our fee covers waking-night staff; costs attached.\" }) { finding { status } } }")
                .variable("id", findingId).execute().path("setFeeFindingStatus.finding.status").entity(String.class).isEqualTo("PROVIDER_RESPONDED");

        // the work queue, filtered to the answered findings, as CSV too
        browser.clickLink("Findings");
        browser.checkPage("regulator-findings");
        new Select(browser.find("#status")).selectByValue("PROVIDER_RESPONDED");
        browser.click("form[method=get] button");
        browser.checkPage("regulator-findings-responded");
        assertThat(browser.findAll("[data-test=findings] tbody tr td:nth-child(6)").stream().map(WebElement::getText).distinct().toList())
                .containsExactly("Provider responded");
        int responded = regulator.document("{ feeFindings(filter: { statuses: [PROVIDER_RESPONDED] }) { totalCount } }").execute()
                .path("feeFindings.totalCount").entity(Integer.class).get();
        assertThat(browser.text("[data-test=total]")).startsWith(count(responded) + " ");
        assertThat(lines(download("/regulation/findings.csv?status=PROVIDER_RESPONDED"))).hasSize(responded + 1);

        browser.clickLink(findingId);
        browser.checkPage("regulator-finding");
        assertThat(browser.text("h1")).isEqualTo("Finding " + findingId);
        assertThat(browser.findAll("[data-test=history] tbody tr")).as("opened by the audit, answered by the provider").hasSize(2);
        assertThat(browser.text("[data-test=history]")).contains("Our fee covers waking-night staff");

        // no decision and no reason: each problem next to its field, the finding unchanged
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-finding-errors");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList())
                .containsExactly("#decision", "#note");
        assertThat(browser.text("#note-error")).contains("Enter the reason for your decision");
        assertThat(statusOf(findingId)).isEqualTo("PROVIDER_RESPONDED");

        browser.find("#decision-UPHELD").click();
        browser.find("#note").sendKeys("The fee exceeds the band's limit and the costs do not explain it.");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-finding-decided");
        assertThat(browser.text("[data-test=moved]")).isEqualTo("Decided: Uphold the finding");
        assertThat(browser.text("[data-test=status]")).isEqualTo("Upheld");
        assertThat(browser.findAll("[data-test=history] tbody tr")).hasSize(3);
        assertThat(browser.findAll("#main-content form[method=post]")).as("a decision is final: no form to decide again").isEmpty();
        assertThat(statusOf(findingId)).isEqualTo("UPHELD");
    }

    @Test
    void aProviderAndACommissionerAreRefusedTheRegulatorsPages() throws IOException {
        browser.signIn("provider-demo", PASSWORD);
        browser.openRefused("/regulation/findings", "provider-refused-regulation-findings");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.text("[data-test=problem]")).contains("not permitted for your role (provider)");
        assertThat(browser.findAll(".govuk-service-navigation__link").stream().map(WebElement::getText).toList())
                .doesNotContain("Fee audits", "Rates framework");
        assertThat(browser.findAll(".govuk-service-navigation__link").stream().map(a -> a.getDomAttribute("href")).toList())
                .as("a provider's Findings are its own").noneMatch(href -> href.startsWith("/regulation"));

        browser.signIn("commissioner-camden", PASSWORD);
        for (String path : List.of("/regulation/frameworks", "/regulation/audits", "/regulation/findings/1")) {
            browser.openRefused(path, "commissioner-refused" + path.replace('/', '-'));
            assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        }
        assertThat(download("/regulation/findings.csv")).doesNotContain("finding_id");
    }

    private int audits() {
        return as("regulator").document("{ feeAudits(first: 100) { edges { node { id } } } }").execute()
                .path("feeAudits.edges").entityList(Object.class).get().size();
    }

    private String statusOf(String findingId) {
        return as("regulator").document("query($id: ID!) { feeFinding(id: $id) { status } }").variable("id", findingId).execute()
                .path("feeFinding.status").entity(String.class).get();
    }
}
