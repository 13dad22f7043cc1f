package org.jfoundry.adapters.ort.constraint;

import java.util.List;

/**
 * One piece of what is still due, consuming bytes. {@link #feed} adds every stack that can follow {@code b}; a frame
 * that ends by consuming its last byte adds {@code rest}; a frame that can end before {@code b} (a number) says so in
 * {@link #canEnd} and the automaton feeds {@code b} to {@code rest} too.
 */
sealed interface Frame {

    /** See {@link JsonWhitespace}: the same rule binds the GenAI engine's llguidance. */
    int MAX_WHITESPACE_RUN = JsonWhitespace.MAX_RUN;
    /** In a frame's {@code ws}: this gap already holds its newline; the low bits count spaces. */
    int NEWLINE = 0x100;
    /** In {@link Expect}'s {@code ws}: no whitespace at all (before the whole output). */
    int NO_WHITESPACE = -1;
    /** Nesting limit, so free-form values cannot nest without end. */
    int MAX_DEPTH = 32;
    int MAX_INTEGER_DIGITS = 18;
    int MAX_FRACTION_DIGITS = 15;

    void feed(int b, Stack rest, List<Stack> out);

    default boolean canEnd() {
        return false;
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    /** The gap's whitespace state after byte {@code b} (a whitespace byte), or -1 when it may not go on so. */
    static int whitespace(int ws, int b) {
        if (ws < 0) {
            return -1;
        }
        int spaces = ws & 0xFF;
        if (b == '\n') {
            return ws == 0 ? NEWLINE : -1;
        }
        return b == ' ' && spaces < MAX_WHITESPACE_RUN ? ws + 1 : -1;
    }

    /** A value of {@code node} is due, after at most {@code ws} more whitespace bytes. */
    record Expect(Node node, int ws) implements Frame {
        /** The whole output: a value with nothing before it. */
        static Expect root(Node node) {
            return new Expect(node, NO_WHITESPACE);
        }

        @Override
        public void feed(int b, Stack rest, List<Stack> out) {
            if (isWhitespace(b)) {
                int next = whitespace(ws, b);
                if (next >= 0) {
                    out.add(rest.push(new Expect(node, next)));
                }
                return;
            }
            Values.start(node, b, rest, out);
        }
    }

    /** Inside an object. Declared properties come in order; {@code candidates} are the keys still matching. */
    record InObject(Node.ObjectNode node, int phase, int index, long candidates, int pos, int ws) implements Frame {
        static final int OPEN = 0;
        static final int KEY = 1;
        static final int COLON = 2;
        static final int AFTER_VALUE = 3;
        static final int NEXT_KEY = 4;

        static InObject open(Node.ObjectNode node) {
            return new InObject(node, OPEN, 0, 0, 0, 0);
        }

        @Override
        public void feed(int b, Stack rest, List<Stack> out) {
            if (phase == KEY) {
                matchKey(b, rest, out);
                return;
            }
            if (isWhitespace(b)) {
                int next = whitespace(ws, b);
                if (next >= 0) {
                    out.add(rest.push(new InObject(node, phase, index, candidates, pos, next)));
                }
                return;
            }
            int count = node.keys.length;
            switch (phase) {
                case OPEN -> {
                    if (b == '}' && node.firstRequiredFrom[0] == count) {
                        out.add(rest);
                    } else if (b == '"') {
                        startKey(0, rest, out);
                    }
                }
                case COLON -> {
                    if (b == ':') {
                        Node value = node.freeForm ? SchemaCompiler.ANY : node.values[index];
                        int after = node.freeForm ? 0 : index + 1;
                        out.add(rest.push(new InObject(node, AFTER_VALUE, after, 0, 0, 0)).push(new Expect(value, 0)));
                    }
                }
                case AFTER_VALUE -> {
                    if (b == ',' && (node.freeForm || index < count)) {
                        out.add(rest.push(new InObject(node, NEXT_KEY, index, 0, 0, 0)));
                    } else if (b == '}' && node.firstRequiredFrom[index] == count) {
                        out.add(rest);
                    }
                }
                case NEXT_KEY -> {
                    if (b == '"') {
                        startKey(index, rest, out);
                    }
                }
                default -> throw new IllegalStateException("object phase " + phase);
            }
        }

        /** A key may name any property from {@code from} up to the first required one, which cannot be skipped. */
        private void startKey(int from, Stack rest, List<Stack> out) {
            if (node.freeForm) {
                out.add(rest.push(new InObject(node, COLON, 0, 0, 0, 0)).push(new InString(Values.ANY_STRING, 0, 0, 0)));
                return;
            }
            int count = node.keys.length;
            if (from >= count) {
                return;
            }
            int last = Math.min(node.firstRequiredFrom[from], count - 1);
            long keys = 0;
            for (int j = from; j <= last; j++) {
                keys |= 1L << j;
            }
            out.add(rest.push(new InObject(node, KEY, 0, keys, 0, 0)));
        }

        private void matchKey(int b, Stack rest, List<Stack> out) {
            long still = 0;
            for (long left = candidates; left != 0; left &= left - 1) {
                int j = Long.numberOfTrailingZeros(left);
                byte[] key = node.keys[j];
                if ((key[pos] & 0xFF) == b) {
                    if (pos + 1 == key.length) {
                        out.add(rest.push(new InObject(node, COLON, j, 0, 0, 0)));
                    } else {
                        still |= 1L << j;
                    }
                }
            }
            if (still != 0) {
                out.add(rest.push(new InObject(node, KEY, 0, still, pos + 1, 0)));
            }
        }
    }

    /** Inside an array; {@code count} saturates at minItems when there is no maxItems, so states repeat. */
    record InArray(Node.ArrayNode node, int phase, int count, int ws) implements Frame {
        static final int OPEN = 0;
        static final int AFTER_VALUE = 1;
        static final int NEXT_VALUE = 2;

        static InArray open(Node.ArrayNode node) {
            return new InArray(node, OPEN, 0, 0);
        }

        @Override
        public void feed(int b, Stack rest, List<Stack> out) {
            if (isWhitespace(b)) {
                int next = whitespace(ws, b);
                if (next >= 0) {
                    out.add(rest.push(new InArray(node, phase, count, next)));
                }
                return;
            }
            switch (phase) {
                case OPEN -> {
                    if (b == ']' && node.min == 0) {
                        out.add(rest);
                    } else if (node.max > 0) {
                        Values.start(node.items, b, rest.push(afterValue(1)), out);
                    }
                }
                case AFTER_VALUE -> {
                    if (b == ',' && count < node.max) {
                        out.add(rest.push(new InArray(node, NEXT_VALUE, count, 0)));
                    } else if (b == ']' && count >= node.min) {
                        out.add(rest);
                    }
                }
                case NEXT_VALUE -> Values.start(node.items, b, rest.push(afterValue(count + 1)), out);
                default -> throw new IllegalStateException("array phase " + phase);
            }
        }

        private InArray afterValue(int items) {
            return new InArray(node, AFTER_VALUE, node.max == Integer.MAX_VALUE ? Math.min(items, node.min) : items, 0);
        }
    }

    /**
     * Inside a string: {@code count} code points so far (saturating at minLength when there is no maxLength),
     * {@code mode} says whether an escape or a UTF-8 character is half read, {@code aux} what remains of it.
     * Escapes of UTF-16 surrogates and malformed UTF-8 are refused, so each character counts as one code point.
     */
    record InString(Node.StringNode node, int count, int mode, int aux) implements Frame {
        static final int PLAIN = 0;
        static final int ESCAPE = 1;
        static final int HEX = 2;
        static final int HEX_AFTER_D = 3;
        static final int UTF8_FIRST = 4;
        static final int UTF8_MORE = 5;
        /**
         * A count standing for any count at least minLength and at least one token's length below maxLength: every
         * token is allowed or refused there alike, so such states share one mask ({@link #forMask}).
         */
        static final int FAR_FROM_BOUNDS = -1;

        /** The frame whose mask equals this one's when no token is longer than {@code longestToken} bytes. */
        InString forMask(int longestToken) {
            boolean far = count >= node.min && (long) node.max - count > longestToken;
            return far && node.max != Integer.MAX_VALUE ? new InString(node, FAR_FROM_BOUNDS, mode, aux) : this;
        }

        @Override
        public void feed(int b, Stack rest, List<Stack> out) {
            switch (mode) {
                case PLAIN -> plain(b, rest, out);
                case ESCAPE -> {
                    if ("\"\\/bfnrt".indexOf(b) >= 0) {
                        out.add(rest.push(new InString(node, count, PLAIN, 0)));
                    } else if (b == 'u') {
                        out.add(rest.push(new InString(node, count, HEX, 4)));
                    }
                }
                case HEX -> {
                    if (isHex(b)) {
                        if (aux == 4 && (b == 'd' || b == 'D')) {
                            out.add(rest.push(new InString(node, count, HEX_AFTER_D, 3)));
                        } else {
                            out.add(rest.push(aux == 1 ? new InString(node, count, PLAIN, 0)
                                    : new InString(node, count, HEX, aux - 1)));
                        }
                    }
                }
                case HEX_AFTER_D -> {
                    if (b >= '0' && b <= '7') {
                        out.add(rest.push(new InString(node, count, HEX, 2)));
                    }
                }
                case UTF8_FIRST -> {
                    int lo = aux == 0xE0 ? 0xA0 : aux == 0xF0 ? 0x90 : 0x80;
                    int hi = aux == 0xED ? 0x9F : aux == 0xF4 ? 0x8F : 0xBF;
                    if (b >= lo && b <= hi) {
                        int more = aux >= 0xF0 ? 2 : aux >= 0xE0 ? 1 : 0;
                        out.add(rest.push(more == 0 ? new InString(node, count, PLAIN, 0)
                                : new InString(node, count, UTF8_MORE, more)));
                    }
                }
                case UTF8_MORE -> {
                    if (b >= 0x80 && b <= 0xBF) {
                        out.add(rest.push(aux == 1 ? new InString(node, count, PLAIN, 0)
                                : new InString(node, count, UTF8_MORE, aux - 1)));
                    }
                }
                default -> throw new IllegalStateException("string mode " + mode);
            }
        }

        private void plain(int b, Stack rest, List<Stack> out) {
            boolean far = count == FAR_FROM_BOUNDS;
            if (b == '"') {
                if (far || count >= node.min) {
                    out.add(rest);
                }
                return;
            }
            if (b < 0x20 || !far && count >= node.max || b >= 0x80 && (b < 0xC2 || b > 0xF4)) {
                return;
            }
            int next = far ? FAR_FROM_BOUNDS
                    : node.max == Integer.MAX_VALUE ? Math.min(count + 1, node.min) : count + 1;
            if (b == '\\') {
                out.add(rest.push(new InString(node, next, ESCAPE, 0)));
            } else if (b < 0x80) {
                out.add(rest.push(new InString(node, next, PLAIN, 0)));
            } else {
                out.add(rest.push(new InString(node, next, UTF8_FIRST, b)));
            }
        }

        private static boolean isHex(int b) {
            return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
        }
    }

    /**
     * Inside a number: no exponent, at most {@value #MAX_INTEGER_DIGITS} integer and {@value #MAX_FRACTION_DIGITS}
     * fraction digits. With bounds, {@code value} holds the digits so far and a digit is refused when no number
     * starting so can fall within them.
     */
    record InNumber(Node.NumberNode node, int phase, boolean negative, long value, int digits) implements Frame {
        static final int MINUS = 0;
        static final int ZERO = 1;
        static final int INTEGER = 2;
        static final int DOT = 3;
        static final int FRACTION = 4;

        static void start(Node.NumberNode node, int b, Stack rest, List<Stack> out) {
            if (b == '-') {
                if (!node.ranged || Values.someWithin(node, true, 0, 0)) {
                    out.add(rest.push(new InNumber(node, MINUS, true, 0, 0)));
                }
            } else if (b == '0') {
                if (!node.ranged || node.min <= 0 && node.max >= 0) {
                    out.add(rest.push(new InNumber(node, ZERO, false, 0, 1)));
                }
            } else if (b >= '1' && b <= '9') {
                new InNumber(node, MINUS, false, 0, 0).digit(b - '0', rest, out);
            }
        }

        @Override
        public boolean canEnd() {
            boolean whole = phase == ZERO || phase == INTEGER || phase == FRACTION;
            if (!whole || !node.ranged) {
                return whole;
            }
            long signed = negative ? -value : value;
            return signed >= node.min && signed <= node.max;
        }

        @Override
        public void feed(int b, Stack rest, List<Stack> out) {
            boolean digit = b >= '0' && b <= '9';
            switch (phase) {
                case MINUS -> {
                    if (b == '0') {
                        if (!node.ranged || node.min <= 0 && node.max >= 0) {
                            out.add(rest.push(new InNumber(node, ZERO, true, 0, 1)));
                        }
                    } else if (digit) {
                        digit(b - '0', rest, out);
                    }
                }
                case ZERO -> dot(b, rest, out);
                case INTEGER -> {
                    if (digit && digits < MAX_INTEGER_DIGITS) {
                        digit(b - '0', rest, out);
                    } else {
                        dot(b, rest, out);
                    }
                }
                case DOT -> {
                    if (digit) {
                        out.add(rest.push(new InNumber(node, FRACTION, negative, 0, 1)));
                    }
                }
                case FRACTION -> {
                    if (digit && digits < MAX_FRACTION_DIGITS) {
                        out.add(rest.push(new InNumber(node, FRACTION, negative, 0, digits + 1)));
                    }
                }
                default -> throw new IllegalStateException("number phase " + phase);
            }
        }

        private void digit(int d, Stack rest, List<Stack> out) {
            if (!node.ranged) {
                out.add(rest.push(new InNumber(node, INTEGER, negative, 0, digits + 1)));
                return;
            }
            long next = value * 10 + d;
            if (Values.someWithin(node, negative, next, digits + 1)) {
                out.add(rest.push(new InNumber(node, INTEGER, negative, next, digits + 1)));
            }
        }

        private void dot(int b, Stack rest, List<Stack> out) {
            if (b == '.' && !node.integer) {
                out.add(rest.push(new InNumber(node, DOT, negative, 0, 0)));
            }
        }
    }

    /** The rest of one exact text (an enum value, true, false, null). */
    record InLiteral(byte[] bytes, int pos) implements Frame {
        @Override
        public void feed(int b, Stack rest, List<Stack> out) {
            if ((bytes[pos] & 0xFF) == b) {
                out.add(pos + 1 == bytes.length ? rest : rest.push(new InLiteral(bytes, pos + 1)));
            }
        }
    }
}
