package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regulator's suspensions in headless Chromium: a setting of its own (so no other test's register changes)
 * suspended by URN with a reason after the form's and the service's refusals are shown by their fields, listed and
 * downloaded, then reinstated; the register says so at each step. A provider is refused the page.
 */
class SuspensionsBrowserTest extends BrowserTestBase {

    /** Clear of GiasImportTest's URNs (150,000-156,999) and AdminBrowserTest's (158,001-158,002). */
    static final int URN = 159_101;

    @Test
    void theRegulatorSuspendsASettingWithAReasonAndReinstatesIt() throws IOException {
        String provider = graphQl.document("mutation { registerProvider(input: {name: \"Suspension Test Trust\", kind: INDEPENDENT}) { provider { id } } }")
                .execute().path("registerProvider.provider.id").entity(String.class).get();
        graphQl.document("mutation($input: RegisterSettingInput!) { registerSetting(input: $input) { setting { urn } } }")
                .variable("input", Map.of("urn", URN, "name", "Suspension Test School", "type", "INDEPENDENT_SPECIAL", "providerId", provider,
                        "laCode", "886", "location", Map.of("easting", 580_000, "northing", 150_000), "ageFrom", 7, "ageTo", 16,
                        "places", List.of(Map.of("need", "SEMH", "phase", "SECONDARY", "capacity", 8, "occupied", 2))))
                .execute().path("registerSetting.setting.urn").entity(Integer.class).isEqualTo(URN);

        browser.signIn("regulator", PASSWORD);
        browser.clickLink("Suspensions");
        browser.checkPage("regulator-suspensions");
        assertThat(browser.text("h1")).isEqualTo("Suspensions");

        // nothing typed: both fields say what to do
        browser.click("#suspend");
        browser.checkPage("regulator-suspensions-errors");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.text("#urns-error")).contains("Enter the URN of at least one setting to suspend");
        assertThat(browser.text("#reason-error")).contains("Enter the reason for suspending");

        // a URN that is not a number, and one that is not on the register: each by the URNs field, nothing changed
        browser.find("#urns").sendKeys(URN + ", abc");
        browser.find("#reason").sendKeys("Finding upheld: fees above the ceiling and not reduced");
        browser.click("#suspend");
        assertThat(browser.text("#urns-error")).contains("\"abc\" is not one");
        assertThat(browser.find("#reason").getDomProperty("value")).as("what was typed is kept").startsWith("Finding upheld");
        browser.find("#urns").clear();
        browser.find("#urns").sendKeys(URN + ", 999999999");
        browser.click("#suspend");
        browser.checkPage("regulator-suspensions-unknown-urn");
        assertThat(browser.text("#urns-error")).contains("No setting with URN 999999999");
        assertThat(status()).as("all or nothing").isEqualTo("OPEN");

        browser.find("#urns").clear();
        browser.find("#urns").sendKeys(String.valueOf(URN));
        browser.click("#suspend");
        browser.checkPage("regulator-suspensions-suspended");
        assertThat(browser.text("[data-test=done]")).isEqualTo("1 setting suspended");
        assertThat(status()).isEqualTo("SUSPENDED");
        String row = "[data-test=suspended] tr[data-urn='" + URN + "'] ";
        assertThat(browser.text(row)).contains("Suspension Test School", "Suspension Test Trust", "Kent", "Finding upheld");
        List<String> csv = lines(download("/regulation/suspensions.csv"));
        assertThat(csv.getFirst()).isEqualTo("urn,setting,provider,la,reason,suspended_since");
        assertThat(csv).anySatisfy(line -> assertThat(line).startsWith(URN + ",Suspension Test School,Suspension Test Trust,Kent,"));

        // suspending it again: the service's refusal, by the field
        browser.find("#urns").sendKeys(String.valueOf(URN));
        browser.find("#reason").sendKeys("Again");
        browser.click("#suspend");
        assertThat(browser.text("#urns-error")).contains("Setting " + URN + " is SUSPENDED, not OPEN");

        // reinstating needs a tick and a reason
        browser.click("#reinstate-button");
        browser.checkPage("regulator-suspensions-reinstate-errors");
        assertThat(browser.text("#reinstate-error")).contains("Select at least one setting to reinstate");
        assertThat(browser.text("#reinstateReason-error")).contains("Enter the reason for reinstating");
        browser.find("#urn-" + URN).click();
        browser.find("#reinstateReason").sendKeys("Fees brought within the ceiling");
        browser.click("#reinstate-button");
        browser.checkPage("regulator-suspensions-reinstated");
        assertThat(browser.text("[data-test=done]")).isEqualTo("1 setting reinstated");
        assertThat(status()).isEqualTo("OPEN");
        assertThat(browser.findAll(row)).isEmpty();

        browser.signIn("provider-demo", PASSWORD);
        browser.openRefused("/regulation/suspensions", "provider-refused-suspensions");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
    }

    private String status() {
        return graphQl.document("query($urn: Int!) { setting(urn: $urn) { registrationStatus } }").variable("urn", URN).execute()
                .path("setting.registrationStatus").entity(String.class).get();
    }
}
