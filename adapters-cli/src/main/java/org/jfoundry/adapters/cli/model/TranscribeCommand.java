package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.adapters.cli.client.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code foundry transcribe <file> [--model M] [--format F] [--language L]}: speech to text with a Whisper model
 * (downloaded and loaded first); the transcript goes to stdout, progress to stderr.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribe an audio file (WAV) with a speech recognition model.")
public final class TranscribeCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The audio file (WAV: PCM or float, any rate).")
    Path file;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "Alias or model id (default: ${DEFAULT-VALUE}).")
    String model = "whisper-tiny-en";

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default), srt, vtt, json or verbose_json.")
    String format = "text";

    @Option(names = "--language", paramLabel = "CODE", description = "The spoken language (ISO-639-1), if known.")
    String language;

    TranscribeCommand(CliEnvironment environment) {
        this.environment = environment;
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
