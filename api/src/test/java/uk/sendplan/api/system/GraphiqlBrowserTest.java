package uk.sendplan.api.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.FileSystemUtils;
import uk.sendplan.api.GraphQlTestBase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL as a person uses it, in Debian's headless Chromium against the demo profile: sign in, find the schema in
 * Docs, run the README's first example, follow a plan's progress over the WebSocket. Chromium and chromedriver are
 * required, not optional: .ci/run installs them, and a machine without them fails here rather than skipping.
 */
class GraphiqlBrowserTest extends GraphQlTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path profile;
    private ChromeDriverService service;
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the GraphiQL browser test needs Debian's chromium and chromium-driver (%s, %s); .ci/run installs them, "
                        + "or run: apt-get update && apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        profile = Files.createTempDirectory("graphiql-chromium-");
        // the driver is given, so Selenium never looks for (or downloads) a browser or driver of its own
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void aDemoUserSignsInSeesTheSchemaRunsTheReadmeExampleAndFollowsAPlan() throws IOException {
        signInAs("commissioner-camden");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".graphiql-query-editor .CodeMirror")));

        // Docs: the schema came through introspection, so the Query type and its fields are listed
        browser.findElement(By.cssSelector("button[aria-label='Show Documentation Explorer']")).click();
        docs(By.xpath("//a[contains(@class,'graphiql-doc-explorer-type-name') and text()='Query']")).click();
        docs(By.xpath("//a[contains(@class,'graphiql-doc-explorer-field-name') and text()='vacancies']"));
        assertThat(browser.findElement(By.cssSelector(".graphiql-doc-explorer")).getText()).contains("regions", "settings", "vacancies");

        // the README's first example answers in the result pane, exactly as over plain HTTP
        String example = readmeFirstExample();
        assertThat(example).contains("vacancies(laCode: \"202\")");
        Map<String, Object> result = run(example);
        assertThat(result).doesNotContainKey("errors");
        Map<?, ?> vacancies = (Map<?, ?>) ((Map<?, ?>) result.get("data")).get("vacancies");
        assertThat((Integer) vacancies.get("capacity")).isPositive();
        assertThat(vacancies).isEqualTo(as("commissioner-camden").document(example).execute().path("vacancies").entity(Map.class).get());

        // a subscription runs over /graphql-ws, signed in as the page is, and shows the plan's final report; the plan
        // is for children starting in 2099, so there are none and it proposes nothing for other tests' Camden children
        String planId = as("commissioner-camden")
                .document("mutation { startPlan(input: { scope: LOCAL_AUTHORITY, code: \"202\", startTerm: \"2099-SUMMER\", timeLimitSeconds: 1 }) { plan { id } } }")
                .execute().path("startPlan.plan.id").entity(String.class).get();
        String subscription = "subscription { planProgress(planId: \"" + planId + "\") { planId status done } }";
        Map<String, Object> progress = run(subscription, "\"done\": true");
        // GraphiQL picks the WebSocket for a subscription from the document it has parsed, a moment after the text
        // changes: pressed sooner (a busy machine), it sends the document over HTTP, which the service refuses by
        // naming /graphql-ws; pressed again, it has parsed it
        for (int attempt = 1; attempt < 3 && String.valueOf(progress.get("errors")).contains("/graphql-ws"); attempt++) {
            progress = run(subscription, "\"done\": true");
        }
        assertThat(progress).doesNotContainKey("errors");
        Map<?, ?> report = (Map<?, ?>) ((Map<?, ?>) progress.get("data")).get("planProgress");
        assertThat(report.get("planId")).isEqualTo(planId);
        assertThat(report.get("done")).isEqualTo(true);
        assertThat(report.get("status")).isEqualTo("COMPLETED");
    }

    /** Waits for an element of the Docs pane; when it never comes, says what the pane shows instead (e.g. why the schema failed to load). */
    private WebElement docs(By element) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(element));
        } catch (TimeoutException e) {
            throw new AssertionError("GraphiQL's Docs pane never showed " + element + "; it shows: "
                    + browser.findElements(By.cssSelector(".graphiql-doc-explorer")).stream().map(WebElement::getText).toList(), e);
        }
    }

    /**
     * A person answers the browser's Basic prompt once and the browser reuses the credentials for the whole origin;
     * headless Chromium has no prompt, so it takes them from the URL once, then opens the page without them (a page
     * whose own address carries credentials may not fetch relative URLs).
     */
    private void signInAs(String subject) {
        browser.get("http://" + subject + ":" + PASSWORD + "@localhost:" + port + "/graphiql");
        browser.get("http://localhost:" + port + "/graphiql");
    }

    private Map<String, Object> run(String document) {
        return run(document, null);
    }

    /** Types the document into the editor, presses Run, and reads the JSON the result pane shows (containing {@code expected}, if given). */
    private Map<String, Object> run(String document, String expected) {
        JavascriptExecutor js = browser;
        js.executeScript("document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0])", document);
        js.executeScript("document.querySelector('.graphiql-response .CodeMirror').CodeMirror.setValue('')");
        browser.findElement(By.cssSelector("button.graphiql-execute-button")).click();
        String shown;
        try {
            shown = new WebDriverWait(browser, WAIT).until(driver -> {
                String text = (String) js.executeScript("return document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()");
                boolean complete = !text.isBlank() && (expected == null || text.contains(expected) || text.contains("\"errors\""));
                return complete ? text : null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("GraphiQL showed no result for " + document + "; the pane shows: "
                    + js.executeScript("return document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()"), e);
        }
        return JsonParserFactory.getJsonParser().parseMap(shown);
    }

    private static String readmeFirstExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int examples = readme.indexOf("## Example queries");
        assertThat(examples).as("README.md has an Example queries section").isNotNegative();
        Matcher block = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(examples)).as("README.md's Example queries section has a graphql block").isTrue();
        return block.group(1);
    }
}
