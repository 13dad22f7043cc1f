package org.jfoundry.adapters.ort.completion;

import java.util.Arrays;

/**
 * Decides byte by byte whether a text is still the beginning of one JSON object (JSON mode, {@code response_format
 * json_object}): leading whitespace, then an object whose values may nest objects, arrays, strings (escapes included,
 * {@code \\uXXXX} too), numbers, {@code true}, {@code false} and {@code null}; once the object closes only whitespace
 * may follow. A byte that cannot continue a valid prefix is refused and leaves the validator failed. Cheap to copy,
 * so a sampler can try a token's bytes on a scratch copy ({@link #copyFrom}) without touching the real state.
 */
public final class JsonPrefixValidator {

    private enum State {
        BEFORE_TOP, OBJECT_FIRST_KEY_OR_END, OBJECT_KEY, COLON, VALUE, ARRAY_FIRST_VALUE_OR_END, AFTER_VALUE,
        STRING, STRING_ESCAPE, STRING_UNICODE, STRING_UTF8,
        NUMBER_MINUS, NUMBER_ZERO, NUMBER_INT, NUMBER_DOT, NUMBER_FRACTION, NUMBER_EXP, NUMBER_EXP_SIGN,
        NUMBER_EXP_DIGITS, LITERAL, DONE, FAILED
    }

    private static final byte OBJECT = 'O';
    private static final byte ARRAY = 'A';
    private static final byte[][] LITERALS = {"true".getBytes(), "false".getBytes(), "null".getBytes()};

    private State state = State.BEFORE_TOP;
    private byte[] stack = new byte[16];
    private int depth;
    /** A string being read is an object key (so a colon follows), not a value. */
    private boolean inKey;
    /** Hex digits of a \\u escape, continuation bytes of a UTF-8 character, or letters of a literal still due. */
    private int remaining;
    private int literal;
    private int literalIndex;
    private int whitespaceRun;

    /** Feeds one byte; false (and failed from then on) when no valid JSON object can start with the bytes so far. */
    public boolean accept(byte b) {
        boolean insideString = state.compareTo(State.STRING) >= 0 && state.compareTo(State.STRING_UTF8) <= 0;
        state = next(b & 0xFF);
        whitespaceRun = !insideString && isWhitespace(b & 0xFF) ? whitespaceRun + 1 : 0;
        return state != State.FAILED;
    }

    /** Feeds all bytes, stopping at the first refused one. */
    public boolean acceptAll(byte[] bytes) {
        for (byte b : bytes) {
            if (!accept(b)) {
                return false;
            }
        }
        return true;
    }

    /** The top-level object has closed: the text is a whole JSON object (trailing whitespace aside). */
    public boolean isComplete() {
        return state == State.DONE;
    }

    /**
     * How many whitespace bytes between tokens of JSON (not inside strings) the text ends with, so a caller can stop
     * a model from padding with whitespace forever.
     */
    public int trailingWhitespace() {
        return whitespaceRun;
    }

    public JsonPrefixValidator copy() {
        JsonPrefixValidator copy = new JsonPrefixValidator();
        copy.copyFrom(this);
        return copy;
    }

    /** Makes this validator the same as {@code other}, reusing its own storage. */
    public void copyFrom(JsonPrefixValidator other) {
        if (stack.length < other.depth) {
            stack = new byte[other.stack.length];
        }
        System.arraycopy(other.stack, 0, stack, 0, other.depth);
        state = other.state;
        depth = other.depth;
        inKey = other.inKey;
        remaining = other.remaining;
        literal = other.literal;
        literalIndex = other.literalIndex;
        whitespaceRun = other.whitespaceRun;
    }

    private State next(int b) {
        return switch (state) {
            case BEFORE_TOP -> isWhitespace(b) ? State.BEFORE_TOP : b == '{' ? open(OBJECT) : State.FAILED;
            case OBJECT_FIRST_KEY_OR_END -> isWhitespace(b) ? state : b == '"' ? startString(true)
                    : b == '}' ? close() : State.FAILED;
            case OBJECT_KEY -> isWhitespace(b) ? state : b == '"' ? startString(true) : State.FAILED;
            case COLON -> isWhitespace(b) ? state : b == ':' ? State.VALUE : State.FAILED;
            case VALUE -> isWhitespace(b) ? state : startValue(b);
            case ARRAY_FIRST_VALUE_OR_END -> isWhitespace(b) ? state : b == ']' ? close() : startValue(b);
            case AFTER_VALUE -> afterValue(b);
            case STRING -> inString(b);
            case STRING_ESCAPE -> escape(b);
            case STRING_UNICODE -> isHex(b) ? (--remaining == 0 ? State.STRING : state) : State.FAILED;
            case STRING_UTF8 -> b >= 0x80 && b <= 0xBF ? (--remaining == 0 ? State.STRING : state) : State.FAILED;
            case NUMBER_MINUS -> b == '0' ? State.NUMBER_ZERO : isDigit(b) ? State.NUMBER_INT : State.FAILED;
            case NUMBER_ZERO -> b == '.' ? State.NUMBER_DOT : isExponent(b) ? State.NUMBER_EXP : afterValue(b);
            case NUMBER_INT -> isDigit(b) ? state : b == '.' ? State.NUMBER_DOT
                    : isExponent(b) ? State.NUMBER_EXP : afterValue(b);
            case NUMBER_DOT -> isDigit(b) ? State.NUMBER_FRACTION : State.FAILED;
            case NUMBER_FRACTION -> isDigit(b) ? state : isExponent(b) ? State.NUMBER_EXP : afterValue(b);
            case NUMBER_EXP -> b == '+' || b == '-' ? State.NUMBER_EXP_SIGN
                    : isDigit(b) ? State.NUMBER_EXP_DIGITS : State.FAILED;
            case NUMBER_EXP_SIGN -> isDigit(b) ? State.NUMBER_EXP_DIGITS : State.FAILED;
            case NUMBER_EXP_DIGITS -> isDigit(b) ? state : afterValue(b);
            case LITERAL -> literalByte(b);
            case DONE -> isWhitespace(b) ? State.DONE : State.FAILED;
            case FAILED -> State.FAILED;
        };
    }

    private State startValue(int b) {
        return switch (b) {
            case '{' -> open(OBJECT);
            case '[' -> open(ARRAY);
            case '"' -> startString(false);
            case '-' -> State.NUMBER_MINUS;
            case '0' -> State.NUMBER_ZERO;
            case 't' -> startLiteral(0);
            case 'f' -> startLiteral(1);
            case 'n' -> startLiteral(2);
            default -> isDigit(b) ? State.NUMBER_INT : State.FAILED;
        };
    }

    /** After a whole value inside a container: a separator or the container's closer. */
    private State afterValue(int b) {
        if (isWhitespace(b)) {
            return State.AFTER_VALUE;
        }
        byte container = stack[depth - 1];
        if (b == ',') {
            return container == OBJECT ? State.OBJECT_KEY : State.VALUE;
        }
        if (b == '}' && container == OBJECT || b == ']' && container == ARRAY) {
            return close();
        }
        return State.FAILED;
    }

    private State inString(int b) {
        if (b == '"') {
            return inKey ? State.COLON : State.AFTER_VALUE;
        }
        if (b == '\\') {
            return State.STRING_ESCAPE;
        }
        if (b < 0x20) {
            return State.FAILED; // control characters must be escaped
        }
        if (b < 0x80) {
            return State.STRING;
        }
        // The lead byte of a UTF-8 character decides how many continuation bytes follow.
        if (b >= 0xC2 && b <= 0xDF) {
            remaining = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            remaining = 2;
        } else if (b >= 0xF0 && b <= 0xF4) {
            remaining = 3;
        } else {
            return State.FAILED;
        }
        return State.STRING_UTF8;
    }

    private State escape(int b) {
        return switch (b) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> State.STRING;
            case 'u' -> {
                remaining = 4;
                yield State.STRING_UNICODE;
            }
            default -> State.FAILED;
        };
    }

    private State startString(boolean key) {
        inKey = key;
        return State.STRING;
    }

    private State startLiteral(int which) {
        literal = which;
        literalIndex = 1;
        return State.LITERAL;
    }

    private State literalByte(int b) {
        byte[] word = LITERALS[literal];
        if (literalIndex < word.length) {
            return b == word[literalIndex++] ? State.LITERAL : State.FAILED;
        }
        return afterValue(b);
    }

    private State open(byte container) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = container;
        return container == OBJECT ? State.OBJECT_FIRST_KEY_OR_END : State.ARRAY_FIRST_VALUE_OR_END;
    }

    private State close() {
        depth--;
        return depth == 0 ? State.DONE : State.AFTER_VALUE;
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHex(int b) {
        return isDigit(b) || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    private static boolean isExponent(int b) {
        return b == 'e' || b == 'E';
    }
}
