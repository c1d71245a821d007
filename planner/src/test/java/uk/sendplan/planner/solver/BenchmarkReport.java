package uk.sendplan.planner.solver;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** What the planner's benchmarks share: the machine line, and writing their own marked section of docs/benchmarks.md. */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /** Date, cores, OS, JDK, heap and the load average before the run. */
    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%s; %d cores; %s %s; JDK %s; %.0f GB heap max; 1-minute load average before the run %.2f",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1e9,
                os.getSystemLoadAverage());
    }

    /** Replaces the section between {@code <!-- section:start -->} and its end marker, or appends it. */
    static void write(String section, String markdown) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("schema.graphqls"))) {
            dir = dir.getParent();
        }
        Path file = dir.resolve("docs/benchmarks.md");
        String start = "<!-- " + section + ":start -->";
        String end = "<!-- " + section + ":end -->";
        String text = Files.readString(file);
        String block = start + "\n" + markdown.strip() + "\n" + end;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        text = from >= 0 && to > from ? text.substring(0, from) + block + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + block + "\n";
        Files.writeString(file, text);
    }
}
