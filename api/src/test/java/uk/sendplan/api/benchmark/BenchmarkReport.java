package uk.sendplan.api.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Writes one benchmark's section of docs/benchmarks.md, between its own markers, leaving other sections alone. */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    public static void write(String section, String markdown) {
        Path file = projectRoot().resolve("docs/benchmarks.md");
        String start = "<!-- " + section + ":start -->";
        String end = "<!-- " + section + ":end -->";
        try {
            String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
            String block = start + "\n" + markdown.strip() + "\n" + end;
            int from = text.indexOf(start);
            int to = text.indexOf(end);
            text = from >= 0 && to > from ? text.substring(0, from) + block + text.substring(to + end.length())
                    : text.stripTrailing() + "\n\n" + block + "\n";
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "2026-11-22, 2 cores, Linux 6.x, JDK 25.0.3, load 0.4": what a reader needs to compare runs. */
    public static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format("%s; %d cores; %s %s; JDK %s; %.0f GB heap max; 1-minute load average before the run %.2f",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1e9, os.getSystemLoadAverage());
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("schema.graphqls"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the project: schema.graphqls not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
