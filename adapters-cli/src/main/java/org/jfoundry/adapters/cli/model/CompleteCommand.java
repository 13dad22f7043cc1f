package org.jfoundry.adapters.cli.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry complete <model> <prompt>} (Foundry Local 0.10): one answer, printed alone on stdout. It is
 * {@code model run} with the prompt required, so it never turns into an interactive chat.
 */
final class CompleteCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("complete", environment -> new CompleteCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    String model;
    List<String> prompt = new ArrayList<>();
    boolean verbose;
    Long ttlSeconds;

    CompleteCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Answer one prompt and exit (downloads and loads the model first).");
        spec.addPositional(CommandSpecs.parameter("0", String.class, () -> model, v -> model = v).paramLabel("MODEL")
                .description("Alias or model id.").build());
        spec.addPositional(CommandSpecs.words("1..*", () -> prompt, v -> prompt = v).paramLabel("PROMPT")
                .arity("1..*").required(true).description("The prompt (piped input is appended to it).").build());
        spec.addOption(CommandSpecs.flag(() -> verbose, v -> verbose = v, "--verbose")
                .description("After the reply, print time to first token and tokens per second.").build());
        spec.addOption(CommandSpecs.option(Long.class, () -> ttlSeconds, v -> ttlSeconds = v, "--ttl")
                .paramLabel("SECONDS").description("Seconds the model stays loaded while idle.").build());
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
