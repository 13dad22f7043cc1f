package org.jfoundry.adapters.ort.constraint;

import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 random schemas of the whole subset, each written by random allowed tokens under three seeds: every output
 * that ends is a whole value that the reference validator accepts, and no output reaches a state where no token is
 * allowed.
 */
class RandomSchemaPropertyTest {

    private static final int SCHEMAS = 1_000;
    private static final int SEEDS_PER_SCHEMA = 3;
    private static final int MAX_STEPS = 400;
    private static final List<String> NAMES = List.of("name", "age", "id", "a\"b", "é", "value", "items", "x", "kids",
            "n\\m", "日本");

    @Test
    void everyOutputOfEveryRandomSchemaValidates() throws Exception {
        SplittableRandom random = new SplittableRandom(20261204);
        int complete = 0;
        for (int i = 0; i < SCHEMAS; i++) {
            Map<String, Object> schema = randomRoot(random);
            SchemaAutomaton automaton = SchemaKit.automaton(schema);
            for (int s = 0; s < SEEDS_PER_SCHEMA; s++) {
                long seed = random.nextLong();
                SchemaKit.Walk walk = SchemaKit.randomWalk(automaton, seed, MAX_STEPS);
                if (!walk.complete()) {
                    continue;
                }
                complete++;
                Set<ValidationMessage> violations = SchemaKit.violations(schema, walk.text());
                assertThat(violations).as("schema %s, seed %d, output %s", SchemaKit.JSON.writeValueAsString(schema),
                        seed, walk.text()).isEmpty();
            }
        }
        assertThat(complete).as("outputs that ended").isGreaterThan(SCHEMAS * SEEDS_PER_SCHEMA * 9 / 10);
    }

    private static Map<String, Object> randomRoot(SplittableRandom random) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (random.nextInt(5) == 0) {
            root.put("$defs", Map.of("node", Map.of("type", "object",
                    "properties", Map.of("v", Map.of("type", "integer", "minimum", -3, "maximum", 30),
                            "kids", Map.of("type", "array", "items", Map.of("$ref", "#/$defs/node"), "maxItems", 2)),
                    "required", List.of("v"), "additionalProperties", false)));
            root.put("type", "object");
            root.put("properties", Map.of("tree", Map.of("$ref", "#/$defs/node")));
            root.put("required", List.of("tree"));
            return root;
        }
        root.putAll(random.nextInt(4) == 0 ? randomSchema(random, 0) : randomObject(random, 0));
        return root;
    }

    private static Map<String, Object> randomSchema(SplittableRandom random, int depth) {
        int kinds = depth >= 3 ? 8 : 12;
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (random.nextInt(kinds)) {
            case 0 -> {
                schema.put("type", "string");
                int min = random.nextInt(3);
                if (random.nextBoolean()) {
                    schema.put("minLength", min);
                }
                if (random.nextBoolean()) {
                    schema.put("maxLength", min + random.nextInt(6));
                }
            }
            case 1 -> {
                schema.put("type", "integer");
                long low = random.nextInt(-1000, 1000);
                if (random.nextBoolean()) {
                    schema.put("minimum", low);
                }
                if (random.nextBoolean()) {
                    schema.put("maximum", low + random.nextInt(0, 2000));
                }
            }
            case 2 -> schema.put("type", "number");
            case 3 -> schema.put("type", random.nextBoolean() ? "boolean" : "null");
            case 4 -> {
                List<Object> values = new ArrayList<>();
                int count = 1 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    values.add(switch (random.nextInt(5)) {
                        case 0 -> NAMES.get(random.nextInt(NAMES.size()));
                        case 1 -> random.nextInt(-50, 50);
                        case 2 -> random.nextInt(-50, 50) / 4.0;
                        case 3 -> random.nextBoolean();
                        default -> NAMES.get(random.nextInt(NAMES.size())) + random.nextInt(3);
                    });
                }
                schema.put("enum", values);
            }
            case 5 -> schema.put("const", NAMES.get(random.nextInt(NAMES.size())));
            case 6 -> schema.put("type", List.of("string", "null"));
            case 7 -> {
                if (random.nextBoolean()) {
                    schema.put("description", "anything at all");
                }
            }
            case 8, 9 -> schema.putAll(randomObject(random, depth + 1));
            case 10 -> {
                schema.put("type", "array");
                schema.put("items", randomSchema(random, depth + 1));
                int min = random.nextInt(3);
                schema.put("minItems", min);
                if (random.nextBoolean()) {
                    schema.put("maxItems", min + random.nextInt(3));
                }
            }
            default -> {
                List<Object> options = new ArrayList<>();
                int count = 2 + random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    options.add(randomSchema(random, depth + 1));
                }
                schema.put("anyOf", options);
            }
        }
        return schema;
    }

    private static Map<String, Object> randomObject(SplittableRandom random, int depth) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (random.nextInt(8) == 0) {
            return schema; // any keys, any values: JSON mode's object
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            if (properties.containsKey(name)) {
                continue;
            }
            properties.put(name, randomSchema(random, depth + 1));
            if (random.nextBoolean()) {
                required.add(name);
            }
        }
        schema.put("properties", properties);
        schema.put("required", required);
        if (random.nextBoolean()) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }
}
