package uk.sendplan.planner.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;
import uk.sendplan.planner.io.ProblemJson;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a realistic seeded problem JSON (same options and seed, same file).")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--las", defaultValue = "1", description = "neighbouring local authorities (default ${DEFAULT-VALUE})")
    private int las;

    @Option(names = "--requests", required = true, description = "children to place")
    private int requests;

    @Option(names = "--settings", description = "settings with room (default: one per ten requests)")
    private Integer settings;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--cost-only", description = "set every policy weight to 0 (cost is the only soft objective)")
    private boolean costOnly;

    @Option(names = "--out", required = true, description = "problem JSON file to write")
    private Path out;

    @Override
    public Integer call() throws IOException {
        GeneratorOptions options;
        PlacementProblem problem;
        try {
            options = new GeneratorOptions(las, requests, settings == null ? Math.max(1, requests / 10) : settings,
                    seed, costOnly ? Weights.NONE : Weights.DEFAULT);
            problem = ProblemGenerator.generate(options);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("Cannot generate: " + e.getMessage());
            return PlannerCli.EXIT_BAD_INPUT;
        }
        ProblemJson.write(problem, out);
        spec.commandLine().getOut().printf("Wrote %s: %s (%d settings)%n", out, problem.name(),
                problem.settings().size());
        return 0;
    }
}
