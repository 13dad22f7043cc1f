package org.jfoundry.adapters.ort.constraint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.ports.inference.JsonSchema;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Turns a parsed schema into the node graph the automaton walks; references become shared nodes. */
final class SchemaCompiler {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Node.Any ANY = new Node.Any();

    private final Map<String, Node> byPointer = new java.util.HashMap<>();
    private final Map<JsonSchema.Ref, Node> refs = new IdentityHashMap<>();

    static Node compile(JsonSchema schema) {
        return new SchemaCompiler().node(schema);
    }

    private Node node(JsonSchema schema) {
        return switch (schema) {
            case JsonSchema.AnyValue any -> ANY;
            case JsonSchema.ObjectSchema object -> object(object);
            case JsonSchema.ArraySchema array -> {
                Node.ArrayNode node = new Node.ArrayNode(array.minItems(),
                        array.maxItems() == null ? Integer.MAX_VALUE : array.maxItems());
                node.items = node(array.items());
                yield node;
            }
            case JsonSchema.StringSchema string -> new Node.StringNode(string.minLength(),
                    string.maxLength() == null ? Integer.MAX_VALUE : string.maxLength());
            case JsonSchema.NumberSchema number -> new Node.NumberNode(number.integer(), number.minimum(),
                    number.maximum());
            case JsonSchema.BooleanSchema b -> literal(List.of(Boolean.TRUE, Boolean.FALSE));
            case JsonSchema.NullSchema n -> literal(List.of(JsonSchema.Literals.NULL));
            case JsonSchema.Literals literals -> literal(literals.values());
            case JsonSchema.AnyOf anyOf -> {
                Node.AnyOf node = new Node.AnyOf();
                node.options = anyOf.options().stream().map(this::node).toArray(Node[]::new);
                yield node;
            }
            case JsonSchema.Ref ref -> reference(ref);
        };
    }

    /** A reference compiles its target once; a cycle meets the placeholder and closes the loop. */
    private Node reference(JsonSchema.Ref ref) {
        Node known = byPointer.get(ref.pointer());
        if (known != null) {
            return known;
        }
        Node.AnyOf placeholder = new Node.AnyOf();
        byPointer.put(ref.pointer(), placeholder);
        placeholder.options = new Node[]{node(ref.target())};
        return placeholder;
    }

    private Node object(JsonSchema.ObjectSchema object) {
        List<JsonSchema.Property> properties = object.properties();
        byte[][] keys = new byte[properties.size()][];
        Node[] values = new Node[properties.size()];
        boolean[] required = new boolean[properties.size()];
        for (int i = 0; i < properties.size(); i++) {
            byte[] quoted = json(properties.get(i).name());
            keys[i] = java.util.Arrays.copyOfRange(quoted, 1, quoted.length);
            values[i] = node(properties.get(i).schema());
            required[i] = properties.get(i).required();
        }
        return new Node.ObjectNode(keys, values, required, object.freeForm());
    }

    private static Node literal(List<Object> values) {
        return new Node.Literal(values.stream().map(SchemaCompiler::json).distinct().toArray(byte[][]::new));
    }

    private static byte[] json(Object value) {
        if (value == JsonSchema.Literals.NULL) {
            return "null".getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }
}
