package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.PLAN;

/**
 * The commissioner's plan pages in headless Chromium on the demo data: Camden's commissioner starts a plan (first with
 * mistakes, each shown next to its field and nothing saved), watches it solve on a page that refreshes itself, reads
 * the result against the reactive baseline, downloads it, and approves it; approving it again from a second tab is
 * refused with the approval service's words. Another LA's plan is refused as one that does not exist. Every page is
 * checked by {@link Browser} (console, axe-core, screenshot, navigation timing).
 */
class PlanPagesBrowserTest extends BrowserTestBase {

    private static final String CAMDEN = "202";
    private static final String HACKNEY = "204";

    @Test
    void theCamdenCommissionerStartsAPlanWatchesItSolveAndApprovesIt() throws IOException {
        browser.signIn("commissioner-camden", PASSWORD);
        browser.clickLink("Plans");
        browser.checkPage("commissioner-plans");
        int plansBefore = camdenPlans();

        // problems the form finds itself: numbers that are not numbers
        browser.find("#financialYear").clear();
        browser.find("#financialYear").sendKeys("2026-27");
        browser.find("#maxIndependentShare").sendKeys("a fifth");
        browser.find("#siblingsWeight").sendKeys("lots");
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-plans-start-errors");
        assertThat(browser.driver.getTitle()).startsWith("Error: ");
        assertThat(summaryLinks()).containsExactly("#maxIndependentShare", "#siblingsWeight");
        assertThat(browser.text("#maxIndependentShare-error")).contains("as a percentage, like 12.5");
        assertThat(browser.find("#siblingsWeight").getDomProperty("value")).as("what was typed is kept").isEqualTo("lots");
        assertThat(camdenPlans()).isEqualTo(plansBefore);

        // a problem the plan service finds, in its own words, next to its field
        browser.find("#financialYear").clear();
        browser.find("#financialYear").sendKeys("2026-2027");
        browser.find("#maxIndependentShare").clear();
        browser.find("#maxIndependentShare").sendKeys("20");
        browser.find("#siblingsWeight").clear();
        browser.click("#main-content form[method=post] button[type=submit]");
        browser.checkPage("commissioner-plans-start-service-error");
        assertThat(summaryLinks()).containsExactly("#financialYear");
        assertThat(browser.text("#financialYear-error")).contains("A financial year is written like 2026-27, got \"2026-2027\"");
        assertThat(camdenPlans()).isEqualTo(plansBefore);

        // with a limit on independent placements
        browser.find("#financialYear").clear();
        browser.find("#financialYear").sendKeys("2026-27");
        browser.click("#main-content form[method=post] button[type=submit]");
        assertThat(browser.driver.getCurrentUrl()).matches(browser.url("/plans/") + "[0-9]+");
        String planId = browser.driver.getCurrentUrl().substring(browser.url("/plans/").length());
        // read at once: the page the redirect lands on is rendered as the plan has just been queued, and refreshes itself
        assertThat(browser.text("[data-test=status]")).isIn("Queued", "Solving");
        assertThat(browser.text("[data-test=progress]")).containsAnyOf("Solving for", "Waiting for");
        assertThat(browser.driver.findElements(By.cssSelector("[data-test=placements]"))).isEmpty();
        // a bar of the time limit used, labelled, with the best plan so far in words beside it
        int limit = db.fetchValue(PLAN.TIME_LIMIT_SECONDS, PLAN.ID.eq(Long.parseLong(planId)));
        assertThat(browser.find("[data-test=progress-bar]").getDomAttribute("max")).isEqualTo(String.valueOf(limit));
        assertThat(browser.text("label[for=plan-progress]")).isEqualTo("Time used of the plan's limit of " + limit + " seconds");
        assertThat(browser.text("[data-test=best]")).matches("No plan found yet\\.|Best plan so far: .*");
        browser.checkPage("commissioner-plan-progress");
        assertThat(camdenPlans()).isEqualTo(plansBefore + 1);

        // the page refreshes itself until the plan has finished: no script, no reload by the test; each view's bar (one
        // element per page load) is noted while the plan solves, and moves on as time passes
        List<Integer> seen = progressBarsUntil("[data-test=totals]");
        System.out.println("Plan " + planId + ": progress bar values seen while solving, one per view: " + seen);
        assertThat(seen).allSatisfy(v -> assertThat(v).isBetween(0, limit));
        if (seen.size() > 1) {
            assertThat(seen.getLast()).as("the bar moves from one view to the next").isGreaterThan(seen.getFirst());
        }
        browser.checkPage("commissioner-plan-result");
        assertThat(browser.text("[data-test=status]")).isEqualTo("Ready to approve");

        // the totals and tables say what GraphQL says of the same plan
        Map<String, Object> plan = map(as("commissioner-camden").document("query($id: ID!) { plan(id: $id) { status placed unplaced totalAnnualCost "
                        + "baseline { placed unplaced totalAnnualCost } assignments(first: 1) { totalCount } unplacedRequests { reason } } }")
                .variable("id", planId).execute().path("plan").entity(Object.class).get());
        assertThat(plan.get("status")).isEqualTo("COMPLETED");
        assertThat(browser.text("[data-test=total-0]")).isEqualTo(String.valueOf(plan.get("placed")));
        assertThat(browser.text("[data-test=total-1]")).isEqualTo(String.valueOf(plan.get("unplaced")));
        assertThat(browser.text("[data-test=total-2]")).isEqualTo(pounds(plan.get("totalAnnualCost")));
        assertThat(browser.text("[data-test=totals]")).contains("Reactive approach: " + map(plan.get("baseline")).get("placed"))
                .contains("Reactive approach: " + pounds(map(plan.get("baseline")).get("totalAnnualCost")));
        int placements = (Integer) map(plan.get("assignments")).get("totalCount");
        List<?> unplaced = (List<?>) plan.get("unplacedRequests");
        assertThat(placements).as("the demo data gives Camden's children places").isPositive();
        assertThat(browser.findAll("[data-test=placements] tbody tr")).hasSize(placements);
        assertThat(browser.findAll("[data-test=unplaced] tbody tr")).hasSize(unplaced.size());
        assertThat(browser.findAll("[data-test=placements] [data-test=distance]")).hasSize(placements)
                .allSatisfy(d -> assertThat(d.getText()).matches("[0-9]+\\.[0-9] km"));
        assertThat(browser.findAll("[data-test=placements] [data-test=cost]")).hasSize(placements)
                .allSatisfy(c -> assertThat(c.getText()).matches("(?s)£[0-9,]+\\s+fee £[0-9,]+, transport £[0-9,]+"));
        assertThat(browser.findAll("[data-test=placements] thead th")).as("six columns fit the page's width").hasSize(6);
        // the map: Camden, each placement a line from a home (to the nearest km) to its setting, coloured by kind
        assertThat(browser.find("#plan-map-title").getDomProperty("textContent")).isEqualTo("Where the plan places Camden's children");
        assertThat(browser.findAll("[data-test=plan-map] [data-la='202']")).hasSize(1);
        // one line per square kilometre of homes and setting, its title counting the children: together, every placement
        int mapped = browser.findAll("[data-test=plan-map] .app-map__lines line title").stream()
                .map(t -> t.getDomProperty("textContent")).mapToInt(t -> Integer.parseInt(t.replaceFirst(" child.*", ""))).sum();
        assertThat(mapped).isEqualTo(placements);
        assertThat(browser.findAll("[data-test=plan-map-key] li").stream().map(org.openqa.selenium.WebElement::getText).toList())
                .contains("The LA", "Children's homes (to the nearest kilometre)");
        assertThat(browser.text("[data-test=score]")).startsWith("Score: No rule broken, " + plan.get("unplaced"));

        // each table as CSV, with the page's session
        List<String> children = lines(download("/plans/" + planId + "/children.csv"));
        assertThat(children.getFirst()).startsWith("request_id,reference,la_code,need");
        assertThat(children).hasSize(1 + placements + unplaced.size());
        assertThat(download("/plans/plans.csv")).startsWith("id,name,scope,financial_year,status,children,placed,total_annual_cost,started")
                .contains("\n" + planId + ",Camden placements 2026-27,Camden,2026-27,COMPLETED,");

        // a second tab on the same plan, as someone might leave open
        String first = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.driver.get(browser.url("/plans/" + planId));
        String second = browser.driver.getWindowHandle();
        browser.driver.switchTo().window(first);

        // approve every child the approval service lets through: one it refuses (on the demo data, a child awarded a
        // place on the market meanwhile) is named in the error summary, nothing is approved, and it can be unticked
        assertThat(browser.findAll("[data-test=placements] input[name=requestIds]:checked")).hasSize(placements);
        List<String> refusals = new java.util.ArrayList<>();
        browser.click("#approve");
        while (!browser.findAll(".govuk-error-summary").isEmpty() && refusals.size() < placements) {
            browser.checkPage("commissioner-plan-approve-child-refused");
            String refusal = browser.text(".govuk-error-summary__list");
            refusals.add(refusal);
            assertThat(summaryLinks()).containsExactly("#approve");
            assertThat(refusal).as("all or nothing").contains("nothing was approved");
            assertThat(planStatus(planId)).isEqualTo("COMPLETED");
            java.util.regex.Matcher child = java.util.regex.Pattern.compile("[Rr]equest ([0-9]+)").matcher(refusal);
            assertThat(child.find()).as("the refusal names the child: %s", refusal).isTrue();
            browser.find("#child-" + child.group(1)).click();  // untick: a checkbox, no page load
            browser.click("#approve");
        }
        int approved = placements - refusals.size();
        browser.checkPage("commissioner-plan-approved");
        assertThat(browser.text("[data-test=approved]")).isEqualTo(approved + (approved == 1 ? " placement" : " placements") + " approved");
        assertThat(browser.text("[data-test=status]")).isEqualTo(refusals.isEmpty() ? "Approved" : "Partly approved");
        assertThat(planStatus(planId)).isEqualTo(refusals.isEmpty() ? "APPROVED" : "PARTLY_APPROVED");
        assertThat(browser.findAll("[data-test=placements] .govuk-tag--green")).hasSize(approved);

        // approving again from the other tab: the approval service's refusal, in the error summary and by the button
        browser.driver.switchTo().window(second);
        browser.click("#approve");
        browser.checkPage("commissioner-plan-approve-refused");
        assertThat(summaryLinks()).containsExactly("#approve");
        assertThat(browser.text(".govuk-error-summary")).contains("has no proposed placement for your LA in plan " + planId);
        assertThat(browser.text("#approve-error")).contains("has no proposed placement for your LA in plan " + planId);
        assertThat(planStatus(planId)).isEqualTo(refusals.isEmpty() ? "APPROVED" : "PARTLY_APPROVED");

        // nobody ticked: the page says so by the button, and asks the approval service nothing
        browser.findAll("[data-test=placements] input[name=requestIds]:checked").forEach(org.openqa.selenium.WebElement::click);
        if (!browser.findAll("#approve.govuk-button").isEmpty()) {
            browser.click("#approve");
            browser.checkPage("commissioner-plan-approve-none-ticked");
            assertThat(browser.text("#approve-error")).contains("Select at least one child whose placement to approve");
        }
        System.out.println("Plan " + planId + ": " + approved + " of " + placements + " placements approved; refused first: " + refusals);
    }

    private String planStatus(String planId) {
        return as("commissioner-camden").document("query($id: ID!) { plan(id: $id) { status } }").variable("id", planId).execute()
                .path("plan.status").entity(String.class).get();
    }

    @Test
    void anotherLasPlanIsRefusedInTheWordsOfOneThatDoesNotExist() throws IOException {
        String hackneyPlan = as("commissioner-hackney").document("mutation { startPlan(input: { scope: LOCAL_AUTHORITY, code: \"" + HACKNEY
                + "\", financialYear: \"2026-27\", timeLimitSeconds: 2 }) { plan { id } } }").execute().path("startPlan.plan.id").entity(String.class).get();

        browser.signIn("commissioner-camden", PASSWORD);
        browser.openRefused("/plans/" + hackneyPlan, "commissioner-plan-other-la-refused");
        assertThat(browser.text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.text("[data-test=problem]")).isEqualTo("Plan: not found in your scope");
        assertThat(download("/plans/" + hackneyPlan + "/children.csv")).contains("not found in your scope").doesNotContain("request_id");
        // (the download's 403 is in the console too, which the next refused page expects)
        browser.openRefused("/plans/987654321", "commissioner-plan-unknown-refused");
        assertThat(browser.text("[data-test=problem]")).isEqualTo("Plan: not found in your scope");

        browser.open("/plans", "commissioner-plans");
        assertThat(browser.findAll("[data-plan='" + hackneyPlan + "']")).isEmpty();
        assertThat(download("/plans/plans.csv")).doesNotContain("Hackney");

        // and a regional planner, who sees plans in aggregate only, has no plan pages
        browser.signOut();
        browser.signIn("planner-london", PASSWORD);
        browser.openRefused("/plans", "planner-refused-plans");
        assertThat(browser.text("[data-test=problem]")).contains("not permitted for your role (regional planner)");
    }

    private int camdenPlans() {
        return db.fetchCount(PLAN, PLAN.SCOPE_CODE.eq(CAMDEN));
    }

    private List<String> summaryLinks() {
        return browser.findAll(".govuk-error-summary__list a").stream().map(a -> a.getDomAttribute("href")).toList();
    }

    /** A GraphQL Money (a decimal in pounds) as the pages write it: to the pound, half up, £1,235. */
    private static String pounds(Object money) {
        return String.format(java.util.Locale.UK, "£%,d", new BigDecimal(String.valueOf(money)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }
}
