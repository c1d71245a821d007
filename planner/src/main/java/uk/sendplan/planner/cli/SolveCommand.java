package uk.sendplan.planner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.ProblemValidationException;
import uk.sendplan.planner.io.PlanJson;
import uk.sendplan.planner.io.ProblemJson;
import uk.sendplan.planner.solver.Plan;
import uk.sendplan.planner.solver.PlacementPlanner;
import uk.sendplan.planner.solver.SolveOptions;

@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve a problem JSON and write the plan JSON. Progress goes to stderr, a summary to stdout.")
final class SolveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--problem", required = true, description = "problem JSON file")
    private Path problemFile;

    @Option(names = "--out", required = true, description = "plan JSON file to write")
    private Path planFile;

    @Option(names = "--seconds", defaultValue = "30", description = "time limit in seconds (default ${DEFAULT-VALUE})")
    private int seconds;

    @Option(names = "--unimproved-seconds", defaultValue = "5",
            description = "stop after this many seconds without a better plan (default ${DEFAULT-VALUE})")
    private int unimprovedSeconds;

    @Option(names = "--threads", defaultValue = "0",
            description = "extra move threads for local search; 0 = none (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--seed", description = "random seed for local search")
    private Long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seconds < 1 || unimprovedSeconds < 1 || threads < 0) {
            err.println("--seconds and --unimproved-seconds must be at least 1 and --threads at least 0");
            return PlannerCli.EXIT_BAD_INPUT;
        }
        PlacementProblem problem;
        try {
            problem = ProblemJson.read(problemFile);
        } catch (ProblemValidationException e) {
            err.println("Refused " + problemFile + ": " + e.getMessage());
            return PlannerCli.EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("Cannot read " + problemFile + ": " + e);
            return PlannerCli.EXIT_BAD_INPUT;
        }
        err.printf("Solving %s: %d requests, %d settings%n", problem.name(), problem.requests().size(),
                problem.settings().size());
        SolveOptions options = new SolveOptions(Duration.ofSeconds(seconds), Duration.ofSeconds(unimprovedSeconds),
                threads, seed);
        Plan plan = new PlacementPlanner().solve(problem, options, progress -> {
            err.println(progress);
            err.flush();
        });
        PlanJson.write(plan, planFile);
        out.println(summary(plan, problem.requests().size()));
        return 0;
    }

    static String summary(Plan plan, int requestCount) {
        int placed = plan.placedCount();
        int baselinePlaced = requestCount - plan.baseline().unplacedCount();
        long costDifference = plan.totalAnnualCost() - plan.baseline().totalAnnualCost();
        double costPercent = plan.baseline().totalAnnualCost() == 0 ? 0
                : 100.0 * costDifference / plan.baseline().totalAnnualCost();
        String quality = plan.provenOptimal() ? "; proven optimal"
                : plan.gapPercent() == null ? "" : String.format("; at most %.2f%% above the best possible", plan.gapPercent());
        return String.format("Placed %d of %d (%d unplaced), total £%,d a year, score %s; vs reactive baseline: "
                        + "%+d places, %s£%,d a year (%+.1f%%)%s",
                placed, requestCount, plan.unplacedCount(), plan.totalAnnualCost(), plan.score(),
                placed - baselinePlaced, costDifference < 0 ? "-" : "+", Math.abs(costDifference), costPercent, quality);
    }
}
