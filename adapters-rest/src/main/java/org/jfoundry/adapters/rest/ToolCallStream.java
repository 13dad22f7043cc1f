package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads tool calls out of a model's answer as it is generated, in the syntaxes of the families served: Hermes, Qwen
 * and SmolLM ({@code <tool_call>{...}</tool_call>}), Phi-4 ({@code <|tool_call|>[...]<|/tool_call|>}), Mistral
 * ({@code [TOOL_CALLS][...]} and {@code [TOOL_CALLS]name[ARGS]{...}}) and Llama 3.x (an answer that is one JSON call
 * {@code {"name": ..., "parameters": {...}}}, optionally after {@code <|python_tag|>}, several joined by {@code ;}).
 *
 * <p>Text goes to {@link Listener#content} as it arrives, except what could still be the start of a marker (and the
 * whitespace before it). After a marker, nothing reaches the content: each call of a declared tool is announced with
 * its name as soon as its name is read and its arguments object begins, and the arguments follow in fragments as
 * they are generated. A marker whose calls turn out unreadable, or name undeclared tools, is given back as content
 * when it closes. Whole answers go through the same reader (see {@link #read}), so a streamed answer adds up to the
 * whole one.
 */
final class ToolCallStream {

    /** What the reader finds, in order. */
    interface Listener {
        void content(String text);

        void callStarted(int index, String id, String name);

        void arguments(int index, String fragment);
    }

    /**
     * An answer read: the text beside the calls, the calls, and whether text came before the first call (the order
     * the Responses API lists its output items in).
     */
    record Parsed(String content, List<Call> calls, boolean textFirst) {
    }

    record Call(String id, String name, String arguments) {
    }

    private enum Marker {
        HERMES("<tool_call>", "</tool_call>"), PHI("<|tool_call|>", "<|/tool_call|>"), MISTRAL("[TOOL_CALLS]", null),
        PYTHON_TAG("<|python_tag|>", null), BARE("", null);

        final String open;
        final String close;

        Marker(String open, String close) {
            this.open = open;
            this.close = close;
        }
    }

    private static final List<Marker> OPENING = List.of(Marker.HERMES, Marker.PHI, Marker.MISTRAL, Marker.PYTHON_TAG);
    private static final SecureRandom IDS = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Set<String> names;
    private final boolean parallel;
    private final Listener listener;
    private final StringBuilder pending = new StringBuilder();
    /** Everything since the marker, given back as content if the marker yields no call. */
    private final StringBuilder segment = new StringBuilder();
    private Marker marker;
    private boolean sawText;
    private boolean segmentCalled;
    private int calls;
    private CallReader call;
    private final StringBuilder content = new StringBuilder();
    private final List<String[]> found = new ArrayList<>();
    private boolean textFirst;

    /**
     * @param forced the answer is one call's JSON and nothing else (tool_choice required or named)
     */
    ToolCallStream(Set<String> names, boolean parallel, boolean forced, Listener listener) {
        this.names = Set.copyOf(names);
        this.parallel = parallel;
        this.listener = listener;
        if (forced) {
            marker = Marker.BARE;
        }
    }

    /** Reads a whole answer with the same rules as a stream. */
    static Parsed read(String text, Set<String> names, boolean parallel, boolean forced) {
        ToolCallStream stream = new ToolCallStream(names, parallel, forced, new Listener() {
            @Override
            public void content(String chunk) {
            }

            @Override
            public void callStarted(int index, String id, String name) {
            }

            @Override
            public void arguments(int index, String fragment) {
            }
        });
        stream.accept(text);
        stream.finish();
        return stream.parsed();
    }

    int calls() {
        return calls;
    }

    /** What was read so far (all of it after {@link #finish()}). */
    Parsed parsed() {
        return new Parsed(content.toString(), found.stream().map(c -> new Call(c[0], c[1], c[2])).toList(),
                textFirst);
    }

    void accept(String chunk) {
        pending.append(chunk);
        boolean progressed = true;
        while (progressed && !pending.isEmpty()) {
            progressed = marker == null ? readText() : readCalls();
        }
    }

    /** The answer ended: held text is content, and a marker that yielded no call is given back. */
    void finish() {
        if (marker == null) {
            // Whitespace after the last call is no answer of its own.
            emitContent(calls > 0 && pending.toString().isBlank() ? "" : pending.toString());
        } else {
            segment.append(pending);
            if (!segmentCalled) {
                emitContent(segment.toString());
            }
        }
        pending.setLength(0);
        segment.setLength(0);
    }

    // ---- text ------------------------------------------------------------------------------------------------

    private boolean readText() {
        String text = pending.toString();
        int at = -1;
        Marker found = null;
        for (Marker candidate : OPENING) {
            int index = text.indexOf(candidate.open);
            if (index >= 0 && (at < 0 || index < at)) {
                at = index;
                found = candidate;
            }
        }
        int firstNonBlank = firstNonBlank(text);
        if (!sawText && firstNonBlank >= 0 && text.charAt(firstNonBlank) == '{' && (at < 0 || firstNonBlank < at)) {
            at = firstNonBlank;
            found = Marker.BARE;
        }
        if (found != null) {
            emitContent(text.substring(0, at).stripTrailing());
            openSegment(found, text.substring(at, at + found.open.length()));
            pending.delete(0, at + found.open.length());
            return true;
        }
        int hold = holdBack(text);
        String free = text.substring(0, text.length() - hold);
        if (!sawText && free.isBlank()) {
            return false; // leading whitespace: the answer may still turn out to be a bare JSON call
        }
        emitContent(free);
        pending.delete(0, free.length());
        return false;
    }

    /** How many trailing characters could still begin a marker, with the whitespace before them. */
    private static int holdBack(String text) {
        int hold = 0;
        for (Marker candidate : OPENING) {
            for (int length = Math.min(candidate.open.length() - 1, text.length()); length > hold; length--) {
                if (text.endsWith(candidate.open.substring(0, length))) {
                    hold = length;
                    break;
                }
            }
        }
        int start = text.length() - hold;
        while (start > 0 && Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return text.length() - start;
    }

    private void openSegment(Marker found, String openText) {
        marker = found;
        segment.setLength(0);
        segment.append(openText);
        segmentCalled = false;
    }

    private void emitContent(String text) {
        if (!text.isEmpty()) {
            sawText |= !text.isBlank();
            textFirst |= calls == 0;
            content.append(text);
            listener.content(text);
        }
    }

    // ---- calls -----------------------------------------------------------------------------------------------

    /** Reads the segment after a marker: calls, separators, the closing marker. Returns whether it moved on. */
    private boolean readCalls() {
        if (call != null) {
            int used = call.feed(pending);
            segment.append(pending, 0, used);
            pending.delete(0, used);
            if (!call.done()) {
                return false;
            }
            finishCall();
            return true;
        }
        int at = firstNonBlank(pending);
        if (at < 0) {
            return false;
        }
        char next = pending.charAt(at);
        String rest = pending.substring(at);
        if (marker.close != null && (rest.startsWith(marker.close) || marker.close.startsWith(rest))) {
            if (rest.length() < marker.close.length()) {
                return false;
            }
            segment.append(pending, 0, at + marker.close.length());
            pending.delete(0, at + marker.close.length());
            closeSegment();
            return true;
        }
        if (marker == Marker.MISTRAL && next == '[' && (rest.startsWith(Marker.MISTRAL.open)
                || Marker.MISTRAL.open.startsWith(rest))) {
            if (rest.length() < Marker.MISTRAL.open.length()) {
                return false;
            }
            segment.append(pending, 0, at + Marker.MISTRAL.open.length());
            pending.delete(0, at + Marker.MISTRAL.open.length());
            return true;
        }
        if (next == '[' || next == ']' || next == ',' || next == ';') {
            segment.append(pending, 0, at + 1);
            pending.delete(0, at + 1);
            return true;
        }
        if (next == '{') {
            segment.append(pending, 0, at);
            pending.delete(0, at);
            call = new CallReader(false);
            return true;
        }
        if (marker == Marker.MISTRAL && (Character.isLetter(next) || next == '_')) {
            int args = rest.indexOf("[ARGS]");
            if (args < 0) {
                return false;
            }
            call = new CallReader(true);
            call.name = rest.substring(0, args).strip();
            segment.append(pending, 0, at + args + "[ARGS]".length());
            pending.delete(0, at + args + "[ARGS]".length());
            return true;
        }
        if (marker.close == null && (marker == Marker.BARE || marker == Marker.PYTHON_TAG)) {
            // Text after a bare call: the answer was not only calls after all; it stays where it is (held).
            return false;
        }
        // Unreadable inside a tagged block: wait for the closing marker, then give the block back if it held no call.
        if (marker.close != null) {
            int close = pending.indexOf(marker.close);
            if (close < 0) {
                return false;
            }
            segment.append(pending, 0, close + marker.close.length());
            pending.delete(0, close + marker.close.length());
            closeSegment();
            return true;
        }
        return false;
    }

    private void finishCall() {
        CallReader finished = call;
        call = null;
        if (!finished.announced && finished.callable()) {
            announce(finished);
            emitArguments(finished.index, finished.arguments.toString());
        }
    }

    private void closeSegment() {
        if (!segmentCalled) {
            emitContent(segment.toString());
        }
        segment.setLength(0);
        marker = null;
    }

    private void announce(CallReader reader) {
        reader.announced = true;
        reader.index = calls++;
        segmentCalled = true;
        String id = newId();
        found.add(new String[]{id, reader.name, ""});
        listener.callStarted(reader.index, id, reader.name);
    }

    private void emitArguments(int index, String fragment) {
        found.get(index)[2] += fragment;
        listener.arguments(index, fragment);
    }

    static String newId() {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(IDS.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static int firstNonBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One call object, {@code {"name": ..., "arguments"|"parameters": {...}}}, read character by character. Once the
     * name is known and names a declared tool, an arguments object is passed on as it comes; arguments before the
     * name, or given as a JSON string, are collected and passed on when the object closes.
     */
    private final class CallReader {
        private final boolean argumentsOnly;
        private final StringBuilder arguments = new StringBuilder();
        private final JsonScanner value = new JsonScanner();
        private final StringBuilder key = new StringBuilder();
        private String name;
        private String currentKey;
        private Phase phase;
        private boolean announced;
        private boolean argumentsSeen;
        private boolean argumentsAreText;
        private int index = -1;
        private boolean done;

        private enum Phase { OPEN, KEY, COLON, VALUE, AFTER_VALUE, END }

        CallReader(boolean argumentsOnly) {
            this.argumentsOnly = argumentsOnly;
            this.phase = argumentsOnly ? Phase.VALUE : Phase.OPEN;
            this.currentKey = argumentsOnly ? "arguments" : null;
        }

        boolean done() {
            return done;
        }

        boolean callable() {
            return name != null && names.contains(name) && argumentsSeen && (parallel || calls == 0)
                    && isObjectText(arguments);
        }

        /** Consumes what it can of {@code text}; returns how many characters it used. */
        int feed(CharSequence text) {
            int used = 0;
            StringBuilder fragment = new StringBuilder();
            while (used < text.length() && !done) {
                char c = text.charAt(used);
                switch (phase) {
                    case OPEN -> {
                        phase = Phase.KEY;
                    }
                    case KEY -> {
                        if (key.isEmpty()) {
                            if (c == '}') {
                                done = true;
                            } else if (c == '"') {
                                key.append(c);
                            }
                        } else {
                            key.append(c);
                            if (c == '"' && key.charAt(key.length() - 2) != '\\') {
                                currentKey = key.substring(1, key.length() - 1);
                                key.setLength(0);
                                phase = Phase.COLON;
                            }
                        }
                    }
                    case COLON -> {
                        if (c == ':') {
                            phase = Phase.VALUE;
                            value.reset();
                        }
                    }
                    case VALUE -> {
                        if (!value.started() && Character.isWhitespace(c)) {
                            break;
                        }
                        if (!value.accept(c)) {
                            endValue(fragment);
                            phase = argumentsOnly ? Phase.END : Phase.AFTER_VALUE;
                            done = argumentsOnly;
                            continue; // the delimiter belongs to the object
                        }
                        onValueChar(c, fragment);
                        if (value.complete()) {
                            endValue(fragment);
                            phase = argumentsOnly ? Phase.END : Phase.AFTER_VALUE;
                            done = argumentsOnly;
                        }
                    }
                    case AFTER_VALUE -> {
                        if (c == ',') {
                            phase = Phase.KEY;
                        } else if (c == '}') {
                            done = true;
                        }
                    }
                    case END -> done = true;
                }
                used++;
            }
            if (!fragment.isEmpty()) {
                emitArguments(index, fragment.toString());
            }
            return used;
        }

        private boolean isArgumentsKey() {
            return "arguments".equals(currentKey) || "parameters".equals(currentKey);
        }

        private void onValueChar(char c, StringBuilder fragment) {
            if (isArgumentsKey()) {
                if (!announced && value.length() == 1 && c == '{' && name != null && names.contains(name)
                        && (parallel || calls == 0)) {
                    announce(this);
                }
                if (announced) {
                    fragment.append(c);
                }
                arguments.append(c);
            } else if ("name".equals(currentKey)) {
                key.append(c);
            }
        }

        private void endValue(StringBuilder fragment) {
            if (isArgumentsKey()) {
                argumentsSeen = true;
                if (arguments.length() > 0 && arguments.charAt(0) == '"') {
                    argumentsAreText = true;
                    String unquoted = unquote(arguments.toString());
                    arguments.setLength(0);
                    if (unquoted != null) {
                        arguments.append(unquoted);
                    }
                }
            } else if ("name".equals(currentKey)) {
                name = unquote(key.toString());
                key.setLength(0);
            }
        }
    }

    private static boolean isObjectText(CharSequence text) {
        try {
            return Json.MAPPER.readTree(text.toString()).isObject();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String unquote(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node != null && node.isTextual() ? node.textValue() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Follows one JSON value character by character: strings with escapes, nesting of objects and arrays, and bare
     * values (numbers, true, false, null) that end at the first character that cannot continue them.
     */
    private static final class JsonScanner {
        private int length;
        private int depth;
        private boolean inString;
        private boolean escaped;
        private boolean bare;
        private boolean complete;

        void reset() {
            length = 0;
            depth = 0;
            inString = false;
            escaped = false;
            bare = false;
            complete = false;
        }

        boolean started() {
            return length > 0;
        }

        int length() {
            return length;
        }

        boolean complete() {
            return complete;
        }

        /** False when {@code c} cannot be part of the value (it ends a bare value before it). */
        boolean accept(char c) {
            if (bare && !(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '+')) {
                complete = true;
                return false;
            }
            length++;
            if (length == 1) {
                switch (c) {
                    case '{', '[' -> depth = 1;
                    case '"' -> inString = true;
                    default -> bare = true;
                }
                return true;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    complete = depth == 0;
                }
                return true;
            }
            if (bare) {
                return true;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    depth--;
                    complete = depth == 0;
                }
                default -> {
                }
            }
            return true;
        }
    }
}
