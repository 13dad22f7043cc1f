package org.jfoundry.ports.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * The JSON Schema subset that constrained decoding enforces, as a typed tree. {@link #parse} reads a schema given as
 * plain Java values (maps, lists, strings, numbers, booleans, null, as any JSON library converts them) and refuses
 * every keyword outside the subset by name, so an answer can never silently ignore part of a schema.
 *
 * <p>The subset: {@code type} (object, array, string, number, integer, boolean, null, or a list of them),
 * {@code properties}, {@code required}, {@code additionalProperties} (true or false), {@code enum}, {@code const},
 * {@code items}, {@code minItems}/{@code maxItems}, {@code anyOf}, {@code $defs}/{@code definitions} with local
 * {@code $ref}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum} (integers); annotations
 * ({@code title}, {@code description}, {@code default}, {@code examples}, {@code $schema}, {@code $id},
 * {@code $comment}) are allowed and have no effect.
 */
public sealed interface JsonSchema {

    /** Most properties one object may declare (the decoder tracks them in one 64-bit set). */
    int MAX_PROPERTIES = 64;
    /** Largest magnitude an integer bound may have, so every bound is reachable with at most 18 digits. */
    long MAX_INTEGER_BOUND = 999_999_999_999_999_999L;

    /** {@code {}}: any JSON value. */
    record AnyValue() implements JsonSchema {
    }

    /**
     * An object. With properties, the decoder writes only declared properties, in their declared order, each
     * required one present; without properties and without {@code additionalProperties: false}, any keys with any
     * values.
     */
    record ObjectSchema(List<Property> properties, boolean additionalProperties) implements JsonSchema {
        public ObjectSchema {
            properties = List.copyOf(properties);
        }

        /** Any keys with any values: JSON mode's object. */
        public boolean freeForm() {
            return properties.isEmpty() && additionalProperties;
        }
    }

    record Property(String name, JsonSchema schema, boolean required) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** @param maxItems null: unbounded */
    record ArraySchema(JsonSchema items, int minItems, Integer maxItems) implements JsonSchema {
        public ArraySchema {
            Objects.requireNonNull(items, "items");
        }
    }

    /** Lengths count Unicode code points, as JSON Schema does; maxLength null: unbounded. */
    record StringSchema(int minLength, Integer maxLength) implements JsonSchema {
    }

    /** @param minimum null: unbounded (bounds only for integers) */
    record NumberSchema(boolean integer, Long minimum, Long maximum) implements JsonSchema {
    }

    record BooleanSchema() implements JsonSchema {
    }

    record NullSchema() implements JsonSchema {
    }

    /**
     * {@code enum} or {@code const}: the value is one of these, each a string, a finite number (Double, Long or
     * BigInteger... as given), a Boolean, or null (held as {@link #NULL}).
     */
    record Literals(List<Object> values) implements JsonSchema {
        public static final Object NULL = new Object() {
            @Override
            public String toString() {
                return "null";
            }
        };

        public Literals {
            values = List.copyOf(values);
        }
    }

    record AnyOf(List<JsonSchema> options) implements JsonSchema {
        public AnyOf {
            options = List.copyOf(options);
        }
    }

    /** A local {@code $ref} ({@code #/$defs/name}); {@link #target()} resolves it, so schemas may be recursive. */
    final class Ref implements JsonSchema {
        private final String pointer;
        private final Map<String, JsonSchema> definitions;

        Ref(String pointer, Map<String, JsonSchema> definitions) {
            this.pointer = pointer;
            this.definitions = definitions;
        }

        public String pointer() {
            return pointer;
        }

        public JsonSchema target() {
            return definitions.get(pointer);
        }

        @Override
        public String toString() {
            return "Ref[" + pointer + "]";
        }
    }

    /**
     * Reads a schema; {@code param} names the request field for errors (e.g. {@code response_format}).
     *
     * @throws InvalidRequestException naming the first keyword or value outside the subset
     */
    static JsonSchema parse(Object schema, String param) {
        return new SchemaParser(param).parseRoot(schema);
    }
}

/** Reads one schema tree; definitions are collected first so references may point forward or to themselves. */
final class SchemaParser {
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples", "$schema",
            "$id", "$comment");
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "enum", "const", "items", "minItems", "maxItems", "anyOf", "$defs", "definitions", "$ref", "minLength",
            "maxLength", "minimum", "maximum");
    private static final List<String> TYPES = List.of("object", "array", "string", "number", "integer", "boolean",
            "null");

    private final String param;
    private final Map<String, JsonSchema> definitions = new HashMap<>();
    private final Map<String, Object> rawDefinitions = new LinkedHashMap<>();

    SchemaParser(String param) {
        this.param = param;
    }

    JsonSchema parseRoot(Object schema) {
        Map<String, Object> root = object(schema, "schema");
        for (String container : List.of("$defs", "definitions")) {
            if (root.containsKey(container)) {
                Map<String, Object> defs = object(root.get(container), container);
                defs.forEach((name, def) -> rawDefinitions.put("#/" + container + "/" + name, def));
            }
        }
        rawDefinitions.forEach((pointer, def) -> definitions.put(pointer, parse(def, pointer.substring(2))));
        return parse(root, "schema");
    }

    private JsonSchema parse(Object node, String where) {
        if (node instanceof Boolean b) {
            if (b) {
                return new JsonSchema.AnyValue();
            }
            throw invalid(where + ": the schema false admits no value");
        }
        Map<String, Object> schema = object(node, where);
        for (String keyword : schema.keySet()) {
            if (!KEYWORDS.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw invalid(where + ": the keyword '" + keyword + "' is not supported by constrained decoding"
                        + " (supported: " + String.join(", ", KEYWORDS.stream().sorted().toList()) + ")");
            }
        }
        if (schema.containsKey("$ref")) {
            return reference(schema, where);
        }
        if (schema.containsKey("enum") || schema.containsKey("const")) {
            return literals(schema, where);
        }
        if (schema.containsKey("anyOf")) {
            if (schema.containsKey("type")) {
                throw invalid(where + ": anyOf beside type is not supported; put the type in each option");
            }
            List<Object> options = list(schema.get("anyOf"), where + ".anyOf");
            if (options.isEmpty()) {
                throw invalid(where + ".anyOf must hold at least one schema");
            }
            List<JsonSchema> parsed = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                parsed.add(parse(options.get(i), where + ".anyOf[" + i + "]"));
            }
            return parsed.size() == 1 ? parsed.getFirst() : new JsonSchema.AnyOf(parsed);
        }
        List<String> types = types(schema, where);
        if (types.isEmpty()) {
            types = impliedType(schema, where);
        }
        if (types.isEmpty()) {
            return new JsonSchema.AnyValue();
        }
        List<JsonSchema> typed = new ArrayList<>();
        for (String type : types) {
            typed.add(typed(type, schema, where));
        }
        return typed.size() == 1 ? typed.getFirst() : new JsonSchema.AnyOf(typed);
    }

    /** A schema without type but with, say, properties means an object; keywords of two types are refused. */
    private List<String> impliedType(Map<String, Object> schema, String where) {
        Map<String, String> typeOf = Map.of("properties", "object", "required", "object",
                "additionalProperties", "object", "items", "array", "minItems", "array", "maxItems", "array",
                "minLength", "string", "maxLength", "string", "minimum", "integer", "maximum", "integer");
        List<String> implied = schema.keySet().stream().map(typeOf::get).filter(Objects::nonNull).distinct().toList();
        if (implied.size() > 1 || implied.contains("integer")) {
            throw invalid(where + ": keywords of " + String.join(" and ", implied) + " need a 'type'");
        }
        return implied;
    }

    private JsonSchema reference(Map<String, Object> schema, String where) {
        if (!(schema.get("$ref") instanceof String pointer)) {
            throw invalid(where + ".$ref must be a string");
        }
        if (!rawDefinitions.containsKey(pointer)) {
            throw invalid(where + ".$ref '" + pointer + "' does not name an entry of the root's $defs"
                    + " (only local references #/$defs/name are supported)");
        }
        return new JsonSchema.Ref(pointer, definitions);
    }

    private JsonSchema literals(Map<String, Object> schema, String where) {
        List<Object> values = new ArrayList<>();
        if (schema.containsKey("const") && schema.containsKey("enum")) {
            throw invalid(where + ": const beside enum is not supported; use one of them");
        }
        if (schema.containsKey("const")) {
            values.add(schema.get("const"));
        }
        if (schema.containsKey("enum")) {
            List<Object> enumValues = list(schema.get("enum"), where + ".enum");
            if (enumValues.isEmpty()) {
                throw invalid(where + ".enum must hold at least one value");
            }
            values.addAll(enumValues);
        }
        List<String> types = types(schema, where);
        List<Object> kept = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw invalid(where + ": enum and const values must be strings, numbers, booleans or null");
            }
            if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
                throw invalid(where + ": enum and const numbers must be finite");
            }
            if (types.isEmpty() || types.contains(typeOf(value))
                    || types.contains("number") && "integer".equals(typeOf(value))) {
                kept.add(value == null ? JsonSchema.Literals.NULL : value);
            }
        }
        if (kept.isEmpty()) {
            throw invalid(where + ": no enum or const value matches the schema's type");
        }
        return new JsonSchema.Literals(kept);
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) ? "integer" : "number";
        }
        return "object";
    }

    private List<String> types(Map<String, Object> schema, String where) {
        Object type = schema.get("type");
        if (type == null) {
            return List.of();
        }
        List<Object> names = type instanceof List<?> list ? new ArrayList<>(list) : List.of(type);
        if (names.isEmpty()) {
            throw invalid(where + ".type must name at least one type");
        }
        List<String> types = new ArrayList<>();
        for (Object name : names) {
            if (!(name instanceof String s) || !TYPES.contains(s)) {
                throw invalid(where + ".type '" + name + "' is not a JSON Schema type (" + String.join(", ", TYPES) + ")");
            }
            if (!types.contains(s)) {
                types.add(s);
            }
        }
        return types;
    }

    private JsonSchema typed(String type, Map<String, Object> schema, String where) {
        requireOnlyFor(type, schema, where);
        return switch (type) {
            case "object" -> object(schema, where);
            case "array" -> array(schema, where);
            case "string" -> string(schema, where);
            case "number", "integer" -> number("integer".equals(type), schema, where);
            case "boolean" -> new JsonSchema.BooleanSchema();
            default -> new JsonSchema.NullSchema();
        };
    }

    /** Keywords of another type beside a single type would be ignored by validators but surprise the author. */
    private void requireOnlyFor(String type, Map<String, Object> schema, String where) {
        Map<String, List<String>> owners = Map.of(
                "properties", List.of("object"), "required", List.of("object"),
                "additionalProperties", List.of("object"), "items", List.of("array"), "minItems", List.of("array"),
                "maxItems", List.of("array"), "minLength", List.of("string"), "maxLength", List.of("string"),
                "minimum", List.of("integer"), "maximum", List.of("integer"));
        if (schema.get("type") instanceof List<?>) {
            return; // a list of types shares its keywords: each applies to its own type
        }
        for (String keyword : schema.keySet()) {
            List<String> owner = owners.get(keyword);
            if (owner != null && !owner.contains(type)) {
                throw invalid(where + ": the keyword '" + keyword + "' is not supported for type " + type
                        + (keyword.startsWith("mini") || keyword.startsWith("maxi") ? " (only for integer)" : ""));
            }
        }
    }

    private JsonSchema object(Map<String, Object> schema, String where) {
        Map<String, Object> properties = schema.containsKey("properties")
                ? object(schema.get("properties"), where + ".properties") : Map.of();
        if (properties.size() > JsonSchema.MAX_PROPERTIES) {
            throw invalid(where + ".properties: at most " + JsonSchema.MAX_PROPERTIES + " properties are supported");
        }
        List<String> required = new ArrayList<>();
        if (schema.containsKey("required")) {
            for (Object name : list(schema.get("required"), where + ".required")) {
                if (!(name instanceof String s) || !properties.containsKey(s)) {
                    throw invalid(where + ".required names '" + name + "', which properties does not define");
                }
                required.add(s);
            }
        }
        Object additional = schema.getOrDefault("additionalProperties", Boolean.TRUE);
        if (!(additional instanceof Boolean allowsAdditional)) {
            throw invalid(where + ": the keyword 'additionalProperties' is supported only as true or false");
        }
        List<JsonSchema.Property> parsed = new ArrayList<>();
        properties.forEach((name, value) -> parsed.add(new JsonSchema.Property(name,
                parse(value, where + ".properties." + name), required.contains(name))));
        return new JsonSchema.ObjectSchema(parsed, allowsAdditional);
    }

    private JsonSchema array(Map<String, Object> schema, String where) {
        JsonSchema items = schema.containsKey("items") ? parse(schema.get("items"), where + ".items")
                : new JsonSchema.AnyValue();
        int min = count(schema, "minItems", where, 0);
        Integer max = schema.containsKey("maxItems") ? count(schema, "maxItems", where, 0) : null;
        if (max != null && max < min) {
            throw invalid(where + ": maxItems " + max + " is below minItems " + min);
        }
        return new JsonSchema.ArraySchema(items, min, max);
    }

    private JsonSchema string(Map<String, Object> schema, String where) {
        int min = count(schema, "minLength", where, 0);
        Integer max = schema.containsKey("maxLength") ? count(schema, "maxLength", where, 0) : null;
        if (max != null && max < min) {
            throw invalid(where + ": maxLength " + max + " is below minLength " + min);
        }
        return new JsonSchema.StringSchema(min, max);
    }

    private JsonSchema number(boolean integer, Map<String, Object> schema, String where) {
        Long min = bound(schema, "minimum", where);
        Long max = bound(schema, "maximum", where);
        if (min != null && max != null && max < min) {
            throw invalid(where + ": maximum " + max + " is below minimum " + min);
        }
        return new JsonSchema.NumberSchema(integer, min, max);
    }

    private Long bound(Map<String, Object> schema, String keyword, String where) {
        if (!schema.containsKey(keyword)) {
            return null;
        }
        if (!(schema.get(keyword) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > JsonSchema.MAX_INTEGER_BOUND) {
            throw invalid(where + "." + keyword + " must be an integer of at most 18 digits");
        }
        return n.longValue();
    }

    private int count(Map<String, Object> schema, String keyword, String where, int fallback) {
        if (!schema.containsKey(keyword)) {
            return fallback;
        }
        if (!(schema.get(keyword) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < 0 || n.doubleValue() > 1_000_000) {
            throw invalid(where + "." + keyword + " must be a whole number from 0 to 1000000");
        }
        return n.intValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object node, String where) {
        if (!(node instanceof Map<?, ?> map)) {
            throw invalid(where + " must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object node, String where) {
        if (!(node instanceof List<?> list)) {
            throw invalid(where + " must be an array");
        }
        return (List<Object>) list;
    }

    private InvalidRequestException invalid(String message) {
        return new InvalidRequestException(param + ": " + message, param);
    }
}
