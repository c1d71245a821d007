package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regional planner's pages in headless Chromium on the demo data: the region's map shaded by shortfall with its
 * table (checked against GraphQL's sufficiency), changed by need and phase; other roles are refused. Every page is
 * checked by {@link Browser} (console, axe-core, screenshot, navigation timing).
 */
class RegionBrowserTest extends BrowserTestBase {

    /** London's LAs: the demo planner's region. */
    static final int LONDON_LAS = 33;

    @Test
    void thePlannerSeesTheRegionsLasShadedByShortfallAndChangesNeedAndPhase() throws IOException {
        browser.signIn("planner-london", PASSWORD);
        browser.clickLink("Your region");
        browser.checkPage("planner-region");
        assertThat(browser.text("h1")).isEqualTo("London: shortfall of places by LA");

        // every LA is on the map, named with its figure and linked to its forecast, and in the table below
        List<WebElement> areas = browser.findAll("[data-test=shortfall-map] a[data-la]");
        assertThat(areas).hasSize(LONDON_LAS);
        assertThat(browser.findAll("[data-test=shortfall] tbody tr[data-la]")).hasSize(LONDON_LAS);
        Map<String, String> allShading = shading();
        Map<String, String> allTable = table();
        assertThat(browser.find("[data-test=shortfall-map] a[data-la='202']").getDomAttribute("aria-label"))
                .isEqualTo("Camden: " + words(Long.parseLong(allTable.get("202").split("/")[2])));
        assertThat(browser.find("#shortfall-map-title").getDomProperty("textContent")).startsWith("Shortfall of places in London by LA, January ");
        assertThat(browser.find("#shortfall-map-desc").getDomProperty("textContent")).contains("The table below gives the same numbers");

        // Camden's row is GraphQL's sufficiency of Camden next year, specialist kinds of place summed
        assertThat(allTable.get("202")).startsWith(fromGraphQl("202", null, null) + "/");
        // a dot per setting the table counts, each named for a pointer
        int dots = browser.findAll("[data-test=shortfall-map] .app-map__points circle").size();
        assertThat(dots).isPositive().isEqualTo(Integer.parseInt(browser.text("[data-test=settings-total]")));
        assertThat(browser.find("#shortfall-map-desc").getDomProperty("textContent")).contains("Dots mark the " + dots + " settings");

        // autistic secondary-age children only: the table and the shading follow, and still agree with GraphQL
        new Select(browser.find("#need")).selectByValue("ASD");
        new Select(browser.find("#phase")).selectByValue("SECONDARY");
        browser.click("form[data-test=choice] button");
        browser.checkPage("planner-region-asd-secondary");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/region?need=ASD&phase=SECONDARY");
        assertThat(new Select(browser.find("#need")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("ASD");
        Map<String, String> asdTable = table();
        assertThat(asdTable.get("202")).startsWith(fromGraphQl("202", "ASD", "SECONDARY") + "/");
        assertThat(browser.findAll("[data-test=shortfall-map] .app-map__points circle").size()).as("fewer settings have ASD secondary places").isLessThan(dots);
        assertThat(asdTable).isNotEqualTo(allTable);
        assertThat(shading()).isNotEqualTo(allShading);
        assertThat(browser.find("#shortfall-map-desc").getDomProperty("textContent")).contains("secondary Autistic");

        // the CSV is the table
        List<String> csv = lines(download("/region/shortfall.csv?need=ASD&phase=SECONDARY"));
        assertThat(csv.getFirst()).isEqualTo("la_code,la,january,need,phase,forecast_children,places,shortfall,settings");
        assertThat(csv).hasSize(LONDON_LAS + 1);
        assertThat(csv.stream().filter(l -> l.startsWith("202,")).findFirst().orElseThrow())
                .endsWith("ASD,SECONDARY," + asdTable.get("202").replace('/', ','));
    }

    @Test
    void thePlannerReadsTheForecastOfTheRegionAndOfAnLaChosenOnTheMapWithItsIntervals() throws IOException {
        var planner = as("planner-london");
        browser.signIn("planner-london", PASSWORD);
        browser.clickLink("Forecast");
        browser.checkPage("planner-forecast-region");
        assertThat(browser.text("h1")).isEqualTo("EHC plan forecast: London");
        assertThat(centrals()).isEqualTo(centralsFromGraphQl(planner, "regionCode", "E12000007"));

        // the chart is an image with a title and a description; one dot and label per year, as the table has rows
        WebElement chart = browser.find("svg[data-test=forecast-chart]");
        assertThat(chart.getDomAttribute("role")).isEqualTo("img");
        assertThat(browser.find("#forecast-title").getDomProperty("textContent")).isEqualTo("Children with EHC plans forecast, London");
        assertThat(browser.find("#forecast-desc").getDomProperty("textContent")).contains("80% interval", "95% interval", "The table below gives the same numbers");
        assertThat(browser.findAll("svg[data-test=forecast-chart] g[data-year]")).hasSize(5);
        assertThat(browser.findAll("[data-test=forecast-key] li").stream().map(WebElement::getText).toList())
                .containsExactly("Central forecast", "80% interval", "95% interval");
        List<String> csv = lines(download("/region/forecast.csv"));
        assertThat(csv.getFirst()).isEqualTo("scope,january,year,central,lower_80,upper_80,lower_95,upper_95");
        assertThat(csv).hasSize(6);

        // an LA from the region's map: its own forecast
        browser.clickLink("Your region");
        browser.click(browser.find("[data-test=shortfall-map] a[data-la='202'] path"));
        browser.checkPage("planner-forecast-camden");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/region/forecast?la=202");
        assertThat(browser.text("h1")).isEqualTo("EHC plan forecast: Camden");
        assertThat(centrals()).isEqualTo(centralsFromGraphQl(planner, "laCode", "202"));

        // an LA of another region is refused by the forecast's own rules
        browser.openRefused("/region/forecast?la=330", "planner-refused-forecast-birmingham");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
    }

    @Test
    void thePlannerRunsTwoScenariosOnForecastDemandOpensOneAndComparesThem() throws IOException {
        var planner = as("planner-london");
        int before = scenarioCount(planner);
        int january = planner.document("{ ehcpForecast(laCode: \"202\", years: 1) { baseJanuary } }").execute()
                .path("ehcpForecast.baseJanuary").entity(Integer.class).get() + 2;
        browser.signIn("planner-london", PASSWORD);
        browser.clickLink("Scenarios");
        browser.checkPage("planner-scenarios");

        // no January: the problem is next to its field and nothing is run
        browser.find("#name").sendKeys("Independent fees down 5%");
        browser.find("#feePercent").sendKeys("-5");
        browser.click("form[data-test=run-form] button[type=submit]");
        browser.checkPage("planner-scenarios-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#forecastJanuary");
        assertThat(browser.find("#name").getDomProperty("value")).as("what was typed is kept").isEqualTo("Independent fees down 5%");
        assertThat(scenarioCount(planner)).isEqualTo(before);

        // a January the forecast does not reach: the service's refusal, next to the same field
        browser.find("#forecastJanuary").sendKeys("1999");
        new Select(browser.find("#area")).selectByValue("202");
        browser.click("form[data-test=run-form] button[type=submit]");
        browser.checkPage("planner-scenarios-service-error");
        assertThat(browser.text("#forecastJanuary-error")).contains("January 1999 is not forecast");
        assertThat(scenarioCount(planner)).isEqualTo(before);

        // a fee cut the service refuses only as the run applies its changes, in the background: from the running page,
        // the form again with the refusal next to the fee field the summary links to, what was typed kept, nothing saved
        browser.find("#forecastJanuary").clear();
        browser.find("#forecastJanuary").sendKeys(String.valueOf(january));
        browser.find("#feePercent").clear();
        browser.find("#feePercent").sendKeys("-95");
        browser.click("form[data-test=run-form] button[type=submit]");
        untilShown("#feePercent-error");
        browser.checkPage("planner-scenario-refused-as-it-ran");
        assertThat(browser.driver.getCurrentUrl()).contains("/region/scenarios/running/");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        List<String> links = browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList();
        assertThat(links).containsExactly("#feePercent");
        assertThat(browser.findAll("form[data-test=run-form] " + links.getFirst())).as("the summary's link leads to a field on the page").hasSize(1);
        assertThat(browser.text("#feePercent-error")).contains("from -90% to +200%, got -95");
        assertThat(browser.find("#feePercent").getDomProperty("value")).isEqualTo("-95");
        assertThat(browser.find("#name").getDomProperty("value")).isEqualTo("Independent fees down 5%");
        assertThat(browser.find("#area option[value='202']").isSelected()).isTrue();
        assertThat(scenarioCount(planner)).isEqualTo(before);
        browser.find("#feePercent").clear();
        browser.find("#feePercent").sendKeys("-5");

        browser.find("#forecastJanuary").clear();
        browser.find("#forecastJanuary").sendKeys(String.valueOf(january));
        // its page, checked while the scenario is held unfinished (behind the test's own job)
        try (Held held = holdBackgroundWork("scenarioJobs")) {
            browser.click("form[data-test=run-form] button[type=submit]");
            browser.checkRunningPage("planner-scenario-running");
            assertThat(browser.text("[data-test=scenario-progress]")).contains("Running for");
            assertThat(scenarioCount(planner)).as("nothing saved until the scenario has run").isEqualTo(before);
        }
        browser.driver.navigate().refresh();
        scenarioRun("planner-scenario-fees");
        String fees = browser.driver.getCurrentUrl().replaceFirst(".*/region/scenarios/", "");
        var saved = planner.document("query($id: ID!) { scenario(id: $id) { name summary scopeCode forecastJanuary base { placed } scenario { placed } } }")
                .variable("id", fees).execute();
        assertThat(browser.text("h1")).isEqualTo("Independent fees down 5%");
        assertThat(browser.text("[data-test=summary]")).isEqualTo(saved.path("scenario.summary").entity(String.class).get());
        saved.path("scenario.scopeCode").entity(String.class).isEqualTo("202");
        saved.path("scenario.forecastJanuary").entity(Integer.class).isEqualTo(january);
        assertThat(browser.findAll("[data-test=outcome] tbody tr").get(1).getText())
                .isEqualTo(String.format(java.util.Locale.UK, "Placed %,d %,d", saved.path("scenario.base.placed").entity(Integer.class).get(),
                        saved.path("scenario.scenario.placed").entity(Integer.class).get()));

        browser.clickLink("Back to scenarios");
        browser.find("#name").sendKeys("Half of Camden's empty ASD secondary special places to resourced");
        browser.find("#forecastJanuary").sendKeys(String.valueOf(january));
        new Select(browser.find("#area")).selectByValue("202");
        new Select(browser.find("#shiftNeed")).selectByValue("ASD");
        new Select(browser.find("#shiftPhase")).selectByValue("SECONDARY");
        browser.find("#shiftPercent").sendKeys("50");
        browser.click("form[data-test=run-form] button[type=submit]");
        scenarioRun("planner-scenario-shift");
        String shift = browser.driver.getCurrentUrl().replaceFirst(".*/region/scenarios/", "");
        assertThat(scenarioCount(planner)).isEqualTo(before + 2);

        // side by side in the list's order (newest first), in a table and as CSV
        browser.clickLink("Back to scenarios");
        browser.find("label[for=compare-" + fees + "]").click();
        browser.find("label[for=compare-" + shift + "]").click();
        browser.click("form[data-test=compare-form] button[type=submit]");
        browser.checkPage("planner-scenarios-compared");
        assertThat(browser.findAll("[data-test=comparison] thead th a").stream().map(WebElement::getText).toList())
                .containsExactly("Half of Camden's empty ASD secondary special places to resourced", "Independent fees down 5%");
        List<String> csv = lines(download("/region/scenarios.csv?ids=" + fees + "&ids=" + shift));
        assertThat(csv.getFirst()).startsWith("scenario_id,name,");
        assertThat(csv).hasSize(3);
    }

    @Test
    void aNeedTheListDoesNotOfferIsShownNextToItsFieldAndNoMapIsDrawn() throws IOException {
        browser.signIn("planner-london", PASSWORD);
        browser.open("/region?need=NOPE&phase=SECONDARY", "planner-region-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList()).containsExactly("#need");
        assertThat(browser.text("#need-error")).contains("Choose a need from the list");
        assertThat(browser.findAll("[data-test=shortfall-map]")).isEmpty();
        assertThat(browser.findAll("[data-test=shortfall]")).isEmpty();
    }

    @Test
    void aCommissionerAndAProviderAreRefusedTheRegionsPages() throws IOException {
        browser.signIn("provider-demo", PASSWORD);
        browser.openRefused("/region", "provider-refused-region");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");

        browser.signIn("commissioner-camden", PASSWORD);
        browser.openRefused("/region", "commissioner-refused-region");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.findAll(".govuk-service-navigation__link").stream().map(WebElement::getText).toList()).doesNotContain("Your region");
        // last: the refused download's 403 is a console error no later page check should see
        assertThat(download("/region/shortfall.csv")).doesNotContain("la_code");
    }

    /**
     * A scenario runs in the background: its page refreshes itself every second until the scenario's own page comes
     * (the first run's running page is checked while held unfinished, above).
     */
    private void scenarioRun(String screenshot) throws IOException {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(120))
                .until(d -> d.getCurrentUrl().matches(".*/region/scenarios/[0-9]+"));
        browser.checkPage(screenshot);
    }

    /** The forecast table's central column. */
    private List<String> centrals() {
        return browser.findAll("[data-test=forecast] td[data-test=central]").stream().map(WebElement::getText).toList();
    }

    /** GraphQL's ehcpForecast total, central and rounded, year by year. */
    private static List<String> centralsFromGraphQl(org.springframework.graphql.test.tester.HttpGraphQlTester tester, String argument, String code) {
        return tester.document("query($c: ID!) { ehcpForecast(" + argument + ": $c) { years { total { central } } } }").variable("c", code).execute()
                .path("ehcpForecast.years[*].total.central").entityList(Double.class).get().stream().map(v -> String.valueOf(Math.round(v))).toList();
    }

    private static int scenarioCount(org.springframework.graphql.test.tester.HttpGraphQlTester tester) {
        return tester.document("{ scenarios { id } }").execute().path("scenarios").entityList(Object.class).get().size();
    }

    /** Each LA's shading class on the map. */
    private Map<String, String> shading() {
        Map<String, String> classes = new LinkedHashMap<>();
        for (WebElement a : browser.findAll("[data-test=shortfall-map] a[data-la]")) {
            classes.put(a.getDomAttribute("data-la"), a.findElement(org.openqa.selenium.By.tagName("path")).getDomAttribute("class"));
        }
        return classes;
    }

    /** Each LA's row of the table as "children/places/shortfall". */
    private Map<String, String> table() {
        Map<String, String> rows = new LinkedHashMap<>();
        for (WebElement tr : browser.findAll("[data-test=shortfall] tbody tr[data-la]")) {
            rows.put(tr.getDomAttribute("data-la"), String.join("/", tr.findElements(org.openqa.selenium.By.tagName("td")).stream()
                    .map(WebElement::getText).toList()));
        }
        return rows;
    }

    /** GraphQL's sufficiency of an LA next year as the page sums it: specialist kinds of place, one need and phase or all. */
    private String fromGraphQl(String laCode, String need, String phase) {
        var result = as("planner-london").document("query($la: ID!) { sufficiency(laCode: $la, years: 1) { years { rows { phase placement "
                + "demand { central } places needs { need demand { central } places } } } } }").variable("la", laCode).execute();
        List<Map<String, Object>> rows = result.path("sufficiency.years[0].rows").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
        }).get();
        double children = 0;
        long places = 0;
        for (Map<String, Object> row : rows) {
            if (row.get("placement").equals("MAINSTREAM") || phase != null && !row.get("phase").equals(phase)) {
                continue;
            }
            if (need == null) {
                children += ((Number) ((Map<?, ?>) row.get("demand")).get("central")).doubleValue();
                places += ((Number) row.get("places")).longValue();
            } else {
                for (Object n : (List<?>) row.get("needs")) {
                    Map<?, ?> needRow = (Map<?, ?>) n;
                    if (needRow.get("need").equals(need)) {
                        children += ((Number) ((Map<?, ?>) needRow.get("demand")).get("central")).doubleValue();
                        places += ((Number) needRow.get("places")).longValue();
                    }
                }
            }
        }
        long forecast = Math.round(children);
        return forecast + "/" + places + "/" + (forecast - places);
    }

    private static String words(long shortfall) {
        return shortfall > 0 ? "short by " + shortfall + (shortfall == 1 ? " place" : " places")
                : shortfall < 0 ? -shortfall + (shortfall == -1 ? " place" : " places") + " to spare" : "about enough places";
    }
}
