package org.jfoundry.adapters.ort.constraint;

/**
 * A compiled schema node. Nodes compare by identity: a recursive schema compiles to a graph whose references point
 * at the same node, and frames holding nodes stay cheap to hash.
 */
abstract sealed class Node {

    /** Any JSON value (JSON mode's values, and {@code {}}). */
    static final class Any extends Node {
    }

    static final class ObjectNode extends Node {
        /** Each property's name as JSON string bytes without the opening quote and with the closing one. */
        final byte[][] keys;
        final Node[] values;
        /** For each position, the first required property at or after it; {@code keys.length} when none. */
        final int[] firstRequiredFrom;
        /** Any keys with any values (no declared properties). */
        final boolean freeForm;

        ObjectNode(byte[][] keys, Node[] values, boolean[] required, boolean freeForm) {
            this.keys = keys;
            this.values = values;
            this.freeForm = freeForm;
            this.firstRequiredFrom = new int[keys.length + 1];
            firstRequiredFrom[keys.length] = keys.length;
            for (int i = keys.length - 1; i >= 0; i--) {
                firstRequiredFrom[i] = required[i] ? i : firstRequiredFrom[i + 1];
            }
        }
    }

    static final class ArrayNode extends Node {
        Node items;
        final int min;
        /** {@link Integer#MAX_VALUE}: unbounded. */
        final int max;

        ArrayNode(int min, int max) {
            this.min = min;
            this.max = max;
        }
    }

    static final class StringNode extends Node {
        final int min;
        /** {@link Integer#MAX_VALUE}: unbounded. */
        final int max;

        StringNode(int min, int max) {
            this.min = min;
            this.max = max;
        }
    }

    static final class NumberNode extends Node {
        final boolean integer;
        /** Whether minimum or maximum is set, so the digits' value must be tracked. */
        final boolean ranged;
        final long min;
        final long max;

        NumberNode(boolean integer, Long min, Long max) {
            this.integer = integer;
            this.ranged = min != null || max != null;
            this.min = min == null ? Long.MIN_VALUE : min;
            this.max = max == null ? Long.MAX_VALUE : max;
        }
    }

    /** One of a few exact JSON texts: enum, const, booleans and null. */
    static final class Literal extends Node {
        final byte[][] alternatives;

        Literal(byte[][] alternatives) {
            this.alternatives = alternatives;
        }
    }

    static final class AnyOf extends Node {
        Node[] options;
    }
}
