package org.jfoundry.adapters.ort.embeddings;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.completion.PromptBound;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;
import org.jfoundry.adapters.ort.runtime.ElementType;
import org.jfoundry.adapters.ort.runtime.NodeInfo;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.OrtException;
import org.jfoundry.adapters.ort.runtime.RunOptions;
import org.jfoundry.adapters.ort.runtime.RunOutputs;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.Value;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;

/** A loaded sentence-embedding model. Thread-safe: each call tokenises and runs with its own buffers. */
final class EmbeddingModel implements ModelHandle {
    static final int BATCH_SIZE = 32;

    private final CachedModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final Session session;
    private final OrtEnvironment environment;
    private final String outputName;
    private final boolean pooledOutput;
    private final boolean needsTokenTypes;
    private final long estimatedBytes;
    /** The tokenizer truncates to this many tokens; text beyond what they can cover is never tokenized. */
    private final int maxTokens;
    private final CallGate gate;

    EmbeddingModel(CachedModel model, EmbeddingFolder folder, HuggingFaceTokenizer tokenizer, Session session,
                   OrtEnvironment environment) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.session = session;
        this.environment = environment;
        this.gate = new CallGate("embedding model '" + model.id() + "'");
        NodeInfo output = chooseOutput(session);
        this.outputName = output.name();
        this.pooledOutput = output.tensor().rank() == 2;
        List<String> inputs = session.inputNames();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new EngineFailureException("embedding model " + folder.model() + " must take input_ids and"
                    + " attention_mask; its inputs are " + inputs);
        }
        this.needsTokenTypes = inputs.contains("token_type_ids");
        this.estimatedBytes = Math.max(model.sizeBytes(), fileSize(folder)) * 3 / 2;
        this.maxTokens = folder.maxTokens();
    }

    /** last_hidden_state / token_embeddings ([batch, tokens, width]) to pool, else an already pooled [batch, width]. */
    private static NodeInfo chooseOutput(Session session) {
        List<NodeInfo> tensors = session.outputs().stream().filter(NodeInfo::isTensor)
                .filter(o -> o.tensor().elementCode() == ElementType.FLOAT.code()).toList();
        for (String preferred : List.of("last_hidden_state", "token_embeddings")) {
            for (NodeInfo output : tensors) {
                if (output.name().equals(preferred) && output.tensor().rank() == 3) {
                    return output;
                }
            }
        }
        return tensors.stream().filter(o -> o.tensor().rank() == 3).findFirst()
                .or(() -> tensors.stream().filter(o -> o.tensor().rank() == 2).findFirst())
                .orElseThrow(() -> new EngineFailureException("embedding model has no float output of rank 2 or 3;"
                        + " its outputs are " + session.outputs()));
    }

    private static long fileSize(EmbeddingFolder folder) {
        try {
            return java.nio.file.Files.size(folder.model());
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Override
    public ModelId id() {
        return model.id();
    }

    @Override
    public long estimatedBytes() {
        return estimatedBytes;
    }

    @Override
    public boolean canGenerate() {
        return false;
    }

    @Override
    public boolean canEmbed() {
        return true;
    }

    @Override
    public EmbeddingResult embed(List<String> inputs, CancellationSignal cancel) {
        enter();
        try {
            List<float[]> vectors = new ArrayList<>(inputs.size());
            List<Integer> truncated = new ArrayList<>();
            int tokens = 0;
            for (int start = 0; start < inputs.size(); start += BATCH_SIZE) {
                cancel.throwIfCancelled();
                // Bounded by length first: a 15 MB input would cost seconds of CPU and gigabytes to tokenize whole,
                // only for all but its first tokens to be cut.
                List<String> whole = inputs.subList(start, Math.min(inputs.size(), start + BATCH_SIZE));
                List<String> batch = whole.stream().map(text -> PromptBound.prefix(text, maxTokens)).toList();
                Encoding[] encodings = tokenizer.batchEncode(batch);
                for (int i = 0; i < encodings.length; i++) {
                    if (encodings[i].exceedMaxLength() || batch.get(i).length() < whole.get(i).length()) {
                        truncated.add(start + i);
                    }
                    tokens += count(encodings[i].getAttentionMask());
                }
                vectors.addAll(run(encodings, cancel));
            }
            return new EmbeddingResult(model.id(), vectors, tokens, truncated);
        } finally {
            exit();
        }
    }

    private List<float[]> run(Encoding[] encodings, CancellationSignal cancel) {
        int rows = encodings.length;
        int width = 0;
        for (Encoding encoding : encodings) {
            width = Math.max(width, encoding.getIds().length);
        }
        int columns = Math.max(width, 1);
        try (Arena batch = Arena.ofConfined();
             RunOptions runOptions = environment.newRunOptions()) {
            MemorySegment ids = batch.allocate(ValueLayout.JAVA_LONG, (long) rows * columns);
            MemorySegment mask = batch.allocate(ValueLayout.JAVA_LONG, (long) rows * columns);
            MemorySegment types = batch.allocate(ValueLayout.JAVA_LONG, (long) rows * columns);
            for (int r = 0; r < rows; r++) {
                copyRow(encodings[r].getIds(), ids, r, columns);
                copyRow(encodings[r].getAttentionMask(), mask, r, columns);
                copyRow(encodings[r].getTypeIds(), types, r, columns);
            }
            Runnable stopWatching = cancel.onCancel(runOptions::terminate);
            try (Value idValue = environment.wrap(ids, ElementType.INT64, rows, columns);
                 Value maskValue = environment.wrap(mask, ElementType.INT64, rows, columns);
                 Value typeValue = environment.wrap(types, ElementType.INT64, rows, columns)) {
                Map<String, Value> feeds = new LinkedHashMap<>();
                feeds.put("input_ids", idValue);
                feeds.put("attention_mask", maskValue);
                if (needsTokenTypes) {
                    feeds.put("token_type_ids", typeValue);
                }
                try (RunOutputs outputs = session.run(runOptions, feeds, List.of(outputName))) {
                    return pool(outputs.get(0), mask, rows, columns);
                }
            } catch (OrtException e) {
                if (e.isTerminated() || cancel.isCancelled()) {
                    throw new CancelledException(cancel.reason() == null ? "embedding cancelled" : cancel.reason());
                }
                throw new EngineFailureException("embedding run failed: " + e.getMessage(), e);
            } finally {
                stopWatching.run();
            }
        }
    }

    private List<float[]> pool(Value output, MemorySegment mask, int rows, int columns) {
        long[] shape = output.shape();
        int width = (int) shape[shape.length - 1];
        return output.read(hidden -> {
            List<float[]> vectors = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                vectors.add(pooledOutput ? Pooling.row(hidden, r, width)
                        : Pooling.meanPooled(hidden, mask, r, columns, width));
            }
            return vectors;
        });
    }

    private static void copyRow(long[] values, MemorySegment target, int row, int columns) {
        MemorySegment.copy(values, 0, target, ValueLayout.JAVA_LONG, (long) row * columns * Long.BYTES, values.length);
    }

    private static int count(long[] mask) {
        int n = 0;
        for (long m : mask) {
            n += m != 0 ? 1 : 0;
        }
        return n;
    }

    @Override
    public int countTokens(Prompt prompt) {
        enter();
        try {
            String text = switch (prompt) {
                case Prompt.Text t -> t.text();
                case Prompt.Chat c -> String.join("\n", c.messages().stream().map(ChatMessage::content).toList());
            };
            return tokenizer.encode(text).getIds().length;
        } finally {
            exit();
        }
    }

    private void enter() {
        gate.enter();
    }

    private void exit() {
        gate.exit();
    }

    /** Refuses new calls, waits for calls in flight, then frees the session and the tokenizer. */
    @Override
    public void close() {
        gate.close(() -> {
            session.close();
            tokenizer.close();
        });
    }
}
