package org.jfoundry.adapters.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.adapters.cli.client.ServiceClient;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry model run <model> [prompt]}: downloads and loads the model when needed, then chats. With a prompt
 * argument or piped input it answers once and exits, printing only the answer on stdout so it can be scripted. With a
 * speech recognition model the argument is an audio file, and its transcript is printed.
 */
final class RunCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("run", environment -> new RunCommand(environment).spec);

    private final CliEnvironment environment;

    /** Not final: {@code complete} runs a run command on its own command line. */
    CommandSpec spec;
    String model;
    List<String> prompt = new ArrayList<>();
    boolean verbose;
    Long ttlSeconds;

    RunCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Chat with a model (downloads and loads it first).");
        spec.addPositional(CommandSpecs.parameter("0", String.class, () -> model, v -> model = v).paramLabel("MODEL")
                .description("Alias or model id.").build());
        spec.addPositional(CommandSpecs.words("1..*", () -> prompt, v -> prompt = v).paramLabel("PROMPT").arity("0..*")
                .description("Answer this once and exit (piped input is appended to it).").build());
        spec.addOption(CommandSpecs.flag(() -> verbose, v -> verbose = v, "--verbose")
                .description("After each reply, print time to first token and tokens per second.").build());
        spec.addOption(CommandSpecs.option(Long.class, () -> ttlSeconds, v -> ttlSeconds = v, "--ttl")
                .paramLabel("SECONDS").description("Seconds the model stays loaded while idle.").build());
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean interactive = prompt.isEmpty() && environment.terminal().inputIsTerminal();
        // In one-shot mode stdout carries only the answer; progress goes to stderr.
        PrintWriter status = interactive ? out : spec.commandLine().getErr();
        String message = interactive ? null : oneShotMessage();
        ServiceClient client = environment.startIfNeeded(status);
        ResolvedModel resolved = Models.resolve(client, model);
        if (SpeechFiles.isSpeechModel(resolved)) {
            // A speech model has nothing to chat about: its argument is the audio file to transcribe.
            if (prompt.size() != 1) {
                throw new CommandFailure(ExitCode.USAGE, "Give one audio file: foundry model run " + model + " <file>");
            }
            Models.download(client, resolved, spec.commandLine().getErr(), false);
            SpeechFiles.transcribe(client, resolved, java.nio.file.Path.of(prompt.getFirst()), "text", null, out,
                    spec.commandLine().getErr());
            return ExitCode.OK;
        }
        Models.download(client, resolved, status, interactive && environment.terminal().outputIsTerminal());
        status.println("🕓 Loading model...");
        status.flush();
        client.load(resolved.model().id().toString(), ttlSeconds == null ? null : Duration.ofSeconds(ttlSeconds), null);
        status.println("🟢 Model " + resolved.model().id() + " loaded successfully");
        status.flush();

        ChatSession session = new ChatSession(client, resolved.model().id().toString(), environment.terminal(), out, verbose);
        if (interactive) {
            session.interactive();
            return ExitCode.OK;
        }
        return session.answerOnce(message).cancelled() ? ExitCode.CANCELLED : ExitCode.OK;
    }

    private String oneShotMessage() throws IOException {
        StringBuilder message = new StringBuilder(String.join(" ", prompt));
        if (!environment.terminal().inputIsTerminal()) {
            StringBuilder piped = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = environment.terminal().input().read(buffer)) > 0; ) {
                piped.append(buffer, 0, n);
            }
            if (!piped.toString().isBlank()) {
                message.append(message.isEmpty() ? "" : "\n\n").append(piped.toString().strip());
            }
        }
        if (message.toString().isBlank()) {
            throw new CommandFailure(ExitCode.USAGE, "Nothing to answer: give a prompt or pipe some text in.");
        }
        return message.toString();
    }
}
