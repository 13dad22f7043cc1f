package org.jfoundry.adapters.modelimport.whisper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * Writes {@code whisper.json}, all the speech engine needs beside the graphs: the sizes, whether the model is
 * multilingual, the ids of the special tokens (found by their text in {@code tokenizer.json}; timestamps follow
 * {@code <|notimestamps|>}), the language tokens, and the tokens CTranslate2's {@code config.json} suppresses always
 * ({@code suppress_ids}) and at the first step ({@code suppress_ids_begin}).
 */
final class WhisperConfig {

    static final String FILE_NAME = "whisper.json";
    private static final Pattern LANGUAGE = Pattern.compile("<\\|([a-z]{2,3}|haw|yue)\\|>");

    private WhisperConfig() {
    }

    static void write(WhisperDimensions dims, Path ct2Config, Path tokenizer, Path target) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode config = Files.isRegularFile(ct2Config) ? json.readTree(ct2Config.toFile()) : json.createObjectNode();
        Map<String, Integer> special = new HashMap<>();
        for (JsonNode token : json.readTree(tokenizer.toFile()).path("added_tokens")) {
            special.put(token.path("content").asText(), token.path("id").asInt());
        }
        boolean multilingual = dims.vocabularySize() >= 51865;
        ObjectNode out = json.createObjectNode();
        out.put("mel_bins", dims.melBins()).put("d_model", dims.dModel()).put("heads", dims.heads())
                .put("head_size", dims.headSize()).put("encoder_layers", dims.encoderLayers())
                .put("decoder_layers", dims.decoderLayers()).put("vocab_size", dims.vocabularySize())
                .put("max_target_positions", dims.maxTargetPositions()).put("multilingual", multilingual);
        int noTimestamps = id(special, "<|notimestamps|>");
        ObjectNode tokens = out.putObject("tokens");
        tokens.put("eot", id(special, "<|endoftext|>")).put("sot", id(special, "<|startoftranscript|>"))
                .put("transcribe", id(special, "<|transcribe|>")).put("translate", id(special, "<|translate|>"))
                .put("sot_prev", id(special, "<|startofprev|>")).put("no_timestamps", noTimestamps)
                .put("timestamp_begin", noTimestamps + 1);
        Integer noSpeech = special.getOrDefault("<|nospeech|>", special.get("<|nocaptions|>"));
        if (noSpeech != null) {
            tokens.put("no_speech", noSpeech);
        }
        ObjectNode languages = out.putObject("languages");
        if (multilingual) {
            Set<Integer> languageIds = new HashSet<>();
            config.path("lang_ids").forEach(id -> languageIds.add(id.asInt()));
            special.forEach((text, id) -> {
                var match = LANGUAGE.matcher(text);
                if (match.matches() && (languageIds.isEmpty() || languageIds.contains(id))) {
                    languages.put(match.group(1), id);
                }
            });
        }
        out.set("suppress_ids", config.path("suppress_ids").isArray() ? config.get("suppress_ids")
                : json.createArrayNode());
        out.set("suppress_ids_begin", config.path("suppress_ids_begin").isArray() ? config.get("suppress_ids_begin")
                : json.createArrayNode());
        json.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), out);
    }

    private static int id(Map<String, Integer> special, String text) {
        Integer id = special.get(text);
        if (id == null) {
            throw new InvalidRequestException("the Whisper tokenizer has no " + text + " token");
        }
        return id;
    }
}
