package org.jfoundry.adapters.ort.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.ports.failure.EngineFailureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code genai_config.json} says about a decoder: its file, sizes, tensor names, session options and the
 * search defaults. Names here are only expectations; the session's real inputs are probed when it is opened.
 */
record GenAiConfig(
        String modelType,
        int bosTokenId,
        List<Integer> eosTokenIds,
        int padTokenId,
        int vocabSize,
        int contextLength,
        Decoder decoder,
        Search search) {

    static final String FILE_NAME = "genai_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Decoder(String filename, int headSize, int hiddenSize, int numAttentionHeads, int numKeyValueHeads,
                   int numHiddenLayers, SessionSettings sessionOptions, Map<String, String> inputs,
                   Map<String, String> outputs) {

        String input(String key, String fallback) {
            return inputs.getOrDefault(key, fallback);
        }

        String output(String key, String fallback) {
            return outputs.getOrDefault(key, fallback);
        }
    }

    /**
     * @param providerOptions provider name (as genai_config.json writes it, e.g. {@code cuda}) to its options, in order
     * @param configEntries   ONNX Runtime session config entries (dotted keys)
     */
    record SessionSettings(int intraOpThreads, int interOpThreads, String graphOptimizationLevel,
                           Map<String, Map<String, String>> providerOptions, Map<String, String> configEntries) {
    }

    /** {@code search}; {@code maxLength} 0 means the context length. A negative seed means none. */
    record Search(boolean doSample, int maxLength, int topK, double topP, double temperature, double repetitionPenalty,
                  boolean pastPresentShareBuffer, long randomSeed) {
    }

    static GenAiConfig read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            return parse(JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new EngineFailureException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new EngineFailureException(file + " is not a usable GenAI config: " + e.getMessage(), e);
        }
    }

    static GenAiConfig parse(JsonNode root) {
        JsonNode model = root.path("model");
        JsonNode decoder = model.path("decoder");
        if (!decoder.isObject()) {
            throw new IllegalArgumentException("model.decoder is missing");
        }
        int contextLength = requiredInt(model, "context_length");
        return new GenAiConfig(
                model.path("type").asText("unknown"),
                model.path("bos_token_id").asInt(-1),
                intOrList(model.path("eos_token_id")),
                model.path("pad_token_id").asInt(-1),
                requiredInt(model, "vocab_size"),
                contextLength,
                new Decoder(
                        decoder.path("filename").asText("model.onnx"),
                        requiredInt(decoder, "head_size"),
                        decoder.path("hidden_size").asInt(0),
                        requiredInt(decoder, "num_attention_heads"),
                        decoder.path("num_key_value_heads").asInt(decoder.path("num_attention_heads").asInt()),
                        requiredInt(decoder, "num_hidden_layers"),
                        sessionSettings(decoder.path("session_options")),
                        strings(decoder.path("inputs")),
                        strings(decoder.path("outputs"))),
                search(root.path("search")));
    }

    private static Search search(JsonNode search) {
        return new Search(
                search.path("do_sample").asBoolean(false),
                search.path("max_length").asInt(0),
                search.path("top_k").asInt(0),
                search.path("top_p").asDouble(1.0),
                search.path("temperature").asDouble(1.0),
                search.path("repetition_penalty").asDouble(1.0),
                search.path("past_present_share_buffer").asBoolean(false),
                search.has("random_seed") ? search.path("random_seed").asLong(-1) : -1);
    }

    private static SessionSettings sessionSettings(JsonNode options) {
        Map<String, Map<String, String>> providers = new LinkedHashMap<>();
        for (JsonNode provider : options.path("provider_options")) {
            provider.fields().forEachRemaining(entry -> providers.put(entry.getKey(), strings(entry.getValue())));
        }
        Map<String, String> entries = new LinkedHashMap<>();
        options.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            boolean known = switch (key) {
                case "intra_op_num_threads", "inter_op_num_threads", "graph_optimization_level", "provider_options",
                     "log_id", "log_severity_level", "enable_profiling" -> true;
                default -> false;
            };
            // Keys with a dot are ONNX Runtime session config entries, such as session.intra_op.allow_spinning.
            if (!known && key.contains(".") && entry.getValue().isValueNode()) {
                entries.put(key, entry.getValue().asText());
            }
        });
        return new SessionSettings(options.path("intra_op_num_threads").asInt(0),
                options.path("inter_op_num_threads").asInt(0),
                options.path("graph_optimization_level").asText(""), providers, entries);
    }

    private static List<Integer> intOrList(JsonNode node) {
        List<Integer> ids = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(id -> ids.add(id.asInt()));
        } else if (node.isNumber()) {
            ids.add(node.asInt());
        }
        return List.copyOf(ids);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.canConvertToInt() || value.asInt() <= 0) {
            throw new IllegalArgumentException(field + " must be a positive integer");
        }
        return value.asInt();
    }

    /** The longest sequence (prompt + completion) the config allows: search.max_length capped by the context. */
    int configuredMaxLength() {
        int max = search.maxLength();
        return max <= 0 ? contextLength : Math.min(max, contextLength);
    }
}
