package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * Typed access to the fields of a JSON request, where every wrong type becomes a 400 that names the parameter.
 * JSON {@code null} counts as absent, as in OpenAI's API.
 */
final class BodyReader {
    private final ObjectNode body;

    BodyReader(ObjectNode body) {
        this.body = body;
    }

    /** Refuses parameters this endpoint does not know, as OpenAI does, instead of ignoring them silently. */
    void requireOnly(Set<String> known) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidRequestException("Unrecognized request argument supplied: " + name, name);
            }
        }
    }

    boolean isEmpty() {
        return body.isEmpty();
    }

    boolean has(String name) {
        JsonNode value = body.get(name);
        return value != null && !value.isNull();
    }

    JsonNode node(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String string(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(name + " must be a string", name);
        }
        return value.textValue();
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw new InvalidRequestException(name + " is required", name);
        }
        return value;
    }

    Integer integer(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidRequestException(name + " must be an integer", name);
        }
        return value.intValue();
    }

    Long longValue(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRequestException(name + " must be an integer", name);
        }
        return value.longValue();
    }

    Double number(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidRequestException(name + " must be a number", name);
        }
        return value.doubleValue();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = node(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequestException(name + " must be true or false", name);
        }
        return value.booleanValue();
    }

    /** A string or an array of strings (as {@code stop} and {@code input} accept). */
    List<String> stringOrStrings(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw new InvalidRequestException(name + " must be a string or an array of strings", name);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new InvalidRequestException(name + "[" + i + "] must be a string", name);
            }
            out.add(item.textValue());
        }
        return out;
    }

    BodyReader object(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidRequestException(name + " must be an object", name);
        }
        return new BodyReader((ObjectNode) value);
    }

    /** Refuses a parameter that is present and not one of the values that mean "off". */
    void refuseUnless(String name, boolean harmless, String why) {
        if (has(name) && !harmless) {
            throw new InvalidRequestException(name + " is not supported: " + why, name);
        }
    }
}
