package org.jfoundry.adapters.ort.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfoundry.ports.failure.EngineFailureException;

/** {@code whisper.json}, written by the model importer: sizes, special token ids, languages, suppressed tokens. */
record WhisperSettings(int melBins, int heads, int headSize, int decoderLayers, int vocabularySize,
                       int maxTargetPositions, boolean multilingual, int eot, int sot, int transcribe,
                       int translate, int sotPrev, int noTimestamps, int timestampBegin, int noSpeech,
                       Map<String, Integer> languages, int[] suppress, int[] suppressAtBegin) {

    static final String FILE_NAME = "whisper.json";

    static WhisperSettings read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            JsonNode tokens = json.required("tokens");
            Map<String, Integer> languages = new LinkedHashMap<>();
            json.path("languages").properties().forEach(e -> languages.put(e.getKey(), e.getValue().asInt()));
            return new WhisperSettings(json.required("mel_bins").asInt(), json.required("heads").asInt(),
                    json.required("head_size").asInt(), json.required("decoder_layers").asInt(),
                    json.required("vocab_size").asInt(), json.required("max_target_positions").asInt(),
                    json.required("multilingual").asBoolean(), tokens.required("eot").asInt(),
                    tokens.required("sot").asInt(), tokens.required("transcribe").asInt(),
                    tokens.required("translate").asInt(), tokens.required("sot_prev").asInt(),
                    tokens.required("no_timestamps").asInt(), tokens.required("timestamp_begin").asInt(),
                    tokens.path("no_speech").asInt(-1), Map.copyOf(languages), ints(json.path("suppress_ids")),
                    ints(json.path("suppress_ids_begin")));
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
