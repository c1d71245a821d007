package uk.sendplan.api.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.remote.RemoteWebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every browser test shares: a fresh headless Chromium per test ({@link Browser} checks each page it opens),
 * downloads fetched as the page's own links fetch them, and the first views measured so far written beside the
 * screenshots (target/screenshots/first-views.md) after each class, for docs/benchmarks.md.
 */
abstract class BrowserTestBase extends GraphQlTestBase {

    protected Browser browser;

    @Autowired
    private ApplicationContext context;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = new Browser(port);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * Every class's first views so far, merged into the file: the test JVMs (surefire forks) each add theirs, one at a
     * time under a lock, so the file after the last class has every page's.
     */
    @AfterAll
    static void writeTimings() throws IOException {
        if (Browser.FIRST_VIEWS.isEmpty()) {
            return;
        }
        Files.createDirectories(Browser.SCREENSHOTS);
        Path file = Browser.SCREENSHOTS.resolve("first-views.md");
        try (FileChannel lock = FileChannel.open(Browser.SCREENSHOTS.resolve("first-views.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            Map<String, Long> all = new TreeMap<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    Matcher row = TIMING_ROW.matcher(line);
                    if (row.matches()) {
                        all.put(row.group(1), Long.parseLong(row.group(2)));
                    }
                }
            }
            all.putAll(Browser.FIRST_VIEWS);
            String table = all.entrySet().stream().map(e -> "| " + e.getKey() + " | " + e.getValue() + " |")
                    .collect(Collectors.joining("\n", "| page (screenshot) | first view, ms (navigation start to load end) |\n|---|---|\n", "\n"));
            Files.writeString(file, table);
            System.out.println("Web application, first view of each page so far:\n" + table);
        }
    }

    private static final Pattern TIMING_ROW = Pattern.compile("\\| ([^|]+) \\| ([0-9]+) \\|");

    /**
     * Waits, up to two minutes, while a running plan's page refreshes itself until {@code finished} shows, and returns
     * the progress bar's value on each view while the plan was solving, in order (a page load makes a new element).
     */
    protected List<Integer> progressBarsUntil(String finished) {
        Map<String, Integer> bars = new LinkedHashMap<>();
        new WebDriverWait(browser.driver, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(250)).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> {
                    for (WebElement bar : d.findElements(By.cssSelector("[data-test=progress-bar]"))) {
                        if (d.findElement(By.cssSelector("[data-test=progress-state]")).getText().startsWith("Solving for")) {
                            bars.putIfAbsent(((RemoteWebElement) bar).getId(), Integer.valueOf(bar.getDomAttribute("value")));
                        }
                    }
                    return d.findElement(By.cssSelector(finished)).isDisplayed();
                });
        return List.copyOf(bars.values());
    }

    /** Work held back by {@link #holdBackgroundWork}; closing lets it run. */
    protected interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Keeps the next piece of a kind of background work (bean name: "auditJobs", "importJobs"...) from finishing until
     * closed, so its running page can be seen and checked while the work is really unfinished: a job of the kind's own
     * occupies its one runner (each kind runs one job at a time), and the work a page starts next waits behind it.
     */
    protected Held holdBackgroundWork(String jobsBean) {
        CountDownLatch occupied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        occupy(context.getBean(jobsBean, BackgroundJobs.class), occupied, release);
        try {
            assertThat(occupied.await(30, TimeUnit.SECONDS)).as("%s's runner taken by the test's job", jobsBean).isTrue();
        } catch (InterruptedException e) {
            release.countDown();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return release::countDown;
    }

    /**
     * Waits, up to two minutes, while a running page refreshes itself, until a page showing {@code css} has loaded
     * (reload it first when its refresh was stopped to check it).
     */
    protected void untilShown(String css) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(250)).ignoring(StaleElementReferenceException.class)
                .until(d -> "complete".equals(browser.driver.executeScript("return document.readyState")) && !d.findElements(By.cssSelector(css)).isEmpty());
    }

    private static <T> void occupy(BackgroundJobs<T> jobs, CountDownLatch occupied, CountDownLatch release) {
        jobs.start(new Actor("browser-test", Role.ADMIN, null, null, null), "Held by a browser test", () -> {
            occupied.countDown();
            try {
                // bounded, so a test that fails before closing cannot hold the runner for the next test for long
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    /** A file downloaded as the page's link would fetch it: same origin, same session. */
    protected String download(String path) {
        Object text = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", path);
        return String.valueOf(text);
    }

    /** A CSV's lines (WebDriver hands text back with its line breaks as LF). */
    protected static List<String> lines(String csv) {
        return List.of(csv.split("\\R"));
    }

    /** A count as the pages write it, with thousands separators: "20,902". */
    protected static String count(long n) {
        return String.format(java.util.Locale.UK, "%,d", n);
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
