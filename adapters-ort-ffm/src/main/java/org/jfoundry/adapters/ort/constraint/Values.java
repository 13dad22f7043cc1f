package org.jfoundry.adapters.ort.constraint;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** How each kind of value begins, and the free-form nodes that JSON values without a schema use. */
final class Values {

    static final Node.StringNode ANY_STRING = new Node.StringNode(0, Integer.MAX_VALUE);
    static final Node.NumberNode ANY_NUMBER = new Node.NumberNode(false, null, null);
    static final Node.ObjectNode ANY_OBJECT = new Node.ObjectNode(new byte[0][], new Node[0], new boolean[0], true);
    static final Node.ArrayNode ANY_ARRAY = new Node.ArrayNode(0, Integer.MAX_VALUE);
    static final Node.Literal ANY_LITERAL = new Node.Literal(new byte[][]{
            "true".getBytes(StandardCharsets.US_ASCII), "false".getBytes(StandardCharsets.US_ASCII),
            "null".getBytes(StandardCharsets.US_ASCII)});
    private static final long[] POWERS_OF_TEN = new long[Frame.MAX_INTEGER_DIGITS + 1];

    static {
        ANY_ARRAY.items = SchemaCompiler.ANY;
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private Values() {
    }

    /** Adds the stacks that follow when byte {@code b} begins a value of {@code node}, with {@code rest} after it. */
    static void start(Node node, int b, Stack rest, List<Stack> out) {
        switch (node) {
            case Node.Any any -> {
                if (b == '{' || b == '[') {
                    start(b == '{' ? ANY_OBJECT : ANY_ARRAY, b, rest, out);
                } else if (b == '"') {
                    start(ANY_STRING, b, rest, out);
                } else if (b == '-' || b >= '0' && b <= '9') {
                    Frame.InNumber.start(ANY_NUMBER, b, rest, out);
                } else {
                    start(ANY_LITERAL, b, rest, out);
                }
            }
            case Node.ObjectNode object -> {
                if (b == '{' && rest.depth < Frame.MAX_DEPTH) {
                    out.add(rest.push(Frame.InObject.open(object)));
                }
            }
            case Node.ArrayNode array -> {
                if (b == '[' && rest.depth < Frame.MAX_DEPTH) {
                    out.add(rest.push(Frame.InArray.open(array)));
                }
            }
            case Node.StringNode string -> {
                if (b == '"') {
                    out.add(rest.push(new Frame.InString(string, 0, Frame.InString.PLAIN, 0)));
                }
            }
            case Node.NumberNode number -> Frame.InNumber.start(number, b, rest, out);
            case Node.Literal literal -> {
                for (byte[] text : literal.alternatives) {
                    if ((text[0] & 0xFF) == b) {
                        out.add(text.length == 1 ? rest : rest.push(new Frame.InLiteral(text, 1)));
                    }
                }
            }
            case Node.AnyOf anyOf -> {
                for (Node option : anyOf.options) {
                    start(option, b, rest, out);
                }
            }
        }
    }

    /**
     * Whether some integer written as the sign and the {@code digits} digits so far (their value {@code value}),
     * followed by more digits or none, lies within the node's bounds.
     */
    static boolean someWithin(Node.NumberNode node, boolean negative, long value, int digits) {
        for (int more = digits == 0 ? 1 : 0; digits + more <= Frame.MAX_INTEGER_DIGITS; more++) {
            long scale = POWERS_OF_TEN[more];
            long low = value * scale;
            long high = low + scale - 1;
            if (digits == 0) {
                low = Math.max(low, 1); // a leading zero ends the number, so "-0..." is not a start
            }
            long min = negative ? -high : low;
            long max = negative ? -low : high;
            if (max >= node.min && min <= node.max) {
                return true;
            }
        }
        return false;
    }
}
