package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.client.ModelResolver.Resolved;
import org.jfoundry.adapters.cli.client.ServiceClient;

/** Transcribes one audio file through the service, for {@code foundry transcribe} and {@code foundry model run}. */
final class SpeechFiles {

    static final String SPEECH_TASK = "automatic-speech-recognition";

    private SpeechFiles() {
    }

    static boolean isSpeechModel(Resolved resolved) {
        return resolved.entry() != null && SPEECH_TASK.equals(resolved.entry().task());
    }

    /** Loads the model and prints the file's transcript in {@code format} to {@code out}. */
    static void transcribe(ServiceClient client, Resolved resolved, Path audio, String format, String language,
                           PrintWriter out, PrintWriter status) {
        if (!Files.isRegularFile(audio)) {
            throw new CommandFailure(ExitCode.USAGE, "No audio file at " + audio);
        }
        status.println("🕓 Loading model...");
        status.flush();
        client.load(resolved.id().toString(), null, null);
        status.println("🟢 Model " + resolved.id() + " loaded successfully");
        status.flush();
        String answer = client.transcribe(resolved.id().toString(), audio, format, language);
        out.print(answer.endsWith("\n") ? answer : answer + "\n");
        out.flush();
    }
}
