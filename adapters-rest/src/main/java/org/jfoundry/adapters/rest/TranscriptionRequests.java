package org.jfoundry.adapters.rest;

import java.util.List;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.TranscriptionRequest;

/** Reads the form fields of {@code POST /v1/audio/transcriptions} as OpenAI defines them. */
final class TranscriptionRequests {

    private static final Set<String> KNOWN = Set.of("file", "model", "language", "prompt", "response_format",
            "temperature", "timestamp_granularities[]", "timestamp_granularities", "stream", "chunking_strategy");

    record Call(TranscriptionRequest request, TranscriptionFormats format) {
    }

    private TranscriptionRequests() {
    }

    static Call read(MultipartForm form) {
        for (MultipartForm.Part part : form.parts()) {
            if (!KNOWN.contains(part.name())) {
                throw new InvalidRequestException("Unrecognized request argument supplied: " + part.name(),
                        part.name());
            }
        }
        MultipartForm.Part file = form.part("file").orElseThrow(() ->
                new InvalidRequestException("file is required: the audio to transcribe", "file"));
        if (file.body().length > TranscriptionRequest.MAX_AUDIO_BYTES) {
            throw new HttpFailure(413, "invalid_request_error", "file_too_large", "file", "The audio file is larger "
                    + "than the limit of " + TranscriptionRequest.MAX_AUDIO_BYTES + " bytes");
        }
        String model = text(form, "model");
        if (model == null) {
            throw new InvalidRequestException("model is required", "model");
        }
        TranscriptionFormats format = TranscriptionFormats.parse(text(form, "response_format"));
        List<String> granularities = form.parts().stream()
                .filter(p -> p.name().startsWith("timestamp_granularities")).map(p -> p.text().strip()).toList();
        for (String granularity : granularities) {
            if (granularity.equals("word")) {
                throw new InvalidRequestException("word timestamps are not supported; use segment",
                        "timestamp_granularities");
            }
            if (!granularity.equals("segment")) {
                throw new InvalidRequestException("timestamp_granularities holds 'segment' or 'word', not '"
                        + granularity + "'", "timestamp_granularities");
            }
        }
        if (!granularities.isEmpty() && format != TranscriptionFormats.VERBOSE_JSON) {
            throw new InvalidRequestException("timestamp_granularities needs response_format verbose_json",
                    "timestamp_granularities");
        }
        if ("true".equals(text(form, "stream"))) {
            throw new InvalidRequestException("streamed transcriptions are not supported; leave stream false",
                    "stream");
        }
        String language = text(form, "language");
        String prompt = text(form, "prompt");
        return new Call(new TranscriptionRequest(model, file.body(), language == null || language.isBlank() ? null
                : language.strip(), prompt, temperature(text(form, "temperature")), null), format);
    }

    private static double temperature(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("temperature must be a number", "temperature");
        }
    }

    private static String text(MultipartForm form, String name) {
        return form.part(name).map(MultipartForm.Part::text).orElse(null);
    }
}
