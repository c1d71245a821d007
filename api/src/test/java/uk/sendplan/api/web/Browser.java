package uk.sendplan.api.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium (never a downloaded one) driven by Selenium, as a person uses the pages. Every page it
 * opens is checked as it loads: no console error, no serious or critical axe-core violation, a screenshot under
 * target/screenshots, and its first view's time from the browser's navigation timing.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** First view of each page (screenshot name): milliseconds from navigation start to the load event's end. */
    static final Map<String, Long> FIRST_VIEWS = new TreeMap<>();

    private final int port;
    private final Path profile;
    private final ChromeDriverService service;
    final ChromeDriver driver;

    Browser(int port) throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Debian's chromium and chromium-driver (%s, %s); .ci/run installs them, "
                        + "or run: apt-get update && apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        this.port = port;
        profile = Files.createTempDirectory("webapp-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1600",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a page of the application and checks it (see {@link #checkPage}). */
    void open(String path, String screenshot) throws IOException {
        driver.get(url(path));
        checkPage(screenshot);
    }

    /** Opens a page the user may not see: its 403 is the one console error expected (Chromium logs the status). */
    void openRefused(String path, String screenshot) throws IOException {
        driver.get(url(path));
        check(screenshot, "status of 403");
    }

    /**
     * Checks the page the browser shows now: it loaded without a console error, axe-core finds nothing serious or
     * critical, and it is saved as target/screenshots/{screenshot}.png; its load time is kept for the first view.
     */
    void checkPage(String screenshot) throws IOException {
        check(screenshot, null);
    }

    /**
     * Checks a page that refreshes itself while its work runs (HTTP Refresh), as {@link #checkPage} does: the refresh is
     * stopped as soon as the page has loaded ({@code window.stop()} cancels it; what the service sends is unchanged), so
     * the checks read this page and not the next; it must still be the same document when they have finished.
     */
    void checkRunningPage(String screenshot) throws IOException {
        Object loaded = driver.executeScript("window.stop(); return performance.timeOrigin;");
        checkPage(screenshot);
        assertThat(driver.executeScript("return performance.timeOrigin;")).as("the running page checked is the one that loaded (%s)", screenshot)
                .isEqualTo(loaded);
    }

    private void check(String screenshot, String expectedError) throws IOException {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> expectedError == null || !e.getMessage().contains(expectedError)).toList();
        assertThat(errors).as("console errors on %s (%s)", driver.getCurrentUrl(), screenshot).isEmpty();

        Results axe = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"))
                .analyze(driver);
        List<String> serious = axe.getViolations().stream().filter(v -> List.of("serious", "critical").contains(v.getImpact()))
                .map(Browser::describe).toList();
        assertThat(serious).as("serious or critical accessibility violations on %s (%s)", driver.getCurrentUrl(), screenshot).isEmpty();

        Files.createDirectories(SCREENSHOTS);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(screenshot + ".png"), StandardCopyOption.REPLACE_EXISTING);

        Number loaded = (Number) ((JavascriptExecutor) driver).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd - n.startTime : null;");
        if (loaded != null) {
            FIRST_VIEWS.putIfAbsent(screenshot, Math.round(loaded.doubleValue()));
        }
    }

    private static String describe(Rule violation) {
        return violation.getId() + " (" + violation.getImpact() + "): " + violation.getHelp() + " at "
                + violation.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
    }

    /** Signs in on the sign-in page as a demo user with the demo password, and checks the home page it lands on. */
    void signIn(String subject, String password) throws IOException {
        driver.manage().deleteAllCookies();
        open("/sign-in", "sign-in");
        driver.findElement(By.cssSelector("input[name=username][value='" + subject + "']")).click();
        driver.findElement(By.id("password")).sendKeys(password);
        click("#main-content form button[type=submit]");
        checkPage("home-" + subject);
    }

    void signOut() {
        click(driver.findElement(By.xpath("//button[text()='Sign out']")));
    }

    /** Clicks a link or button that loads another page, and waits until that page has loaded. */
    void click(WebElement element) {
        // a mark on the old page's window, gone once another page has loaded; asking whether the old page's element is
        // stale instead races the navigation (Chromium may answer "node does not belong to the document" rather than stale)
        ((JavascriptExecutor) driver).executeScript("window.beforeClick = true");
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.beforeClick === undefined && document.readyState === 'complete'")));
    }

    void click(String css) {
        click(find(css));
    }

    void clickLink(String text) {
        click(driver.findElement(By.linkText(text)));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        service.stop();
        FileSystemUtils.deleteRecursively(profile);
    }
}
