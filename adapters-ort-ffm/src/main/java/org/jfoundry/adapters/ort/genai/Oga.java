package org.jfoundry.adapters.ort.genai;

import static org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h.C_INT;
import static org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h.C_LONG;
import static org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h.C_POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h;
import org.jfoundry.adapters.ort.internal.bindings.NativeMemory;

/**
 * The GenAI calls the engine makes, over the raw bindings: one status gate for every {@code OgaResult*}, confined
 * arenas for temporary strings and out-parameters, and native strings copied into Java and freed at once.
 * Native objects are plain addresses here; their owners ({@link GenAiModelHandle}, {@link GenAiGeneration})
 * destroy them.
 */
final class Oga {

    private Oga() {
    }

    /** The status gate: NULL is success; otherwise read the message, destroy the result, throw. */
    static void check(MemorySegment result, String function) {
        if (result.address() == 0) {
            return;
        }
        String message;
        try {
            MemorySegment text = ort_genai_c_h.OgaResultGetError(result);
            message = text.address() == 0 ? "(no message)" : NativeMemory.string(text);
        } finally {
            ort_genai_c_h.OgaDestroyResult(result);
        }
        throw new GenAiException(function, message);
    }

    // ---- config and providers --------------------------------------------------------------------------------------

    static MemorySegment createConfig(Path folder) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaCreateConfig(arena.allocateFrom(folder.toString()), out), "OgaCreateConfig");
            return out.get(C_POINTER, 0);
        }
    }

    static void clearProviders(MemorySegment config) {
        check(ort_genai_c_h.OgaConfigClearProviders(config), "OgaConfigClearProviders");
    }

    static void appendProvider(MemorySegment config, String provider) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaConfigAppendProvider(config, arena.allocateFrom(provider)),
                    "OgaConfigAppendProvider");
        }
    }

    static void setProviderOption(MemorySegment config, String provider, String key, String value) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaConfigSetProviderOption(config, arena.allocateFrom(provider),
                    arena.allocateFrom(key), arena.allocateFrom(value)), "OgaConfigSetProviderOption");
        }
    }

    static void overlay(MemorySegment config, String json) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaConfigOverlay(config, arena.allocateFrom(json)), "OgaConfigOverlay");
        }
    }

    // ---- model and tokenizer ---------------------------------------------------------------------------------------

    static MemorySegment createModel(MemorySegment config) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaCreateModelFromConfig(config, out), "OgaCreateModelFromConfig");
            return out.get(C_POINTER, 0);
        }
    }

    static MemorySegment createTokenizer(MemorySegment model) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaCreateTokenizer(model, out), "OgaCreateTokenizer");
            return out.get(C_POINTER, 0);
        }
    }

    static int[] eosTokenIds(MemorySegment tokenizer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ids = arena.allocate(C_POINTER);
            MemorySegment count = arena.allocate(C_LONG);
            check(ort_genai_c_h.OgaTokenizerGetEosTokenIds(tokenizer, ids, count), "OgaTokenizerGetEosTokenIds");
            return ints(ids.get(C_POINTER, 0), count.get(C_LONG, 0));
        }
    }

    static int[] encode(MemorySegment tokenizer, String text) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaCreateSequences(out), "OgaCreateSequences");
            MemorySegment sequences = out.get(C_POINTER, 0);
            try {
                check(ort_genai_c_h.OgaTokenizerEncode(tokenizer, arena.allocateFrom(text), sequences),
                        "OgaTokenizerEncode");
                long count = ort_genai_c_h.OgaSequencesGetSequenceCount(sequences, 0);
                return ints(ort_genai_c_h.OgaSequencesGetSequenceData(sequences, 0), count);
            } finally {
                ort_genai_c_h.OgaDestroySequences(sequences);
            }
        }
    }

    static String decode(MemorySegment tokenizer, int[] tokens) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaTokenizerDecode(tokenizer, arena.allocateFrom(C_INT, tokens), tokens.length, out),
                    "OgaTokenizerDecode");
            return takeString(out.get(C_POINTER, 0));
        }
    }

    /** Renders messages (a JSON array) with the tokenizer's own chat template, ending with the generation prompt. */
    static String applyChatTemplate(MemorySegment tokenizer, String messagesJson, String toolsJson) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaTokenizerApplyChatTemplate(tokenizer, MemorySegment.NULL,
                    arena.allocateFrom(messagesJson), toolsJson == null ? MemorySegment.NULL
                            : arena.allocateFrom(toolsJson), true, out), "OgaTokenizerApplyChatTemplate");
            return takeString(out.get(C_POINTER, 0));
        }
    }

    static MemorySegment createTokenizerStream(MemorySegment tokenizer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaCreateTokenizerStream(tokenizer, out), "OgaCreateTokenizerStream");
            return out.get(C_POINTER, 0);
        }
    }

    /** The text this token completes, often empty while a multi-byte character or word is still open. */
    static String streamDecode(MemorySegment stream, int token, Arena arena) {
        MemorySegment out = arena.allocate(C_POINTER);
        check(ort_genai_c_h.OgaTokenizerStreamDecode(stream, token, out), "OgaTokenizerStreamDecode");
        MemorySegment text = out.get(C_POINTER, 0);
        // Owned by the stream and valid until its next decode: copied, never freed here.
        return NativeMemory.string(text);
    }

    // ---- generator -------------------------------------------------------------------------------------------------

    static MemorySegment createGeneratorParams(MemorySegment model) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaCreateGeneratorParams(model, out), "OgaCreateGeneratorParams");
            return out.get(C_POINTER, 0);
        }
    }

    static void setSearchNumber(MemorySegment params, String name, double value) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaGeneratorParamsSetSearchNumber(params, arena.allocateFrom(name), value),
                    "OgaGeneratorParamsSetSearchNumber(" + name + ")");
        }
    }

    static void setSearchBool(MemorySegment params, String name, boolean value) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaGeneratorParamsSetSearchBool(params, arena.allocateFrom(name), value),
                    "OgaGeneratorParamsSetSearchBool(" + name + ")");
        }
    }

    /**
     * Constrains generation with llguidance: {@code type} is {@code json_schema}, {@code regex} or {@code lark_grammar}.
     * Fast-forward tokens stay off so every token still comes out of GenerateNextToken one at a time.
     */
    static void setGuidance(MemorySegment params, String type, String data) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaGeneratorParamsSetGuidance(params, arena.allocateFrom(type),
                    arena.allocateFrom(data), false), "OgaGeneratorParamsSetGuidance(" + type + ")");
        }
    }

    static MemorySegment createGenerator(MemorySegment model, MemorySegment params) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            check(ort_genai_c_h.OgaCreateGenerator(model, params, out), "OgaCreateGenerator");
            return out.get(C_POINTER, 0);
        }
    }

    static void appendTokens(MemorySegment generator, int[] tokens) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaGenerator_AppendTokens(generator, arena.allocateFrom(C_INT, tokens), tokens.length),
                    "OgaGenerator_AppendTokens");
        }
    }

    static void generateNextToken(MemorySegment generator) {
        check(ort_genai_c_h.OgaGenerator_GenerateNextToken(generator), "OgaGenerator_GenerateNextToken");
    }

    /** The token just generated for the single sequence. */
    static int nextToken(MemorySegment generator, Arena arena) {
        MemorySegment ids = arena.allocate(C_POINTER);
        MemorySegment count = arena.allocate(C_LONG);
        check(ort_genai_c_h.OgaGenerator_GetNextTokens(generator, ids, count), "OgaGenerator_GetNextTokens");
        if (count.get(C_LONG, 0) != 1) {
            throw new GenAiException("OgaGenerator_GetNextTokens", "expected one token, got " + count.get(C_LONG, 0));
        }
        return NativeMemory.elements(ids.get(C_POINTER, 0), C_INT, 1).get(C_INT, 0);
    }

    static boolean isDone(MemorySegment generator) {
        return ort_genai_c_h.OgaGenerator_IsDone(generator);
    }

    /** Makes the running or next model run fail at once; safe to call from another thread. */
    static void terminate(MemorySegment generator) {
        try (Arena arena = Arena.ofConfined()) {
            check(ort_genai_c_h.OgaGenerator_SetRuntimeOption(generator, arena.allocateFrom("terminate_session"),
                    arena.allocateFrom("1")), "OgaGenerator_SetRuntimeOption(terminate_session)");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static String takeString(MemorySegment text) {
        if (text.address() == 0) {
            return "";
        }
        try {
            return NativeMemory.string(text);
        } finally {
            ort_genai_c_h.OgaDestroyString(text);
        }
    }

    private static int[] ints(MemorySegment data, long count) {
        if (count == 0) {
            return new int[0];
        }
        return NativeMemory.elements(data, C_INT, count).toArray(C_INT);
    }
}
