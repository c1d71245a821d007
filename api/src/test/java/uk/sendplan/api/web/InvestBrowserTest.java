package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where to invest in headless Chromium on the demo data: the London planner plans the region from the page, reads where
 * one more place would do most good (as GraphQL's place values say) and where ten new places should go (as GraphQL's
 * whereToInvest says), with both as CSV; a typo in the number of places is shown by its field; a provider is refused.
 */
class InvestBrowserTest extends BrowserTestBase {

    @Test
    void thePlannerPlansTheRegionAndReadsWhereNewPlacesDoMostGood() throws IOException {
        browser.signIn("planner-london", PASSWORD);
        browser.clickLink("Where to invest");
        browser.checkPage("planner-invest");
        assertThat(browser.text("h1")).isEqualTo("Where to invest");

        browser.click("#plan-region");
        assertThat(browser.driver.getCurrentUrl()).matches(browser.url("/plans/") + "[0-9]+/invest");
        String planId = browser.driver.getCurrentUrl().replaceFirst(".*/plans/([0-9]+)/invest", "$1");
        // read at once, while the region's plan is queued or solving: its progress, a bar of the time limit used and in words
        assertThat(browser.text("[data-test=progress-state]")).containsAnyOf("Solving for", "Waiting for");
        assertThat(browser.find("[data-test=progress-bar]").getDomAttribute("max"))
                .isEqualTo(String.valueOf(db.fetchValue(uk.sendplan.db.jooq.Tables.PLAN.TIME_LIMIT_SECONDS,
                        uk.sendplan.db.jooq.Tables.PLAN.ID.eq(Long.parseLong(planId)))));
        browser.checkPage("planner-invest-plan-progress");
        // the page refreshes itself until the plan has finished, its bar moving on as the plan solves
        List<Integer> seen = progressBarsUntil("[data-test=invest-form]");
        System.out.println("Plan " + planId + ": progress bar values seen while solving, one per view: " + seen);
        if (seen.size() > 1) {
            assertThat(seen.getLast()).as("the bar moves from one view to the next").isGreaterThan(seen.getFirst());
        }
        browser.checkPage("planner-invest-plan");

        // the values by LA, need and phase are GraphQL's, in its order
        var planner = as("planner-london");
        List<Object> byLa = planner.document("query($id: ID!) { plan(id: $id) { placeValuesByLocalAuthority(first: 20) { localAuthority { name } need cells } } }")
                .variable("id", planId).execute().path("plan.placeValuesByLocalAuthority").entityList(Object.class).get();
        List<String> expected = byLa.stream().map(BrowserTestBase::map)
                .map(v -> map(v.get("localAuthority")).get("name") + "/" + v.get("need") + "/" + v.get("cells")).toList();
        List<String> shown = browser.findAll("[data-test=la-values] tbody tr").stream().map(tr -> {
            List<WebElement> cells = tr.findElements(org.openqa.selenium.By.tagName("td"));
            return cells.get(0).getText() + "/" + cells.get(1).getText() + "/" + cells.get(3).getText();
        }).toList();
        assertThat(expected).as("the demo's London plan has places whose next one changes it").isNotEmpty();
        assertThat(shown).isEqualTo(expected);
        List<String> summaries = planner.document("query($id: ID!) { plan(id: $id) { placeValues(first: 20) { summary } } }").variable("id", planId)
                .execute().path("plan.placeValues[*].summary").entityList(String.class).get();
        assertThat(browser.findAll("[data-test=cell-values] li").stream().map(WebElement::getText).toList()).isEqualTo(summaries);
        // the page's share of each ranking says how many it shows (the CSV has the best 100 places)
        assertThat(browser.text("[data-test=la-values-caption]")).startsWith("By LA, need and phase: the first " + shown.size() + ", where a place does most good");
        assertThat(browser.text("[data-test=cell-values-heading]")).isEqualTo("The " + summaries.size() + " best places, one by one");
        List<String> valuesCsv = lines(download("/plans/" + planId + "/place-values.csv"));
        assertThat(valuesCsv.getFirst()).isEqualTo("setting,urn,la,need,phase,places_a_child,annual_saving,value_with_priorities,summary");
        assertThat(valuesCsv).hasSizeGreaterThanOrEqualTo(1 + summaries.size());

        // a typo is shown by its field, and nothing is asked of the planner
        browser.find("#places").clear();
        browser.find("#places").sendKeys("ten");
        browser.click("form[data-test=invest-form] button");
        browser.checkPage("planner-invest-error");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(browser.text("#places-error")).contains("whole number, like 10");
        assertThat(browser.findAll("[data-test=advice-summary]")).isEmpty();

        // ten new places: where they go and what they change, as GraphQL's whereToInvest
        browser.find("#places").clear();
        browser.find("#places").sendKeys("10");
        browser.click("form[data-test=invest-form] button");
        browser.checkPage("planner-invest-advice");
        Map<String, Object> advice = map(planner.document("query($id: ID!) { whereToInvest(planId: $id, places: 10) { summary childrenPlacedAfter children "
                + "cells { setting { urn } placesAdded } } }").variable("id", planId).execute().path("whereToInvest").entity(Object.class).get());
        assertThat(browser.text("[data-test=advice-summary]")).isEqualTo(advice.get("summary"));
        assertThat(browser.text("[data-test=placed-after]")).startsWith(advice.get("childrenPlacedAfter") + " of " + advice.get("children"));
        List<?> cells = (List<?>) advice.get("cells");
        assertThat(browser.findAll("[data-test=new-places] tbody tr")).hasSize(cells.size());
        if (!cells.isEmpty()) {
            List<String> csv = lines(download("/plans/" + planId + "/invest.csv?places=10"));
            assertThat(csv.getFirst()).isEqualTo("setting,urn,la,need,phase,new_places");
            assertThat(csv).hasSize(1 + cells.size());
            assertThat(csv.get(1)).contains("," + map(map(cells.getFirst()).get("setting")).get("urn") + ",")
                    .endsWith("," + map(cells.getFirst()).get("placesAdded"));
        }

        // the plan is on the planner's list
        browser.open("/region/invest", "planner-invest-list");
        assertThat(browser.findAll("[data-test=plans] a").stream().map(a -> a.getDomAttribute("href")).toList()).contains("/plans/" + planId + "/invest");

        // a provider may read no plan
        browser.signIn("provider-demo", PASSWORD);
        browser.openRefused("/plans/" + planId + "/invest", "provider-refused-invest");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
    }
}
