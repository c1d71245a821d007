package uk.sendplan.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.sendplan.planner.TestProblems;
import uk.sendplan.planner.io.PlanJson;
import uk.sendplan.planner.solver.Plan;

class PlannerCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return PlannerCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void solveWritesThePlanAndPrintsASummaryAgainstTheBaseline() throws IOException {
        Path problem = dir.resolve("problem.json");
        Files.writeString(problem, TestProblems.exampleJson());
        Path planFile = dir.resolve("plan.json");

        int exit = run("solve", "--problem", problem.toString(), "--out", planFile.toString(), "--seconds", "5",
                "--unimproved-seconds", "1");

        assertThat(exit).isZero();
        Plan plan = PlanJson.read(planFile);
        assertThat(plan.placedCount()).isEqualTo(5);
        assertThat(plan.unplaced()).singleElement().extracting(u -> u.requestId()).isEqualTo("R4");
        // every rule is per child: the plan is the flow's optimum, and the JSON carries its place values
        assertThat(Files.readString(planFile)).contains("\"placeValues\"");
        assertThat(plan.placeValues()).isNotNull();
        assertThat(out.toString()).startsWith("Placed 5 of 6 (1 unplaced), total £");
        assertThat(out.toString()).contains("vs reactive baseline: +0 places").contains("; proven optimal");
        assertThat(err.toString()).contains("Solving Example").contains("placed 5 unplaced 1");
        assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    }

    @Test
    void solveRefusesBadInputWithTheMessageAndANonZeroExit() throws IOException {
        Path problem = dir.resolve("bad.json");
        Files.writeString(problem, TestProblems.exampleJson().replace("\"need\": \"HI\"", "\"need\": \"ASDX\""));
        Path planFile = dir.resolve("plan.json");

        int exit = run("solve", "--problem", problem.toString(), "--out", planFile.toString());

        assertThat(exit).isEqualTo(PlannerCli.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("requests[3] (id \"R4\").need: unknown need code \"ASDX\"");
        assertThat(planFile).doesNotExist();
    }

    @Test
    void solveRefusesAMissingFileAndMissingOptions() {
        assertThat(run("solve", "--problem", dir.resolve("none.json").toString(), "--out", "x.json"))
                .isEqualTo(PlannerCli.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("Cannot read");
        assertThat(run("solve", "--problem", "p.json")).isEqualTo(PlannerCli.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("Missing required option: '--out=<planFile>'");
    }

    @Test
    void generateIsReproducibleBySeed() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");

        assertThat(run("generate", "--las", "2", "--requests", "300", "--seed", "9", "--out", a.toString())).isZero();
        assertThat(run("generate", "--las", "2", "--requests", "300", "--seed", "9", "--out", b.toString())).isZero();
        assertThat(run("generate", "--las", "2", "--requests", "300", "--seed", "10", "--out", c.toString())).isZero();

        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        assertThat(Files.readString(c)).isNotEqualTo(Files.readString(a));
        assertThat(out.toString()).contains("300 requests");
    }

    @Test
    void benchmarkReplacesOnlyItsOwnSection() throws IOException {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\n## API\nkeep me\n\n" + BenchmarkCommand.START + "\nold\n"
                + BenchmarkCommand.END + "\n\n## Other\nkeep me too\n", StandardCharsets.UTF_8);

        BenchmarkCommand.writeSection(doc, BenchmarkCommand.START + "\nnew\n" + BenchmarkCommand.END);

        assertThat(Files.readString(doc)).isEqualTo("# Benchmarks\n\n## API\nkeep me\n\n" + BenchmarkCommand.START
                + "\nnew\n" + BenchmarkCommand.END + "\n\n## Other\nkeep me too\n");
        Path fresh = dir.resolve("fresh.md");
        BenchmarkCommand.writeSection(fresh, BenchmarkCommand.START + "\nx\n" + BenchmarkCommand.END);
        assertThat(Files.readString(fresh)).startsWith("# Benchmarks\n\n" + BenchmarkCommand.START);
    }
}
