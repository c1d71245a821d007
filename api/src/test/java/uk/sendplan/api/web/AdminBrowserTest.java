package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import uk.sendplan.api.settings.GiasRows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.SETTING;

/**
 * The admin's pages in headless Chromium: users and scopes (a role given with its scope, each problem next to its
 * field and nothing saved until the form is right; a user stopped from signing in), and the GIAS register import (a
 * dry run's report, a file with a rejected row that cannot be imported, then a good file imported on confirmation;
 * the dry run's and the import's running pages checked while their work is held unfinished).
 * Other roles are refused them. Every page is checked by {@link Browser} (console, axe-core, screenshot, timing).
 */
class AdminBrowserTest extends BrowserTestBase {

    /** An element's right edge in the window, in CSS pixels. */
    private double right(String css) {
        return ((Number) browser.driver.executeScript("return document.querySelector(arguments[0]).getBoundingClientRect().right;", css)).doubleValue();
    }

    /** URNs no other test uses (GiasImportTest uses 150000-156999). */
    private static final int NEW_URN = 158_001;
    private static final int REJECTED_URN = 158_002;

    @Test
    void theAdminGivesAUserARoleWithItsScopeAndStopsThemSigningIn() throws IOException {
        String subject = "oidc|web-admin-test";
        browser.signIn("admin", PASSWORD);
        browser.clickLink("Users");
        browser.checkPage("admin-users");
        int before = browser.findAll("[data-test=users] tbody tr").size();
        assertThat(before).isEqualTo(as("admin").document("{ users { subject } }").execute().path("users").entityList(Object.class).get().size());
        assertThat(lines(download("/admin/users.csv"))).hasSize(before + 1).first().isEqualTo("subject,role,la_code,region_code,provider_id,scope,display_name,active");

        browser.clickLink("Give a user a role");
        browser.checkPage("admin-user-scope");
        // nothing typed: both problems next to their fields
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("admin-user-scope-errors");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#subject", "#role");

        // a commissioner without an LA: the service's own rule, next to the LA
        browser.find("#subject").sendKeys(subject);
        browser.find("#role").click();
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("admin-user-scope-no-la");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#laCode");
        assertThat(browser.text("#laCode-error")).contains("a commissioner's LA");
        assertThat(as("admin").document("{ users { subject } }").execute().path("users[*].subject").entityList(String.class).get()).doesNotContain(subject);

        new Select(browser.find("#laCode")).selectByValue("204");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("admin-user-saved");
        assertThat(browser.text("[data-test=saved]")).isEqualTo(subject + " is now Commissioner, Hackney");
        WebElement row = browser.find("[data-test=users] tr[data-subject='" + subject + "']");
        assertThat(row.getText()).contains("Commissioner", "Hackney", "Active");
        // at 1280 px wide the table, and every row's "Stop signing in" button, keep within the page's column
        assertThat(browser.driver.manage().window().getSize().getWidth()).isEqualTo(1280);
        double pageRight = right("#main-content");
        assertThat(right("[data-test=users]")).as("the users table's right edge").isLessThanOrEqualTo(pageRight);
        @SuppressWarnings("unchecked")
        List<Number> buttons = (List<Number>) browser.driver.executeScript("return [...document.querySelectorAll('[data-test=users] [data-test=actions] button')]"
                + ".map(b => b.getBoundingClientRect().right);");
        assertThat(buttons).as("a button in every active user's row").hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.doubleValue()).isLessThanOrEqualTo(right("[data-test=users]")));

        // stopped from signing in: the row stays, with its new status
        browser.click(row.findElement(By.cssSelector("form button")));
        browser.checkPage("admin-user-stopped");
        assertThat(browser.text("[data-test=saved]")).isEqualTo(subject + " can no longer sign in");
        assertThat(browser.text("[data-test=users] tr[data-subject='" + subject + "'] [data-test=active]")).isEqualTo("Cannot sign in");
        Map<String, Object> user = as("admin").document("{ users { subject active } }").execute().path("users").entityList(Object.class).get()
                .stream().map(BrowserTestBase::map).filter(u -> subject.equals(u.get("subject"))).findFirst().orElseThrow();
        assertThat(user.get("active")).isEqualTo(false);
    }

    @Test
    void theAdminChecksAGiasFileAndImportsItOnlyWhenNoRowIsRejected() throws IOException {
        browser.signIn("admin", PASSWORD);
        browser.clickLink("Register import");
        browser.checkPage("admin-register-import");

        // no file: the problem next to the field
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("admin-register-import-no-file");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#file");

        // a file with one good row and one rejected row: the report, and no way to import it
        Path bad = file("gias-rejected", new GiasRows().independentSpecial(NEW_URN, Map.of())
                .independentSpecial(REJECTED_URN, Map.of("LA (code)", "999")).csv());
        // not a GIAS extract: known from its first line, so shown by the field at once and nothing is run
        browser.find("#file").sendKeys(file("not-gias", "name,phase\nOrchard Lane,Secondary\n").toAbsolutePath().toString());
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("admin-register-import-not-gias");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/register-import");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#file");
        assertThat(browser.text("#file-error")).contains("The header lacks required GIAS column(s)");

        // the dry run runs in the background: its page, checked while the check is really unfinished (held behind the
        // test's own job), then the report once it has run
        browser.find("#file").sendKeys(bad.toAbsolutePath().toString());
        try (Held held = holdBackgroundWork("giasCheckJobs")) {
            browser.click("#main-content form[method=post] button[type=submit]");
            browser.checkRunningPage("admin-register-import-checking");
            assertThat(browser.driver.getCurrentUrl()).contains("/admin/register-import/checking/");
            assertThat(browser.text("[data-test=check-progress]")).startsWith("Check of gias-rejected").contains("Running for");
        }
        browser.driver.navigate().refresh();
        untilShown("[data-test=report]");
        browser.checkPage("admin-register-import-rejected");
        assertThat(browser.text("[data-test=rows]")).isEqualTo("2");
        assertThat(browser.text("[data-test=rejected]")).isEqualTo("1");
        assertThat(browser.findAll("[data-test=rejections] tbody tr")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.findElement(By.cssSelector("td")).getText()).as("the file's third line").isEqualTo("3"));
        assertThat(browser.findAll("[data-test=confirm]")).isEmpty();
        assertThat(setting(NEW_URN)).as("a dry run writes nothing").isNull();

        // the good row alone: checked, then imported on confirmation
        Path good = file("gias-good", new GiasRows().independentSpecial(NEW_URN, Map.of("EstablishmentName", "Orchard Lane School")).csv());
        browser.find("#file").sendKeys(good.toAbsolutePath().toString());
        browser.click("#main-content form[method=post] button[type=submit]");
        // left to refresh itself, as a person's page does
        untilShown("[data-test=report]");
        browser.checkPage("admin-register-import-report");
        assertThat(browser.text("[data-test=created]")).isEqualTo("1");
        assertThat(browser.text("[data-test=confirm]")).isEqualTo("Import 1 changes");
        assertThat(setting(NEW_URN)).isNull();
        // the import runs in the background: its page, checked while the import is held unfinished, then the import
        // page once it has run
        try (Held held = holdBackgroundWork("importJobs")) {
            browser.click("[data-test=confirm]");
            browser.checkRunningPage("admin-register-import-running");
            assertThat(browser.text("[data-test=import-progress]")).contains("Running for");
            assertThat(setting(NEW_URN)).as("nothing imported until the import has run").isNull();
        }
        browser.driver.navigate().refresh();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(60))
                .until(d -> d.getCurrentUrl().endsWith("/admin/register-import"));
        browser.checkPage("admin-register-imported");
        assertThat(browser.text("[data-test=imported]")).isEqualTo("Imported: 1 settings added and 0 changed");
        assertThat(setting(NEW_URN)).isEqualTo("Orchard Lane School");
    }

    @Test
    void otherRolesAreRefusedTheAdminsPages() throws IOException {
        for (String subject : List.of("regulator", "commissioner-camden")) {
            browser.signIn(subject, PASSWORD);
            // first, as the refused download's 403 is in the console, which the next refused page expects
            assertThat(download("/admin/users.csv")).doesNotContain("subject,role");
            for (String path : List.of("/admin/users", "/admin/register-import")) {
                browser.openRefused(path, subject + "-refused" + path.replace('/', '-'));
                assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
            }
        }
    }

    /** The setting's name on the register, or null when the register has no such setting. */
    private String setting(int urn) {
        return db.select(SETTING.NAME).from(SETTING).where(SETTING.URN.eq(urn)).fetchOne(SETTING.NAME);
    }

    private static Path file(String name, String csv) throws IOException {
        Path file = Files.createTempFile(name, ".csv");
        Files.writeString(file, csv);
        file.toFile().deleteOnExit();
        return file;
    }
}
