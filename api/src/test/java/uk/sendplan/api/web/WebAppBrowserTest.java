package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application in Debian's headless Chromium against the demo profile and the demo data: each role signs in on
 * the sign-in page, sees its role and organisation and the pages it may use, and does its main job of the pages built
 * so far; no page shows another scope's data. Every page is checked by {@link Browser} (console, axe-core, screenshot,
 * navigation timing).
 */
class WebAppBrowserTest extends BrowserTestBase {

    @Test
    void everyDemoUserSignsInAndSeesTheirRoleOrganisationAndPages() throws IOException {
        Map<String, String> header = Map.of(
                "commissioner-camden", "Commissioner, Camden",
                "commissioner-hackney", "Commissioner, Hackney",
                "planner-london", "Regional planner, London",
                "provider-demo", "Provider, Demo Independent Education Group 01 Ltd",
                "regulator", "Regulator, England",
                "admin", "Administrator, England");
        for (String user : DEMO_USERS) {
            browser.signIn(user, PASSWORD);
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(browser.url("/"));
            assertThat(browser.text("[data-test=signed-in]")).isEqualTo(header.get(user));
            assertThat(browser.find("h1").getText()).isEqualTo("SEND commissioning");
            assertThat(browser.find(".govuk-phase-banner").getText()).contains("Demo");
            browser.signOut();
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(browser.url("/sign-in?signed-out"));
            browser.driver.get(browser.url("/"));
            assertThat(browser.driver.getCurrentUrl()).as("signed out, the pages ask to sign in again").isEqualTo(browser.url("/sign-in"));
        }
    }

    @Test
    void aWrongPasswordIsShownInTheErrorSummaryAndNextToTheField() throws IOException {
        browser.open("/sign-in", "sign-in");
        browser.find("#password").sendKeys("not-the-password");
        browser.click("#main-content form button[type=submit]");
        browser.checkPage("sign-in-error");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(browser.url("/sign-in?error"));
        assertThat(browser.text(".govuk-error-summary")).contains("The user or password is not right");
        assertThat(browser.text("#password-error")).contains("The user or password is not right");
        assertThat(browser.find("a[href='#password']")).isNotNull();
    }

    @Test
    void aCommissionerSeesTheirLaAtAGlanceAndDownloadsEachTable() throws IOException {
        browser.signIn("commissioner-camden", PASSWORD);
        browser.clickLink("Your LA at a glance");
        browser.checkPage("commissioner-la-at-a-glance");
        assertThat(browser.text("h1")).isEqualTo("Camden at a glance");

        // the same figures as GraphQL's demandSummary and vacancies for the LA
        var camden = as("commissioner-camden");
        List<Map<String, Object>> demand = camden.document("{ demandSummary(laCode: \"202\") { open proposed } }").execute()
                .path("demandSummary").entityList(Object.class).get().stream().map(WebAppBrowserTest::map).toList();
        int waiting = demand.stream().mapToInt(d -> (Integer) d.get("open") + (Integer) d.get("proposed")).sum();
        assertThat(browser.text("[data-test=waiting-total]")).isEqualTo(String.valueOf(waiting));
        Integer vacancies = camden.document("{ vacancies(laCode: \"202\") { vacancies } }").execute().path("vacancies.vacancies").entity(Integer.class).get();
        assertThat(browser.text("[data-test=vacancies-total]")).isEqualTo(String.valueOf(vacancies));
        assertThat(browser.findAll("[data-test=shortfall] tbody tr")).as("next year's shortfall by phase and kind of place").isNotEmpty();

        // each table comes as a CSV file, signed in with the page's session
        assertThat(lines(download("/la/waiting.csv"))).first().isEqualTo("need,phase,waiting,open,proposed,placed");
        assertThat(lines(download("/la/vacancies.csv"))).first().isEqualTo("need,phase,capacity,occupied,vacancies,settings_with_vacancy");
        // high needs spend by kind of placement, from DfE's file (HighNeedsSpendTest works Camden's figures by hand)
        assertThat(browser.findAll("[data-test=spend] tbody tr")).hasSize(6);
        assertThat(browser.findAll("[data-test=per-child]").get(1).getText()).as("a state special school place").isEqualTo("£46,700");
        assertThat(lines(download("/la/spend.csv"))).hasSize(7).first().isEqualTo("kind_of_placement,budget_2021_22,outturn_2020_21,children_placed,budget_per_child");
        assertThat(lines(download("/la/shortfall.csv"))).first()
                .isEqualTo("year,phase,kind_of_place,forecast,places,shortfall,shortfall_lower_95,shortfall_upper_95");
        assertThat(browser.findAll("a[href$='.csv']")).hasSize(4);
    }

    @Test
    void aCommissionerFiltersTheirChildrenAndNeverSeesAnotherLasChild() throws IOException {
        String hackneyChild = "HACK-WEB-" + System.nanoTime() % 100000;
        as("commissioner-hackney").document("mutation($r: String!) { createPlacementRequest(input: { laCode: \"204\", reference: $r, primaryNeed: ASD, "
                + "band: 2, age: 12, homeDistrict: \"E8\", gender: FEMALE, startTerm: \"2027-AUTUMN\" }) { request { id } } }")
                .variable("r", hackneyChild).execute().path("createPlacementRequest.request.id").hasValue();

        browser.signIn("commissioner-camden", PASSWORD);
        browser.clickLink("Children waiting");
        browser.checkPage("commissioner-children-waiting");
        Integer camdenTotal = as("commissioner-camden").document("{ placementRequests(filter: { laCode: \"202\" }, first: 1) { totalCount } }")
                .execute().path("placementRequests.totalCount").entity(Integer.class).get();
        assertThat(browser.text("[data-test=total]")).startsWith(count(camdenTotal) + " ");
        String csv = download("/demand/children.csv");
        assertThat(lines(csv)).as("a header and every Camden child").hasSize(camdenTotal + 1);
        assertThat(csv).doesNotContain(hackneyChild);
        assertThat(browser.driver.getPageSource()).doesNotContain(hackneyChild);

        // filter by need: every row shown has that need
        new org.openqa.selenium.support.ui.Select(browser.find("#need")).selectByValue("ASD");
        browser.click("form[method=get] button");
        browser.checkPage("commissioner-children-waiting-filtered");
        assertThat(browser.driver.getCurrentUrl()).contains("need=ASD");
        List<String> needs = browser.findAll("[data-test=requests] tbody tr td:nth-child(2)").stream().map(WebElement::getText).distinct().toList();
        assertThat(needs).isIn(List.of(), List.of("ASD"));

        // Hackney's commissioner sees the child on their own page
        browser.signOut();
        browser.signIn("commissioner-hackney", PASSWORD);
        assertThat(download("/demand/children.csv")).contains(hackneyChild);
    }

    @Test
    void addingAChildShowsEachProblemNextToItsFieldAndSavesNothingUntilItIsRight() throws IOException {
        browser.signIn("commissioner-camden", PASSWORD);
        browser.open("/demand", "commissioner-children-waiting");
        browser.clickLink("Add a child");
        browser.checkPage("commissioner-add-a-child");
        int before = camdenChildren();

        // problems the form itself finds: no need, an age that is not a number, no sex, no home
        browser.find("#reference").sendKeys("CAM-WEB-1");
        browser.find("#age").sendKeys("eleven");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-add-a-child-errors");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList())
                .containsExactly("#primaryNeed", "#band", "#age", "#gender", "#homeDistrict");
        assertThat(browser.text("#age-error")).contains("whole number");
        assertThat(browser.find("#reference").getDomProperty("value")).as("what was typed is kept").isEqualTo("CAM-WEB-1");
        assertThat(camdenChildren()).isEqualTo(before);

        // a problem the demand service finds (its own rule, its own words) goes next to its field too
        String reference = "CAM-WEB-" + System.nanoTime() % 100000;
        browser.find("#reference").clear();
        browser.find("#reference").sendKeys(reference);
        new org.openqa.selenium.support.ui.Select(browser.find("#primaryNeed")).selectByValue("SLCN");
        new org.openqa.selenium.support.ui.Select(browser.find("#band")).selectByValue("3");
        browser.find("#age").clear();
        browser.find("#age").sendKeys("9");
        browser.find("#gender").click();  // a radio: no page load
        browser.find("#homeDistrict").sendKeys("ZZ99");
        browser.find("#startTerm").sendKeys("2027-AUTUMN");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-add-a-child-service-error");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#homeDistrict");
        assertThat(browser.text("#homeDistrict-error")).contains("Unknown English postcode district \"ZZ99\"");
        assertThat(camdenChildren()).isEqualTo(before);

        browser.find("#homeDistrict").clear();
        browser.find("#homeDistrict").sendKeys("NW1");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-child-added");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(browser.url("/demand"));
        assertThat(browser.text("[data-test=added]")).isEqualTo("Child " + reference + " added");
        assertThat(camdenChildren()).isEqualTo(before + 1);
        assertThat(download("/demand/children.csv")).contains(reference + ",SLCN,,3,9,PRIMARY,2027-AUTUMN,OPEN");
    }

    @Test
    void aProviderSeesOnlyItsOwnSettingsAndChangesPlacesWithProblemsShownNextToTheField() throws IOException {
        var provider = as("provider-demo");
        String providerId = provider.document("{ me { provider { id } } }").execute().path("me.provider.id").entity(String.class).get();
        List<Integer> own = provider.document("query($id: ID!) { provider(id: $id) { settings { urn } } }").variable("id", providerId).execute()
                .path("provider.settings[*].urn").entityList(Integer.class).get();
        Integer someoneElses = as("admin").document("{ settings(filter: { regionCode: \"E12000007\", types: [INDEPENDENT_SPECIAL] }, first: 100) "
                        + "{ edges { node { urn provider { id } } } } }").execute().path("settings.edges[*].node").entityList(Object.class).get().stream()
                .map(WebAppBrowserTest::map).filter(n -> !providerId.equals(map(n.get("provider")).get("id"))).map(n -> (Integer) n.get("urn"))
                .findFirst().orElseThrow();

        browser.signIn("provider-demo", PASSWORD);
        browser.clickLink("Your settings");
        browser.checkPage("provider-settings");
        List<String> shown = browser.findAll("[data-test=settings] tbody tr td:first-child").stream().map(WebElement::getText).toList();
        assertThat(shown).containsExactlyElementsOf(own.stream().map(String::valueOf).toList());
        assertThat(lines(download("/provider/settings.csv"))).hasSize(own.size() + 1);

        // another provider's setting is refused in the same words as one that does not exist
        browser.openRefused("/provider/settings/" + someoneElses, "provider-other-setting-refused");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.text("[data-test=problem]")).isEqualTo("Setting: not found in your scope");
        browser.openRefused("/provider/settings/999999999", "provider-unknown-setting-refused");
        assertThat(browser.text("[data-test=problem]")).isEqualTo("Setting: not found in your scope");

        browser.open("/provider", "provider-settings");
        browser.click("[data-test=settings] tbody tr a");
        browser.checkPage("provider-setting");
        int urn = Integer.parseInt(browser.text(".govuk-caption-l").replace("URN ", ""));
        browser.clickLink("Change places");
        browser.checkPage("provider-change-places");
        WebElement capacity = browser.findAll("input[id^=capacity-]").getFirst();
        String cell = capacity.getDomAttribute("id").substring("capacity-".length());
        int places = Integer.parseInt(capacity.getDomProperty("value"));
        WebElement pupils = browser.find("#pupils-" + cell);
        String ownPupils = pupils.getDomProperty("value");

        // more pupils than places: the register's rule, shown next to the pupils field, and nothing saved
        pupils.clear();
        pupils.sendKeys(String.valueOf(places + 5));
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("provider-change-places-error");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList())
                .containsExactly("#pupils-" + cell);
        assertThat(browser.text("#pupils-" + cell + "-error")).contains("Must not exceed capacity");
        assertThat(placesOf(urn, cell)).isEqualTo(places);

        // one more place, saved and shown
        browser.find("#pupils-" + cell).clear();
        browser.find("#pupils-" + cell).sendKeys("0");
        browser.find("#capacity-" + cell).clear();
        browser.find("#capacity-" + cell).sendKeys(String.valueOf(places + 1));
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("provider-places-changed");
        assertThat(browser.text("[data-test=changed]")).isEqualTo("Places changed");
        assertThat(browser.text("[data-test='capacity-" + cell + "']")).isEqualTo(String.valueOf(places + 1));
        assertThat(placesOf(urn, cell)).isEqualTo(places + 1);

        // and back as it was, for the other tests on the demo data
        browser.clickLink("Change places");
        browser.find("#capacity-" + cell).clear();
        browser.find("#capacity-" + cell).sendKeys(String.valueOf(places));
        browser.find("#pupils-" + cell).clear();
        browser.find("#pupils-" + cell).sendKeys(ownPupils);
        browser.click("#main-content form[method=post] button[type=submit]");
        assertThat(placesOf(urn, cell)).isEqualTo(places);
    }

    @Test
    void aPageForAnotherRoleIsRefused() throws IOException {
        browser.signIn("planner-london", PASSWORD);
        browser.openRefused("/la", "planner-refused-la");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.text("[data-test=problem]")).contains("not permitted for your role (regional planner)");
        browser.openRefused("/demand", "planner-refused-demand");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.findAll(".govuk-service-navigation__link").stream().map(a -> a.getDomAttribute("href")).toList())
                .as("the planner's menu has the region's pages, not a commissioner's").contains("/region").doesNotContain("/la", "/demand", "/plans");
    }

    private int camdenChildren() {
        return as("commissioner-camden").document("{ placementRequests(filter: { laCode: \"202\" }, first: 1) { totalCount } }")
                .execute().path("placementRequests.totalCount").entity(Integer.class).get();
    }

    private int placesOf(int urn, String cell) {
        return as("provider-demo").document("query($urn: Int!) { setting(urn: $urn) { places { need phase capacity } } }").variable("urn", urn)
                .execute().path("setting.places").entityList(Object.class).get().stream().map(WebAppBrowserTest::map)
                .filter(p -> cell.equals(p.get("need") + "-" + p.get("phase"))).map(p -> (Integer) p.get("capacity")).findFirst().orElseThrow();
    }
}
