package org.jfoundry.adapters.ort.genai;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.jfoundry.adapters.ort.completion.FoundryPromptTemplate;
import org.jfoundry.adapters.ort.completion.PromptBound;
import org.jfoundry.adapters.ort.completion.ToolCallFormat;
import org.jfoundry.adapters.ort.completion.ToolPrompts;
import org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h;
import org.jfoundry.adapters.ort.internal.bindings.NativeHeap;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/**
 * A model loaded by GenAI: its config, model and tokenizer. Generations run concurrently, each with its own
 * generator; tokenizer calls are serialised because GenAI does not promise they are thread-safe. Closing cancels the
 * generations in flight; the native objects are destroyed when the last of them has left (children before parents).
 */
final class GenAiModelHandle implements ModelHandle {
    private static final int PROBE_MAX_LENGTH = 8;

    private final ModelLoadSpec spec;
    private final GenAiModelFolder folder;
    private final MemorySegment config;
    private final MemorySegment model;
    private final MemorySegment tokenizer;
    private final int[] endOfSequence;
    private final PromptTemplate promptTemplate;
    private final ReentrantLock tokenizerLock = new ReentrantLock();
    private final Set<GenAiGeneration> running = ConcurrentHashMap.newKeySet();
    /** Closing never waits: a generation blocked in its sink must not hold an unload; the last call out destroys. */
    private final CallGate gate;

    private GenAiModelHandle(ModelLoadSpec spec, GenAiModelFolder folder, MemorySegment config, MemorySegment model,
                             MemorySegment tokenizer, int[] endOfSequence, PromptTemplate promptTemplate) {
        this.spec = spec;
        this.folder = folder;
        this.config = config;
        this.model = model;
        this.tokenizer = tokenizer;
        this.endOfSequence = endOfSequence;
        this.promptTemplate = promptTemplate;
        this.gate = new CallGate("GenAI model " + spec.model().id(), Duration.ZERO);
    }

    static GenAiModelHandle open(ModelLoadSpec spec) {
        GenAiModelFolder folder = GenAiModelFolder.read(spec.model().folder());
        PromptTemplate promptTemplate = FoundryPromptTemplate.forModel(spec.model().promptTemplate(), folder.folder());
        MemorySegment config = MemorySegment.NULL;
        MemorySegment model = MemorySegment.NULL;
        MemorySegment tokenizer = MemorySegment.NULL;
        try {
            config = Oga.createConfig(folder.folder());
            GenAiProviders.apply(config, spec.provider(), spec.providerOptions());
            if (spec.intraOpThreads() > 0) {
                Oga.overlay(config, "{\"model\":{\"decoder\":{\"session_options\":{\"intra_op_num_threads\":"
                        + spec.intraOpThreads() + "}}}}");
            }
            model = createModel(config, spec);
            tokenizer = Oga.createTokenizer(model);
            requireAGenerator(model);
            int[] eos = Oga.eosTokenIds(tokenizer);
            Arrays.sort(eos);
            return new GenAiModelHandle(spec, folder, config, model, tokenizer, eos, promptTemplate);
        } catch (GenAiException e) {
            destroy(tokenizer, model, config);
            throw new EngineFailureException("GenAI could not load " + spec.model().id() + " from " + folder.folder()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            destroy(tokenizer, model, config);
            throw e;
        }
    }

    /**
     * GenAI creates a model from some folders it cannot run (a {@code gpt2} config with separate key and value
     * input names, say): only creating a generator tells. One is made and dropped here, so such a folder fails its
     * load (and {@code engine: auto} serves it with the Java loop) instead of every request. A short
     * {@code max_length} keeps the probe from allocating a whole context's cache.
     */
    private static void requireAGenerator(MemorySegment model) {
        MemorySegment params = Oga.createGeneratorParams(model);
        try {
            Oga.setSearchNumber(params, "max_length", PROBE_MAX_LENGTH);
            ort_genai_c_h.OgaDestroyGenerator(Oga.createGenerator(model, params));
        } finally {
            ort_genai_c_h.OgaDestroyGeneratorParams(params);
        }
    }

    private static MemorySegment createModel(MemorySegment config, ModelLoadSpec spec) {
        try {
            return Oga.createModel(config);
        } catch (GenAiException e) {
            if (spec.provider() != ExecutionProvider.CPU) {
                throw new ProviderUnavailableException("Execution provider '" + spec.provider().shortName()
                        + "' could not be used by the GenAI engine: " + e.nativeMessage());
            }
            throw e;
        }
    }

    // ---- the port --------------------------------------------------------------------------------------------------

    @Override
    public ModelId id() {
        return spec.model().id();
    }

    @Override
    public long estimatedBytes() {
        return spec.model().sizeBytes();
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    @Override
    public boolean canEmbed() {
        return false;
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParameters parameters, TokenSink sink,
                               CancellationSignal cancel) {
        return generate(prompt, parameters, sink, cancel, token -> { });
    }

    /** The same, also telling {@code tokens} every generated token id (the end-of-sequence one included). */
    Completion generate(Prompt prompt, GenerationParameters parameters, TokenSink sink, CancellationSignal cancel,
                        IntConsumer tokens) {
        enter();
        GenAiGeneration generation = null;
        try {
            String promptParam = prompt instanceof Prompt.Chat ? "messages" : "prompt";
            int[] ids = encode(PromptBound.require(render(prompt), folder().contextLength(), promptParam));
            generation = new GenAiGeneration(this, ids, ToolCallFormat.apply(prompt, parameters), sink, cancel,
                    tokens, promptParam);
            running.add(generation);
            if (isClosed()) {
                generation.terminate("the model was unloaded");
            }
            return generation.run();
        } finally {
            if (generation != null) {
                running.remove(generation);
            }
            exit();
        }
    }

    @Override
    public int countTokens(Prompt prompt) {
        enter();
        try {
            return encode(PromptBound.require(render(prompt), folder().contextLength(),
                    prompt instanceof Prompt.Chat ? "messages" : "prompt")).length;
        } finally {
            exit();
        }
    }

    @Override
    public void close() {
        if (!gate.shut()) {
            return;
        }
        running.forEach(generation -> generation.terminate("the model was unloaded"));
        gate.releaseWhenIdle(this::destroyNow);
    }

    // ---- for generations and tests ----------------------------------------------------------------------------

    GenAiModelFolder folder() {
        return folder;
    }

    MemorySegment model() {
        return model;
    }

    boolean isEndOfSequence(int token) {
        return Arrays.binarySearch(endOfSequence, token) >= 0;
    }

    int[] endOfSequenceIds() {
        return endOfSequence.clone();
    }

    /** The prompt as the model sees it: the tokenizer's chat template, else Foundry's prompt template. */
    String render(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Text text -> text.text();
            case Prompt.Chat chat when folder.chatTemplate() != null -> withTokenizer(() -> Oga.applyChatTemplate(
                    tokenizer, PromptRendering.messagesJson(chat, folder.chatTemplate()),
                    PromptRendering.toolsJson(chat, folder.chatTemplate())));
            case Prompt.Chat chat -> FoundryPromptTemplate.render(promptTemplate,
                    ToolPrompts.involvesTools(chat.messages(), chat.tools())
                            ? ToolPrompts.hermesFallback(chat.messages(), chat.tools()) : chat.messages());
        };
    }

    int[] encode(String text) {
        return withTokenizer(() -> Oga.encode(tokenizer, text));
    }

    String decode(int[] tokens) {
        return withTokenizer(() -> Oga.decode(tokenizer, tokens));
    }

    MemorySegment createTokenizerStream() {
        return withTokenizer(() -> Oga.createTokenizerStream(tokenizer));
    }

    String streamDecode(MemorySegment stream, int token, Arena arena) {
        return withTokenizer(() -> Oga.streamDecode(stream, token, arena));
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    private boolean isClosed() {
        return gate.isClosed();
    }

    private void enter() {
        gate.enter();
    }

    private void exit() {
        gate.exit();
    }

    private void destroyNow() {
        destroy(tokenizer, model, config);
        NativeHeap.trim();
    }

    private static void destroy(MemorySegment tokenizer, MemorySegment model, MemorySegment config) {
        if (tokenizer.address() != 0) {
            ort_genai_c_h.OgaDestroyTokenizer(tokenizer);
        }
        if (model.address() != 0) {
            ort_genai_c_h.OgaDestroyModel(model);
        }
        if (config.address() != 0) {
            ort_genai_c_h.OgaDestroyConfig(config);
        }
    }

    private <T> T withTokenizer(Supplier<T> call) {
        tokenizerLock.lock();
        try {
            return call.get();
        } catch (GenAiException e) {
            throw new EngineFailureException("GenAI tokenizer of " + id() + " failed: " + e.getMessage(), e);
        } finally {
            tokenizerLock.unlock();
        }
    }
}
