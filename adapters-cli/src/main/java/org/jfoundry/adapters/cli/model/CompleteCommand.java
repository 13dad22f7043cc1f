package org.jfoundry.adapters.cli.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code foundry complete <model> <prompt>} (Foundry Local 0.10): one answer, printed alone on stdout. It is
 * {@code model run} with the prompt required, so it never turns into an interactive chat.
 */
@Command(name = "complete", mixinStandardHelpOptions = true,
        description = "Answer one prompt and exit (downloads and loads the model first).")
final class CompleteCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Alias or model id.")
    String model;

    @Parameters(index = "1..*", paramLabel = "PROMPT", arity = "1..*",
            description = "The prompt (piped input is appended to it).")
    List<String> prompt = new ArrayList<>();

    @Option(names = "--verbose", description = "After the reply, print time to first token and tokens per second.")
    boolean verbose;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "Seconds the model stays loaded while idle.")
    Long ttlSeconds;

    CompleteCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        RunCommand run = new RunCommand(environment);
        run.spec = spec;
        run.model = model;
        run.prompt = prompt;
        run.verbose = verbose;
        run.ttlSeconds = ttlSeconds;
        return run.call();
    }
}
