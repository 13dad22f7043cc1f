package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.adapters.cli.client.ServiceClient;

/** Transcribes one audio file through the service, for {@code foundry transcribe} and {@code foundry model run}. */
final class SpeechFiles {

    static final String SPEECH_TASK = "automatic-speech-recognition";

    private SpeechFiles() {
    }

    static boolean isSpeechModel(ResolvedModel resolved) {
        return SPEECH_TASK.equals(resolved.model().task());
    }

    /** Loads the model and prints the file's transcript in {@code format} to {@code out}. */
    static void transcribe(ServiceClient client, ResolvedModel resolved, Path audio, String format, String language,
                           PrintWriter out, PrintWriter status) {
        if (!Files.isRegularFile(audio)) {
            throw new CommandFailure(ExitCode.USAGE, "No audio file at " + audio);
        }
        status.println("🕓 Loading model...");
        status.flush();
        client.load(resolved.model().id().toString(), null, null);
        status.println("🟢 Model " + resolved.model().id() + " loaded successfully");
        status.flush();
        String answer = client.transcribe(resolved.model().id().toString(), audio, format, language);
        out.print(answer.endsWith("\n") ? answer : answer + "\n");
        out.flush();
    }
}
