package uk.sendplan.planner.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar planner.jar solve|generate|benchmark …}: the planner without the service. */
@Command(name = "planner", mixinStandardHelpOptions = true, version = "planner 0.1.0",
        description = "Plans SEND placements for a cohort of children: exact min-cost flow seeded into OptaPlanner.",
        subcommands = {SolveCommand.class, GenerateCommand.class, BenchmarkCommand.class})
public final class PlannerCli implements Runnable {

    /** Exit code for input the planner refuses (invalid problem, unreadable file, bad options). */
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // OptaPlanner logs every phase at INFO; the CLI prints its own progress instead.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new PlannerCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
