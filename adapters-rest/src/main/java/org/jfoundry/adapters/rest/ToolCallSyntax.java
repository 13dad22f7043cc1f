package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads tool calls back out of a model's answer, in the syntaxes of the families served: Hermes, Qwen and SmolLM
 * ({@code <tool_call>{...}</tool_call>}), Phi-4 ({@code <|tool_call|>[...]<|/tool_call|>}), Mistral
 * ({@code [TOOL_CALLS][...]} and {@code [TOOL_CALLS]name[ARGS]{...}}) and Llama 3.x (the whole answer one JSON call,
 * {@code {"name": ..., "parameters": {...}}}, optionally after {@code <|python_tag|>}, several joined by {@code ;}).
 * Only calls of declared tools with object arguments count; the markup never reaches the content.
 */
final class ToolCallSyntax {

    record Call(String id, String name, String arguments) {
    }

    record Parsed(String content, List<Call> calls) {
    }

    private static final SecureRandom IDS = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ToolCallSyntax() {
    }

    static Parsed parse(String text, Set<String> names) {
        for (String[] markers : List.of(new String[]{"<tool_call>", "</tool_call>"},
                new String[]{"<|tool_call|>", "<|/tool_call|>"})) {
            if (text.contains(markers[0])) {
                Parsed tagged = tagged(text, markers[0], markers[1], names);
                if (!tagged.calls().isEmpty()) {
                    return tagged;
                }
            }
        }
        int mistral = text.indexOf("[TOOL_CALLS]");
        if (mistral >= 0) {
            List<Call> calls = mistral(text.substring(mistral + "[TOOL_CALLS]".length()), names);
            if (!calls.isEmpty()) {
                return new Parsed(text.substring(0, mistral).strip(), calls);
            }
        }
        String whole = text.strip();
        if (whole.startsWith("<|python_tag|>")) {
            whole = whole.substring("<|python_tag|>".length()).strip();
        }
        if (whole.startsWith("{")) {
            List<Call> calls = new ArrayList<>();
            for (String part : whole.split(";\\s*(?=\\{)")) {
                Call call = call(readWhole(part), names);
                if (call == null) {
                    return new Parsed(text, List.of());
                }
                calls.add(call);
            }
            return new Parsed("", calls);
        }
        return new Parsed(text, List.of());
    }

    /** The answer when the output was constrained to one call's JSON (tool_choice required or named). */
    static Parsed forced(String text, Set<String> names) {
        Call call = call(readWhole(text), names);
        return call == null ? new Parsed(text, List.of()) : new Parsed("", List.of(call));
    }

    private static Parsed tagged(String text, String open, String close, Set<String> names) {
        StringBuilder content = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        int at = 0;
        while (true) {
            int start = text.indexOf(open, at);
            if (start < 0) {
                content.append(text, at, text.length());
                break;
            }
            content.append(text, at, start);
            int body = start + open.length();
            int end = text.indexOf(close, body);
            String inside = end < 0 ? text.substring(body) : text.substring(body, end);
            JsonNode node = readWhole(inside);
            if (node != null && node.isArray()) {
                node.forEach(item -> addCall(calls, call(item, names)));
            } else {
                addCall(calls, call(node, names));
            }
            at = end < 0 ? text.length() : end + close.length();
        }
        return new Parsed(content.toString().strip(), calls);
    }

    private static List<Call> mistral(String rest, Set<String> names) {
        List<Call> calls = new ArrayList<>();
        JsonNode array = readWhole(rest);
        if (array != null && array.isArray()) {
            array.forEach(item -> addCall(calls, call(item, names)));
            return calls;
        }
        for (String part : rest.split("\\[TOOL_CALLS]")) {
            int args = part.indexOf("[ARGS]");
            if (args > 0) {
                JsonNode arguments = readWhole(part.substring(args + "[ARGS]".length()));
                addCall(calls, call(part.substring(0, args).strip(), arguments, names));
            }
        }
        return calls;
    }

    private static void addCall(List<Call> calls, Call call) {
        if (call != null) {
            calls.add(call);
        }
    }

    private static Call call(JsonNode node, Set<String> names) {
        if (node == null || !node.isObject() || !node.path("name").isTextual()) {
            return null;
        }
        JsonNode arguments = node.has("arguments") ? node.get("arguments") : node.get("parameters");
        return call(node.path("name").textValue(), arguments, names);
    }

    private static Call call(String name, JsonNode arguments, Set<String> names) {
        if (!names.contains(name) || arguments == null) {
            return null;
        }
        JsonNode object = arguments.isTextual() ? readWhole(arguments.textValue()) : arguments;
        if (object == null || !object.isObject()) {
            return null;
        }
        return new Call(newId(), name, Json.write(object));
    }

    /** The text as exactly one JSON value (whitespace around it aside), or null. */
    private static JsonNode readWhole(String text) {
        try (JsonParser parser = Json.MAPPER.createParser(text.strip())) {
            JsonNode node = Json.MAPPER.readTree(parser);
            return parser.nextToken() == null ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    static String newId() {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(IDS.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
