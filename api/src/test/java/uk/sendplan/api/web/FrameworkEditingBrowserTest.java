package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.RATE_FRAMEWORK;

/**
 * The regulator drafts, edits and publishes a rates framework in headless Chromium (issue 14, item 5): a draft for a
 * new year started from the demo's 2026-27 version, its caps, amounts and a state tariff changed, each problem shown
 * next to its field with nothing saved, then published after a confirmation; every step audited by the services.
 * Every page is checked by {@link Browser} (console, axe-core, screenshot, navigation timing).
 */
class FrameworkEditingBrowserTest extends BrowserTestBase {

    /** A year neither the demo (2025-26 to 2027-28) nor the fee tests (2040-41 on) use. */
    static final String YEAR = "2030-31";

    @Test
    void aRegulatorDraftsEditsAndPublishesAFrameworkWithProblemsShownAndNothingSavedUntilRight() throws IOException {
        var regulator = as("regulator");
        String source = regulator.document("{ publishedRateFramework(financialYear: \"2026-27\") { id } }").execute()
                .path("publishedRateFramework.id").entity(String.class).get();
        int before = db.fetchCount(RATE_FRAMEWORK);

        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Rates framework");
        browser.click("[data-test=start-draft]");
        browser.checkPage("regulator-framework-new");

        // nothing chosen: both problems next to their fields, nothing created
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-framework-new-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList())
                .containsExactly("#copyFromId", "#financialYear");
        // a malformed year: the service's rule, next to the field
        new Select(browser.find("#copyFromId")).selectByValue(source);
        browser.find("#financialYear").sendKeys("2030/31");
        browser.click("#main-content form[method=post] button[type=submit]");
        assertThat(browser.text("#financialYear-error")).contains("Expected a financial year such as 2026-27, got \"2030/31\"");
        assertThat(db.fetchCount(RATE_FRAMEWORK)).isEqualTo(before);

        browser.find("#financialYear").clear();
        browser.find("#financialYear").sendKeys(YEAR);
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-framework-edit");
        String draft = browser.driver.getCurrentUrl().replaceFirst(".*/regulation/frameworks/(\\d+)/edit$", "$1");
        assertThat(db.fetchCount(RATE_FRAMEWORK)).isEqualTo(before + 1);
        var created = regulator.document("query($id: ID!) { rateFramework(id: $id) { financialYear status name bands { code referenceRate stateTariff { min max } } } }")
                .variable("id", draft).execute();
        created.path("rateFramework.financialYear").entity(String.class).isEqualTo(YEAR)
                .path("rateFramework.status").entity(String.class).isEqualTo("DRAFT")
                .path("rateFramework.name").entity(String.class).isEqualTo("Illustrative national rates framework");
        String band = created.path("rateFramework.bands[0].code").entity(String.class).get();
        String tariffMax = created.path("rateFramework.bands[0].stateTariff.max").entity(String.class).get();
        assertThat(browser.text("[data-test=band-inputs] tbody tr:first-child th")).isEqualTo(band);

        // a cap that is not a number and a tariff whose lowest fee is above its highest: the page's rule first
        replace("#maxUpliftPercent", "five");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-framework-edit-error");
        assertThat(browser.text("#maxUpliftPercent-error")).contains("Enter the uplift cap as a percentage");
        // then the service's: shown next to the band's field, and the draft is as it was
        replace("#maxUpliftPercent", "3.5");
        replace("#band-0-tariffMin", "90000");
        browser.click("#main-content form[method=post] button[type=submit]");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList())
                .containsExactly("#band-0-tariffMin");
        assertThat(browser.text("#band-0-tariffMin-error")).contains("Must not be above the maximum");
        regulator.document("query($id: ID!) { rateFramework(id: $id) { maxUpliftPercent bands { stateTariff { max } } } }").variable("id", draft).execute()
                .path("rateFramework.maxUpliftPercent").entity(Double.class).isEqualTo(5.0)
                .path("rateFramework.bands[0].stateTariff.max").entity(String.class).isEqualTo(tariffMax);

        // right: saved, and the list shows it
        replace("#band-0-tariffMin", "12000");
        replace("#band-0-tariffMax", "20000.50");
        replace("#surplusCapPercent", "6");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-frameworks-after-edit");
        regulator.document("query($id: ID!) { rateFramework(id: $id) { maxUpliftPercent surplusCapPercent bands { stateTariff { min max } } } }")
                .variable("id", draft).execute()
                .path("rateFramework.maxUpliftPercent").entity(Double.class).isEqualTo(3.5)
                .path("rateFramework.surplusCapPercent").entity(Double.class).isEqualTo(6.0)
                .path("rateFramework.bands[0].stateTariff.min").entity(String.class).isEqualTo("12000.00")
                .path("rateFramework.bands[0].stateTariff.max").entity(String.class).isEqualTo("20000.50");
        assertThat(browser.text("[data-test=framework-" + draft + "] [data-test=bands] tbody tr:first-child [data-test=tariff]"))
                .isEqualTo("£12,000 to £20,001");

        // publish, after the confirmation
        browser.click("[data-test=framework-" + draft + "] [data-test=publish]");
        browser.checkPage("regulator-framework-publish");
        assertThat(browser.text("h1")).isEqualTo("Are you sure you want to publish this framework?");
        assertThat(browser.text("[data-test=consequence]")).contains("never changes");
        browser.find("#reason").sendKeys("Next year's framework, with state tariffs.");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("regulator-framework-published");
        assertThat(browser.text("[data-test=published]")).contains(YEAR + " version 1 is published and in force");
        assertThat(browser.text("[data-test=framework-" + draft + "] [data-test=status]")).isEqualTo("PUBLISHED");
        assertThat(browser.findAll("[data-test=framework-" + draft + "] [data-test=edit]")).isEmpty();

        // the services audited every step as the regulator
        List<String> actions = db.select(AUDIT_EVENT.ACTION).from(AUDIT_EVENT).where(AUDIT_EVENT.ENTITY_TYPE.eq("rate_framework"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(draft)).and(AUDIT_EVENT.ACTOR.eq("regulator")).orderBy(AUDIT_EVENT.ID).fetch(AUDIT_EVENT.ACTION);
        assertThat(actions).containsExactly("RATE_FRAMEWORK_CREATED", "RATE_FRAMEWORK_UPDATED", "RATE_FRAMEWORK_PUBLISHED");

        // a published version's edit page is refused with the reason
        browser.driver.get(browser.url("/regulation/frameworks/" + draft + "/edit"));
        assertThat(browser.text("#main-content")).contains("is PUBLISHED and never changes");
    }

    private void replace(String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }
}
