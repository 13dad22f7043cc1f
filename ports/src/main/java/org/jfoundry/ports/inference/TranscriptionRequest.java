package org.jfoundry.ports.inference;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.ModelNames;

/**
 * Audio to turn into text, as OpenAI's {@code /v1/audio/transcriptions} takes it.
 *
 * @param audio       the uploaded file's bytes (not copied; nobody changes them afterwards)
 * @param language    ISO-639-1 code of the spoken language, or null to let the model tell
 * @param prompt      text that precedes the audio (names, spelling, style), or null
 * @param temperature 0 decodes greedily; above 0 samples
 */
public record TranscriptionRequest(String model, byte[] audio, String language, String prompt, double temperature,
                                   LoadOptions loadOptions) {

    /** OpenAI's upload limit. */
    public static final int MAX_AUDIO_BYTES = 25 * 1024 * 1024;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public TranscriptionRequest {
        ModelNames.requireSafe(model, "model");
        if (audio == null || audio.length == 0) {
            throw new InvalidRequestException("the audio file is empty", "file");
        }
        if (audio.length > MAX_AUDIO_BYTES) {
            throw new InvalidRequestException("the audio file is larger than " + MAX_AUDIO_BYTES + " bytes", "file");
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new InvalidRequestException("language must be an ISO-639-1 code such as 'en', not '" + language
                    + "'", "language");
        }
        if (!(temperature >= 0 && temperature <= 1)) {
            throw new InvalidRequestException("temperature must be between 0 and 1", "temperature");
        }
        loadOptions = Objects.requireNonNullElse(loadOptions, LoadOptions.DEFAULT);
    }
}
