package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.UUID;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.Timings;
import org.jfoundry.ports.inference.Usage;

/** Builds the OpenAI response objects; field names and shapes follow the OpenAI API reference. */
final class OpenAiResponses {
    private OpenAiResponses() {
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    static ObjectNode chatCompletion(String id, long created, Completion completion) {
        ObjectNode root = header(id, "chat.completion", created, completion.model().toString());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.text());
        choice.putNull("logprobs");
        choice.put("finish_reason", completion.finishReason().wireName());
        root.set("usage", usage(completion.usage()));
        root.set("timings", timings(completion.timings()));
        return root;
    }

    /** A streamed chunk; a null content with a null finish reason is the opening chunk that names the role. */
    static ObjectNode chatChunk(String id, long created, String model, String content, String finishReason,
                                boolean includeUsage) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content == null && finishReason == null) {
            delta.put("role", "assistant");
            delta.put("content", "");
        } else if (content != null) {
            delta.put("content", content);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            // OpenAI sends usage: null on every chunk but the last when usage was asked for.
            root.putNull("usage");
        }
        return root;
    }

    /** The last chunk of a stream that asked for usage: no choices, only the token counts. */
    static ObjectNode usageChunk(String id, long created, String object, String model, Usage usage) {
        ObjectNode root = header(id, object, created, model);
        root.putArray("choices");
        root.set("usage", usage(usage));
        return root;
    }

    static ObjectNode textCompletion(String id, long created, String model, String text, String finishReason) {
        ObjectNode root = header(id, "text_completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("index", 0);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return root;
    }

    static ObjectNode embeddings(EmbeddingResult result, boolean base64) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < result.vectors().size(); i++) {
            float[] vector = result.vectors().get(i);
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
        }
        root.put("model", result.model().toString());
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", result.promptTokens());
        usage.put("total_tokens", result.promptTokens());
        if (!result.truncatedInputs().isEmpty()) {
            // An extension field: clients that do not know it ignore it, those that care can see what was cut.
            ArrayNode truncated = root.putArray("truncated_inputs");
            result.truncatedInputs().forEach(truncated::add);
        }
        return root;
    }

    /** OpenAI's base64 encoding: the float32 values in little-endian order. */
    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static ObjectNode usage(Usage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.totalTokens());
        return node;
    }

    /** The extra {@code timings} field: OpenAI clients ignore it, people measuring the service read it. */
    static ObjectNode timings(Timings timings) {
        ObjectNode node = Json.object();
        node.put("time_to_first_token_ms", timings.timeToFirstToken().toNanos() / 1e6);
        node.put("total_ms", timings.total().toNanos() / 1e6);
        node.put("tokens_per_second", timings.tokensPerSecond());
        return node;
    }

    private static ObjectNode header(String id, String object, long created, String model) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }
}
