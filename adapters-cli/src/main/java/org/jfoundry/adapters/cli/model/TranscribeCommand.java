package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code foundry transcribe <file> [--model M] [--format F] [--language L]}: speech to text with a Whisper model
 * (downloaded and loaded first); the transcript goes to stdout, progress to stderr.
 */
public final class TranscribeCommand implements Callable<Integer> {
    public static final CommandEntry ENTRY =
            CommandEntry.of("transcribe", environment -> new TranscribeCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    Path file;
    String model = "whisper-tiny-en";
    String format = "text";
    String language;

    TranscribeCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Transcribe an audio file (WAV) with a speech recognition model.");
        spec.addPositional(CommandSpecs.parameter("0", Path.class, () -> file, v -> file = v).paramLabel("FILE")
                .description("The audio file (WAV: PCM or float, any rate).").build());
        spec.addOption(CommandSpecs.option(String.class, () -> model, v -> model = v, "-m", "--model")
                .paramLabel("MODEL").description("Alias or model id (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(CommandSpecs.option(String.class, () -> format, v -> format = v, "--format").paramLabel("FORMAT")
                .description("text (default), srt, vtt, json or verbose_json.").build());
        spec.addOption(CommandSpecs.option(String.class, () -> language, v -> language = v, "--language")
                .paramLabel("CODE").description("The spoken language (ISO-639-1), if known.").build());
    }

    @Override
    public Integer call() {
        PrintWriter status = spec.commandLine().getErr();
        ServiceClient client = environment.startIfNeeded(status);
        ResolvedModel resolved = Models.resolve(client, model);
        if (!SpeechFiles.isSpeechModel(resolved)) {
            throw new CommandFailure(ExitCode.USAGE, "Model " + resolved.model().id() + " does not transcribe audio; use a "
                    + "speech recognition model such as whisper-tiny-en");
        }
        Models.download(client, resolved, status, false);
        SpeechFiles.transcribe(client, resolved, file, format, language, spec.commandLine().getOut(), status);
        return ExitCode.OK;
    }
}
