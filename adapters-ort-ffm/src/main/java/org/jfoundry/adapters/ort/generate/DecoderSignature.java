package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.runtime.ElementType;
import org.jfoundry.adapters.ort.runtime.NodeInfo;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.ports.failure.EngineFailureException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decoder's real inputs and outputs, probed from the session: genai_config.json names what to look for, but a
 * folder whose graph lacks {@code position_ids} or has fewer layers than the config says is taken as it is.
 *
 * @param attentionMask null when the graph takes no attention mask
 * @param positionIds   null when the graph derives positions itself (GroupQueryAttention models)
 * @param kvType        the KV cache's element type: float32, or float16/bfloat16 (what CUDA's GroupQueryAttention runs)
 */
record DecoderSignature(String inputIds, String attentionMask, String positionIds, List<String> pastKeys,
                        List<String> pastValues, String logits, List<String> presentKeys, List<String> presentValues,
                        int kvHeads, int headSize, ElementType kvType, int vocabSize) {

    int layers() {
        return pastKeys.size();
    }

    static DecoderSignature probe(Session session, GenAiConfig config) {
        GenAiConfig.Decoder decoder = config.decoder();
        Set<String> inputs = session.inputs().stream().map(NodeInfo::name).collect(Collectors.toSet());
        Set<String> outputs = session.outputs().stream().map(NodeInfo::name).collect(Collectors.toSet());

        String inputIds = require(inputs, decoder.input("input_ids", "input_ids"), "input", session);
        requireType(session.input(inputIds), ElementType.INT64);
        String mask = optional(inputs, decoder.input("attention_mask", "attention_mask"));
        if (mask != null) {
            requireType(session.input(mask), ElementType.INT64);
        }
        String positions = optional(inputs, decoder.input("position_ids", "position_ids"));
        if (positions != null) {
            requireType(session.input(positions), ElementType.INT64);
        }
        String logits = require(outputs, decoder.output("logits", "logits"), "output", session);
        requireType(session.output(logits), ElementType.FLOAT);

        List<String> pastKeys = numbered(inputs, decoder.input("past_key_names", "past_key_values.%d.key"));
        List<String> pastValues = numbered(inputs, decoder.input("past_value_names", "past_key_values.%d.value"));
        List<String> presentKeys = numbered(outputs, decoder.output("present_key_names", "present.%d.key"));
        List<String> presentValues = numbered(outputs, decoder.output("present_value_names", "present.%d.value"));
        if (pastKeys.isEmpty() || pastKeys.size() != pastValues.size() || pastKeys.size() != presentKeys.size()
                || pastKeys.size() != presentValues.size()) {
            throw new EngineFailureException("the decoder's KV cache inputs and outputs do not pair up: " + pastKeys.size()
                    + " past keys, " + pastValues.size() + " past values, " + presentKeys.size() + " present keys, "
                    + presentValues.size() + " present values; inputs are " + session.inputNames());
        }
        NodeInfo firstPast = session.input(pastKeys.getFirst());
        ElementType kvType = cacheType(firstPast);
        long[] kvShape = firstPast.tensor().shape();
        if (kvShape.length != 4) {
            throw new EngineFailureException("KV cache input " + firstPast + " is not [batch, kv_heads, sequence, head_size]");
        }
        int kvHeads = kvShape[1] > 0 ? (int) kvShape[1] : decoder.numKeyValueHeads();
        int headSize = kvShape[3] > 0 ? (int) kvShape[3] : decoder.headSize();
        long[] logitsShape = session.output(logits).tensor().shape();
        int vocab = logitsShape.length > 0 && logitsShape[logitsShape.length - 1] > 0
                ? (int) logitsShape[logitsShape.length - 1] : config.vocabSize();
        return new DecoderSignature(inputIds, mask, positions, pastKeys, pastValues, logits, presentKeys,
                presentValues, kvHeads, headSize, kvType, vocab);
    }

    /** Names for layer 0, 1, 2... of a {@code %d} pattern, for as long as the session has them. */
    private static List<String> numbered(Set<String> names, String pattern) {
        List<String> found = new ArrayList<>();
        for (int layer = 0; names.contains(pattern.formatted(layer)); layer++) {
            found.add(pattern.formatted(layer));
        }
        return List.copyOf(found);
    }

    private static String optional(Set<String> names, String name) {
        return names.contains(name) ? name : null;
    }

    private static String require(Set<String> names, String name, String kind, Session session) {
        if (!names.contains(name)) {
            throw new EngineFailureException("the decoder has no " + kind + " named '" + name + "'; its " + kind + "s are "
                    + (kind.equals("input") ? session.inputNames() : session.outputNames()));
        }
        return name;
    }

    private static ElementType cacheType(NodeInfo past) {
        for (ElementType type : new ElementType[]{ElementType.FLOAT, ElementType.FLOAT16, ElementType.BFLOAT16}) {
            if (past.tensor() != null && past.tensor().elementCode() == type.code()) {
                return type;
            }
        }
        throw new EngineFailureException("KV cache input " + past + " is not float32, float16 or bfloat16");
    }

    private static void requireType(NodeInfo node, ElementType expected) {
        if (node.tensor() == null || node.tensor().elementCode() != expected.code()) {
            throw new EngineFailureException("decoder tensor " + node + " is not " + expected
                    + "; this engine runs int64 ids and float32 logits");
        }
    }
}
