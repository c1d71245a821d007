package uk.sendplan.api.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import uk.sendplan.api.GraphQlTestBase;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every browser test shares: a fresh headless Chromium per test ({@link Browser} checks each page it opens),
 * downloads fetched as the page's own links fetch them, and the first views measured so far written beside the
 * screenshots (target/screenshots/first-views.md) after each class, for docs/benchmarks.md.
 */
abstract class BrowserTestBase extends GraphQlTestBase {

    protected Browser browser;

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

    /** Every class's first views so far (the map is shared by the run), so the file after the last class has them all. */
    @AfterAll
    static void writeTimings() throws IOException {
        if (Browser.FIRST_VIEWS.isEmpty()) {
            return;
        }
        String table = Browser.FIRST_VIEWS.entrySet().stream().map(e -> "| " + e.getKey() + " | " + e.getValue() + " |")
                .collect(Collectors.joining("\n", "| page (screenshot) | first view, ms (navigation start to load end) |\n|---|---|\n", "\n"));
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.writeString(Browser.SCREENSHOTS.resolve("first-views.md"), table);
        System.out.println("Web application, first view of each page so far:\n" + table);
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
