package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.PLACEMENT_REQUEST;

/**
 * A commissioner imports children waiting from a CSV file in headless Chromium: no file, a file without the required
 * columns (refused by the field at once), a file malformed after its header (refused by the field once the dry run has
 * read it), then a file with a rejected row (its dry run's running page, checked while held unfinished; its report,
 * no way to import it, nothing written), then the corrected file imported on confirmation into their own LA. Every
 * page is checked by {@link Browser} (console, axe-core, screenshot, timing).
 */
class DemandImportBrowserTest extends BrowserTestBase {

    private static final String HEADER = "reference,primary_need,secondary_need,band,age,easting,northing,home_district,gender,"
            + "needs_boarding,current_urn,keep_current,preferences,start_term\n";

    @Test
    void aCommissionerChecksAFileAndImportsItOnlyWhenNoRowIsRejected() throws IOException {
        String a = "WEB-IMPORT-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "WEB-IMPORT-" + UUID.randomUUID().toString().substring(0, 8);
        browser.signIn("commissioner-camden", PASSWORD);
        browser.clickLink("Children waiting");
        browser.clickLink("Import children from a CSV file");
        browser.checkPage("commissioner-demand-import");

        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-demand-import-no-file");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(e -> e.getDomAttribute("href")).toList()).containsExactly("#file");

        // a required column missing: known from the first line, so shown by the field at once and nothing is run
        browser.find("#file").sendKeys(file("reference,primary_need\n" + a + ",SEMH\n").toAbsolutePath().toString());
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-demand-import-bad-header");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/demand/import");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(e -> e.getDomAttribute("href")).toList()).containsExactly("#file");
        assertThat(browser.text("#file-error")).contains("The header lacks required column(s) band, age, gender, start_term");

        // a quote never closed after the header: found only when the dry run reads the whole file, so its page shows
        // the form again with the problem by the field, and nothing is written
        browser.find("#file").sendKeys(file(HEADER + a + ",\"SEMH,,2,9,530120,184560,,FEMALE,no,,,,2027-AUTUMN\n").toAbsolutePath().toString());
        browser.click("#main-content form[method=post] button[type=submit]");
        untilShown("#file-error");
        browser.checkPage("commissioner-demand-import-malformed");
        assertThat(browser.driver.getCurrentUrl()).contains("/demand/import/checking/");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(e -> e.getDomAttribute("href")).toList()).containsExactly("#file");
        assertThat(browser.text("#file-error")).contains("Malformed CSV: a quoted field opened on line 2 is never closed");
        assertThat(db.fetchCount(PLACEMENT_REQUEST, PLACEMENT_REQUEST.REFERENCE.in(a, b))).isZero();

        // the second child's need is not one of DfE's codes: rejected with its row and column. The dry run runs in the
        // background: its page, checked while the check is really unfinished (held behind the test's own job), then the
        // report once it has run
        Path bad = file(HEADER + a + ",SEMH,,2,9,530120,184560,,FEMALE,no,,,,2027-AUTUMN\n" + b + ",XYZ,,3,12,,,NW3,MALE,no,,,,2027-AUTUMN\n");
        browser.find("#file").sendKeys(bad.toAbsolutePath().toString());
        try (Held held = holdBackgroundWork("demandCheckJobs")) {
            browser.click("#main-content form[method=post] button[type=submit]");
            browser.checkRunningPage("commissioner-demand-import-checking");
            assertThat(browser.driver.getCurrentUrl()).contains("/demand/import/checking/");
            assertThat(browser.text("[data-test=check-progress]")).startsWith("Check of children").contains("Running for");
        }
        browser.driver.navigate().refresh();
        untilShown("[data-test=report]");
        browser.checkPage("commissioner-demand-import-rejected");
        assertThat(browser.text("[data-test=rows]")).isEqualTo("2");
        assertThat(browser.text("[data-test=rejected]")).isEqualTo("1");
        assertThat(browser.find("[data-test=rejections] tbody tr").findElements(By.cssSelector("td")).stream().map(e -> e.getText()).toList())
                .startsWith("3", "primary_need");
        assertThat(browser.findAll("[data-test=confirm]")).isEmpty();
        assertThat(db.fetchCount(PLACEMENT_REQUEST, PLACEMENT_REQUEST.REFERENCE.in(a, b))).as("a dry run writes nothing").isZero();

        Path good = file(HEADER + a + ",SEMH,,2,9,530120,184560,,FEMALE,no,,,,2027-AUTUMN\n" + b + ",ASD,,3,12,,,NW3,MALE,no,,,,2027-AUTUMN\n");
        browser.find("#file").sendKeys(good.toAbsolutePath().toString());
        browser.click("#main-content form[method=post] button[type=submit]");
        // left to refresh itself, as a person's page does
        untilShown("[data-test=report]");
        browser.checkPage("commissioner-demand-import-report");
        assertThat(browser.text("[data-test=created]")).isEqualTo("2");
        assertThat(db.fetchCount(PLACEMENT_REQUEST, PLACEMENT_REQUEST.REFERENCE.in(a, b))).isZero();
        browser.click("[data-test=confirm]");
        browser.checkPage("commissioner-demand-imported");
        assertThat(browser.text("[data-test=imported]")).isEqualTo("Imported: 2 children added and 0 updated");
        assertThat(db.fetchCount(PLACEMENT_REQUEST, PLACEMENT_REQUEST.REFERENCE.in(a, b).and(PLACEMENT_REQUEST.LA_CODE.eq("202"))))
                .as("into the commissioner's own LA").isEqualTo(2);
    }

    private static Path file(String csv) throws IOException {
        Path file = Files.createTempFile("children", ".csv");
        Files.writeString(file, csv);
        file.toFile().deleteOnExit();
        return file;
    }
}
