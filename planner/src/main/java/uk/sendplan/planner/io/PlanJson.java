package uk.sendplan.planner.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import uk.sendplan.planner.solver.Plan;

/** Writes and reads the plan JSON described in {@code docs/problem-format.md}. */
public final class PlanJson {

    private PlanJson() {
    }

    public static String write(Plan plan) {
        return ProblemJson.MAPPER.writeValueAsString(plan);
    }

    public static void write(Plan plan, Path file) throws IOException {
        Files.writeString(file, write(plan), StandardCharsets.UTF_8);
    }

    public static Plan read(String json) {
        return ProblemJson.MAPPER.readValue(json, Plan.class);
    }

    public static Plan read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }
}
