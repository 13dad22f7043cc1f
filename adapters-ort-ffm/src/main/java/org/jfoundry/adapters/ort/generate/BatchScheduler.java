package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.internal.bindings.ReservedMemory;
import org.jfoundry.adapters.ort.runtime.ElementType;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.OrtException;
import org.jfoundry.adapters.ort.runtime.RunOptions;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.Value;
import org.jfoundry.ports.failure.EngineFailureException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Continuous batching for one share-buffer decoder: every sequence of the model advances in one run per step.
 *
 * <p>Each layer's key and value cache is one {@code [slots, kv_heads, capacity, head_size]} buffer; a sequence owns
 * one slot from its prefill to its end. A decode step feeds the ready sequences as one batch over the B slots from
 * the lowest ready one to the highest ({@code input_ids [B, 1]}, a right-padded {@code attention_mask [B, T]} whose
 * row sums give GroupQueryAttention each sequence's own length, T the longest), and the attention appends every new
 * key and value in place. Slots are not compacted (moving a whole context costs more than a few idle rows): a free
 * or not-yet-ready slot between ready ones runs as a filler row that writes one position past its own length, where
 * the sequence's next real token overwrites it. A lone sequence thus runs as a batch of one whatever its slot: ONNX
 * Runtime's CPU kernels (MatMulNBits) take another path for one row than for several, and a lone request gives the
 * tokens it gives with batching off; rows of a batch of two or more do not depend on each other. Newcomers take
 * the lowest free slot in arrival order and their prompt runs as batch-1 chunks over their slot's region of the
 * buffer (a zero-copy view), one chunk between decode steps, so running streams wait at most one chunk:
 * {@value #PREFILL_CHUNK} tokens when no one is streaming, else {@value #PREFILL_CHUNK_WHILE_STREAMING} (a chunk
 * costs about that many decode steps of compute on a CPU).
 *
 * <p>Prefix reuse: a sequence that ends leaves its slot's cache and tokens behind; kept slots form an LRU within the
 * same slots. A newcomer whose prompt shares a long beginning with a kept slot's prompt-written tokens (a chat's next
 * turn starts with the previous turn's prompt) takes that slot and prefills only the rest; otherwise it takes an
 * empty slot, else the least recently kept one. Only cache that prompt runs of two or more tokens wrote is reused,
 * and no prompt run is a single token unless the whole prompt is: ONNX Runtime's CPU kernels compute a token's keys
 * and values differently in a decode step (one token per row) or a one-token run than in a longer prompt run, while
 * prompt runs of two or more tokens give the same values however the prompt is chunked. So a reused turn computes
 * exactly what a cold run of the same prompt computes; the previous answer is read again as part of the prompt.
 *
 * <p>The request keeps its own thread for sampling, stop strings, constraints and streaming: it hands its next token
 * over and waits. There is no scheduler thread: a waiting request's thread that finds no one leading runs the next
 * step for everyone (leader and followers), so a lone request runs its own steps with no hand-over between threads,
 * and with several the last one to be ready usually leads. The leader waits a short grace for every sampling sequence
 * to be ready before a step, then runs without the late ones, so a slow client delays the others by at most that
 * grace.
 */
final class BatchScheduler implements AutoCloseable {

    /** Prompt tokens per prefill chunk: long enough to keep prefill efficient, short enough not to stall streams. */
    static final int PREFILL_CHUNK = 128;
    /** Prompt tokens per chunk while other sequences stream, so each of their tokens waits at most this long. */
    static final int PREFILL_CHUNK_WHILE_STREAMING = 32;
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Shorter shared beginnings (a system prompt's template tokens) do not cost another kept context. */
    static final int MIN_REUSE = 32;
    /** Tokens a prompt run takes at least (unless the prompt is shorter): see the class comment. */
    static final int MIN_PROMPT_RUN = 2;

    private final OrtEnvironment environment;
    private final Session session;
    private final DecoderSignature signature;
    private final int slots;
    private final int capacity;
    private final int chunk;
    private final long vocabBytes;
    private final long slotBytes;

    private final ReservedMemory cache;
    private final ReservedMemory prefillLogits;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment stepLogits;
    private final MemorySegment slotLogits;
    private final MemorySegment ids;
    private final MemorySegment positions;
    private final MemorySegment mask;
    private final MemorySegment ones;
    private final RunOptions runOptions;
    /** Cache views by slot range (first slot, count) for decode steps, and by slot for prefill; made on first use. */
    private final Map<Integer, Map<String, Value>> batchViews = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Value>> slotViews = new LinkedHashMap<>();
    private final Map<Integer, Value> stepLogitViews = new LinkedHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a call finishes, a token is handed over, a sequence leaves or the leader steps down. */
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<BatchedSequence> waiting = new ArrayDeque<>();
    private final ArrayDeque<BatchedSequence> prefilling = new ArrayDeque<>();
    private final List<BatchedSequence> decoding = new ArrayList<>();
    private final BitSet usedSlots = new BitSet();
    /** Each slot's cached length as the scheduler last left it; a filler row writes just past it. */
    private final int[] slotLength;
    /** Each slot's leading tokens that prompt runs of two or more tokens wrote: what a next turn may reuse. */
    private final int[] slotPrefilled;
    /** The tokens in each slot's cache, its first {@code slotLength} entries valid; made on the slot's first use. */
    private final long[][] slotTokens;
    /** Slots no sequence holds whose cache is kept for reuse, least recently kept first. */
    private final java.util.LinkedHashSet<Integer> kept = new java.util.LinkedHashSet<>();
    private final boolean reuse;
    private long reusedTokens;
    /** Whether a request's thread is running a step for everyone. */
    private boolean leading;
    private boolean closed;
    private long decodeSteps;
    private long decodedRows;
    private int widestStep;
    private long prefillChunks;

    /** What the scheduler ran so far: decode steps, the sequences they advanced, the most in one, prompt chunks. */
    record Counts(long decodeSteps, long decodedRows, int widestStep, long prefillChunks, long reusedTokens) {
    }

    /**
     * @param slots    sequences decoded together; more wait in arrival order
     * @param capacity tokens each slot's cache holds
     * @param chunk    prompt tokens per prefill run
     * @param reuse    whether ended sequences' caches are kept for prompts that start the same way
     */
    BatchScheduler(OrtEnvironment environment, Session session, DecoderSignature signature, int slots, int capacity,
                   int chunk, boolean reuse) {
        if (slots < 1 || capacity < 1 || chunk < 1) {
            throw new IllegalArgumentException("slots, capacity and chunk must be positive");
        }
        this.environment = environment;
        this.session = session;
        this.signature = signature;
        this.slots = slots;
        this.capacity = capacity;
        this.chunk = Math.min(chunk, capacity);
        this.vocabBytes = (long) signature.vocabSize() * Float.BYTES;
        this.slotBytes = (long) signature.kvHeads() * capacity * signature.headSize() * signature.kvType().byteSize();
        this.slotLength = new int[slots];
        this.slotPrefilled = new int[slots];
        this.slotTokens = new long[slots][];
        this.reuse = reuse;
        this.cache = new ReservedMemory(2L * signature.layers() * slots * slotBytes);
        try {
            this.prefillLogits = new ReservedMemory(this.chunk * vocabBytes);
            this.stepLogits = arena.allocate(slots * vocabBytes, 64);
            this.slotLogits = arena.allocate(slots * vocabBytes, 64);
            this.ids = arena.allocate(JAVA_LONG, Math.max(slots, this.chunk));
            this.positions = arena.allocate(JAVA_LONG, Math.max(slots, this.chunk));
            this.mask = arena.allocate(JAVA_LONG, (long) slots * capacity);
            this.ones = arena.allocate(JAVA_LONG, capacity);
            for (int i = 0; i < capacity; i++) {
                ones.setAtIndex(JAVA_LONG, i, 1L);
            }
            this.runOptions = environment.newRunOptions();
        } catch (RuntimeException e) {
            cache.close();
            arena.close();
            throw e;
        }
    }

    /** Bytes of KV cache one slot reserves at most. */
    static long slotBytes(DecoderSignature signature, int capacity) {
        return 2L * signature.layers() * signature.kvHeads() * capacity * signature.headSize()
                * signature.kvType().byteSize();
    }

    int slots() {
        return slots;
    }

    int capacity() {
        return capacity;
    }

    Counts counts() {
        lock.lock();
        try {
            return new Counts(decodeSteps, decodedRows, widestStep, prefillChunks, reusedTokens);
        } finally {
            lock.unlock();
        }
    }

    DecoderSequence open() {
        return new BatchedSequence(this);
    }

    // --- the request's side ----------------------------------------------------------------------------------

    MemorySegment prefill(BatchedSequence sequence, long[] prompt) {
        if (prompt.length == 0 || prompt.length > capacity) {
            throw new IllegalArgumentException("a prompt of " + prompt.length + " tokens does not fit " + capacity);
        }
        lock.lock();
        try {
            if (sequence.phase != BatchedSequence.Phase.NEW) {
                throw new IllegalStateException("prefill runs once per request");
            }
            requireOpen();
            sequence.prompt = prompt;
            sequence.phase = BatchedSequence.Phase.WAITING_FOR_SLOT;
            waiting.add(sequence);
            return awaitDone(sequence);
        } finally {
            lock.unlock();
        }
    }

    MemorySegment step(BatchedSequence sequence, long token) {
        lock.lock();
        try {
            if (sequence.phase != BatchedSequence.Phase.SAMPLING) {
                throw new IllegalStateException("step before prefill, or after the sequence ended");
            }
            if (sequence.length >= capacity) {
                throw new IllegalStateException("the cache is full at " + capacity + " tokens");
            }
            sequence.pendingToken = token;
            sequence.phase = BatchedSequence.Phase.READY;
            return awaitDone(sequence);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held: leads steps while no one else does, else waits for the sequence's call. */
    private MemorySegment awaitDone(BatchedSequence sequence) {
        sequence.done = false;
        changed.signalAll();
        while (!sequence.done && sequence.failure == null && !sequence.terminated()) {
            if (!leading && !closed && hasWork()) {
                lead();
            } else {
                changed.awaitUninterruptibly();
            }
        }
        if (sequence.failure != null) {
            throw sequence.failure;
        }
        if (!sequence.done) {
            throw new SequenceTerminatedException();
        }
        return slotLogits.asSlice(sequence.slot * vocabBytes, vocabBytes);
    }

    void wake(BatchedSequence sequence) {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long runNanosOf(BatchedSequence sequence) {
        return underLock(() -> sequence.runNanos);
    }

    long runCpuNanosOf(BatchedSequence sequence) {
        return underLock(() -> sequence.runCpuNanos);
    }

    private long underLock(LongSupplier read) {
        lock.lock();
        try {
            return read.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    /** The sequence ended: its slot is free for the next one (a step in flight still finishes writing to it). */
    void leave(BatchedSequence sequence) {
        lock.lock();
        try {
            if (sequence.phase == BatchedSequence.Phase.CLOSED) {
                return;
            }
            waiting.remove(sequence);
            prefilling.remove(sequence);
            decoding.remove(sequence);
            if (sequence.slot >= 0) {
                usedSlots.clear(sequence.slot);
                keep(sequence.slot, sequence.failure == null);
            }
            sequence.phase = BatchedSequence.Phase.CLOSED;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A slot's cache stays valid for its first {@code slotLength} tokens whatever a step in flight still writes past
     * them. A full slot keeps one token less, so a filler row (which writes just past the length) never lands on a
     * kept token.
     */
    private void keep(int slot, boolean valid) {
        if (!reuse || !valid || slotPrefilled[slot] == 0) {
            slotLength[slot] = 0;
            slotPrefilled[slot] = 0;
            return;
        }
        slotLength[slot] = Math.min(slotLength[slot], capacity - 1);
        slotPrefilled[slot] = Math.min(slotPrefilled[slot], slotLength[slot]);
        kept.add(slot);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the model is unloaded");
        }
    }

    // --- the leader's work ------------------------------------------------------------------------------------

    private record Row(BatchedSequence sequence, int slot, long token) {
    }

    private boolean hasWork() {
        return readyCount() > 0 || prefillHead() != null;
    }

    /**
     * Called with the lock held: runs one decode step of the ready sequences and one prompt chunk of the next
     * newcomer, without the lock while ONNX Runtime runs, then lets the next waiting thread lead.
     */
    private void lead() {
        leading = true;
        try {
            awaitStragglers();
            List<Row> batch = new ArrayList<>();
            for (BatchedSequence sequence : decoding) {
                if (sequence.phase == BatchedSequence.Phase.READY) {
                    batch.add(new Row(sequence, sequence.slot, sequence.pendingToken));
                }
            }
            BatchedSequence prefill = prefillHead();
            int promptTokens = decoding.isEmpty() ? chunk : Math.min(chunk, PREFILL_CHUNK_WHILE_STREAMING);
            lock.unlock();
            try {
                if (!batch.isEmpty()) {
                    decode(batch);
                }
                if (prefill != null) {
                    prefillChunk(prefill, promptTokens);
                }
            } finally {
                lock.lock();
            }
        } finally {
            leading = false;
            changed.signalAll();
        }
    }

    private int readyCount() {
        int ready = 0;
        for (BatchedSequence sequence : decoding) {
            if (sequence.phase == BatchedSequence.Phase.READY) {
                ready++;
            }
        }
        return ready;
    }

    /** Gives sequences still sampling a short grace to join the step, unless a prompt is waiting anyway. */
    private void awaitStragglers() {
        long deadline = System.nanoTime() + GRACE_NANOS;
        while (readyCount() > 0 && readyCount() < decoding.size() && prefilling.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                changed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The sequence whose prompt runs next, after newcomers got the free slots in arrival order. */
    private BatchedSequence prefillHead() {
        while (!waiting.isEmpty() && usedSlots.cardinality() < slots) {
            BatchedSequence next = waiting.poll();
            int slot = chooseSlot(next.prompt);
            kept.remove(slot);
            usedSlots.set(slot);
            int shared = slotTokens[slot] == null ? 0 : sharedLength(slot, next.prompt);
            reusedTokens += shared;
            next.slot = slot;
            next.length = shared;
            slotLength[slot] = shared;
            slotPrefilled[slot] = shared;
            if (slotTokens[slot] == null) {
                slotTokens[slot] = new long[capacity];
            }
            next.phase = BatchedSequence.Phase.PREFILLING;
            prefilling.add(next);
        }
        prefilling.removeIf(BatchedSequence::terminated);
        return prefilling.peek();
    }

    /** The kept slot sharing the longest beginning with the prompt, if long enough; else empty, else least recent. */
    private int chooseSlot(long[] prompt) {
        int best = -1;
        int bestLength = 0;
        for (int slot : kept) {
            int shared = sharedLength(slot, prompt);
            if (shared > bestLength) {
                best = slot;
                bestLength = shared;
            }
        }
        if (best >= 0 && bestLength >= MIN_REUSE) {
            return best;
        }
        for (int slot = 0; slot < slots; slot++) {
            if (!usedSlots.get(slot) && !kept.contains(slot)) {
                return slot;
            }
        }
        return best >= 0 ? best : kept.iterator().next();
    }

    /**
     * Prompt-written tokens the slot's cache shares with the prompt's beginning, leaving a prompt run of at least
     * {@link #MIN_PROMPT_RUN} tokens (the run that reads the prompt's last token) to do.
     */
    private int sharedLength(int slot, long[] prompt) {
        long[] tokens = slotTokens[slot];
        int most = Math.min(slotPrefilled[slot], prompt.length - MIN_PROMPT_RUN);
        int shared = 0;
        while (shared < most && tokens[shared] == prompt[shared]) {
            shared++;
        }
        return shared;
    }

    private void decode(List<Row> rows) {
        rows.sort(Comparator.comparingInt(Row::slot));
        int first = rows.getFirst().slot();
        int batch = rows.getLast().slot() - first + 1;
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = Math.min(slotLength[first + b], capacity - 1);
            ids.setAtIndex(JAVA_LONG, b, 0L);
        }
        for (Row row : rows) {
            lengths[row.slot() - first] = slotLength[row.slot()];
            ids.setAtIndex(JAVA_LONG, row.slot() - first, row.token());
        }
        int total = 0;
        for (int length : lengths) {
            total = Math.max(total, length + 1);
        }
        for (int b = 0; b < batch; b++) {
            MemorySegment maskRow = mask.asSlice((long) b * total * Long.BYTES, (long) total * Long.BYTES);
            maskRow.fill((byte) 0);
            MemorySegment.copy(ones, 0, maskRow, 0, (long) (lengths[b] + 1) * Long.BYTES);
            positions.setAtIndex(JAVA_LONG, b, lengths[b]);
        }
        Map<String, Value> feeds = new LinkedHashMap<>();
        Map<String, Value> fetches = new LinkedHashMap<>();
        List<Value> small = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = ThreadCpu.nanos();
        RuntimeException failure = null;
        try {
            small.add(feed(feeds, signature.inputIds(), ids, batch, 1));
            if (signature.attentionMask() != null) {
                small.add(feed(feeds, signature.attentionMask(), mask, batch, total));
            }
            if (signature.positionIds() != null) {
                small.add(feed(feeds, signature.positionIds(), positions, batch, 1));
            }
            bindCache(feeds, fetches, batchViews.computeIfAbsent(first * (slots + 1) + batch,
                    key -> views(first, batch)));
            fetches.put(signature.logits(), stepLogitViews.computeIfAbsent(batch, b ->
                    environment.wrap(stepLogits.asSlice(0, b * vocabBytes), ElementType.FLOAT, b, 1,
                            signature.vocabSize())));
            session.run(runOptions, feeds, fetches);
        } catch (OrtException e) {
            failure = new EngineFailureException("ONNX Runtime failed in a batched decode step: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            small.forEach(Value::close);
        }
        long elapsed = System.nanoTime() - start;
        long cpu = ThreadCpu.nanos() - cpuStart;
        if (failure == null) {
            for (Row row : rows) {
                MemorySegment.copy(stepLogits, (row.slot() - first) * vocabBytes, slotLogits,
                        row.slot() * vocabBytes, vocabBytes);
            }
        }
        lock.lock();
        try {
            decodeSteps++;
            decodedRows += rows.size();
            widestStep = Math.max(widestStep, rows.size());
            for (Row row : rows) {
                BatchedSequence sequence = row.sequence();
                if (sequence.phase != BatchedSequence.Phase.READY) {
                    continue; // left while the step ran
                }
                sequence.runNanos += elapsed;
                if (sequence.leaderThread == Thread.currentThread()) {
                    sequence.runCpuNanos += cpu;
                }
                if (failure != null) {
                    sequence.failure = failure;
                } else {
                    slotTokens[row.slot()][sequence.length] = row.token();
                    sequence.length++;
                    slotLength[row.slot()] = sequence.length;
                    sequence.phase = BatchedSequence.Phase.SAMPLING;
                    sequence.done = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void prefillChunk(BatchedSequence sequence, int most) {
        long[] prompt;
        int from;
        int slot;
        lock.lock();
        try {
            if (sequence.phase != BatchedSequence.Phase.PREFILLING) {
                return;
            }
            prompt = sequence.prompt;
            from = sequence.length;
            slot = sequence.slot;
        } finally {
            lock.unlock();
        }
        int count = promptRunLength(prompt.length - from, most);
        int total = from + count;
        for (int i = 0; i < count; i++) {
            ids.setAtIndex(JAVA_LONG, i, prompt[from + i]);
            positions.setAtIndex(JAVA_LONG, i, from + i);
        }
        Map<String, Value> feeds = new LinkedHashMap<>();
        Map<String, Value> fetches = new LinkedHashMap<>();
        List<Value> small = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = ThreadCpu.nanos();
        RuntimeException failure = null;
        try {
            small.add(feed(feeds, signature.inputIds(), ids, 1, count));
            if (signature.attentionMask() != null) {
                small.add(feed(feeds, signature.attentionMask(), ones, 1, total));
            }
            if (signature.positionIds() != null) {
                small.add(feed(feeds, signature.positionIds(), positions, 1, count));
            }
            bindCache(feeds, fetches, slotViews.computeIfAbsent(slot, this::slotView));
            Value logits = environment.wrap(prefillLogits.segment().asSlice(0, count * vocabBytes), ElementType.FLOAT,
                    1, count, signature.vocabSize());
            small.add(logits);
            fetches.put(signature.logits(), logits);
            session.run(runOptions, feeds, fetches);
        } catch (OrtException e) {
            failure = new EngineFailureException("ONNX Runtime failed while reading the prompt: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            small.forEach(Value::close);
        }
        long elapsed = System.nanoTime() - start;
        long cpu = ThreadCpu.nanos() - cpuStart;
        boolean last = total == prompt.length;
        if (failure == null && last) {
            MemorySegment.copy(prefillLogits.segment(), (count - 1) * vocabBytes, slotLogits, slot * vocabBytes,
                    vocabBytes);
        }
        lock.lock();
        try {
            if (sequence.phase != BatchedSequence.Phase.PREFILLING) {
                return;
            }
            sequence.runNanos += elapsed;
            if (sequence.leaderThread == Thread.currentThread()) {
                sequence.runCpuNanos += cpu;
            }
            prefillChunks++;
            if (failure != null) {
                sequence.failure = failure;
                prefilling.remove(sequence);
                return;
            }
            System.arraycopy(prompt, from, slotTokens[slot], from, count);
            sequence.length = total;
            slotLength[slot] = total;
            if (count >= MIN_PROMPT_RUN && slotPrefilled[slot] == from) {
                slotPrefilled[slot] = total;
            }
            if (last) {
                prefilling.remove(sequence);
                decoding.add(sequence);
                sequence.prompt = null;
                sequence.phase = BatchedSequence.Phase.SAMPLING;
                sequence.done = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tokens the next prompt run reads of the {@code left} still to read, at most {@code most}: one less when that
     * would leave a single token for the last run (see the class comment), unless runs are that short anyway.
     */
    static int promptRunLength(int left, int most) {
        int count = Math.min(most, left);
        return left - count == 1 && count > MIN_PROMPT_RUN ? count - 1 : count;
    }

    private Value feed(Map<String, Value> feeds, String name, MemorySegment data, long rows, long columns) {
        Value value = environment.wrap(data.asSlice(0, rows * columns * Long.BYTES), ElementType.INT64, rows, columns);
        feeds.put(name, value);
        return value;
    }

    /** Past and present of a layer are the same view: GroupQueryAttention appends in place. */
    private void bindCache(Map<String, Value> feeds, Map<String, Value> fetches, Map<String, Value> views) {
        for (int layer = 0; layer < signature.layers(); layer++) {
            Value key = views.get(signature.pastKeys().get(layer));
            Value value = views.get(signature.pastValues().get(layer));
            feeds.put(signature.pastKeys().get(layer), key);
            feeds.put(signature.pastValues().get(layer), value);
            fetches.put(signature.presentKeys().get(layer), key);
            fetches.put(signature.presentValues().get(layer), value);
        }
    }

    private Map<String, Value> slotView(int slot) {
        return views(slot, 1);
    }

    private Map<String, Value> views(int firstSlot, int count) {
        Map<String, Value> views = new LinkedHashMap<>();
        for (int layer = 0; layer < signature.layers(); layer++) {
            for (int kind = 0; kind < 2; kind++) {
                long region = (2L * layer + kind) * slots * slotBytes;
                MemorySegment data = cache.segment().asSlice(region + firstSlot * slotBytes, count * slotBytes);
                String name = kind == 0 ? signature.pastKeys().get(layer) : signature.pastValues().get(layer);
                views.put(name, environment.wrap(data, signature.kvType(), count, signature.kvHeads(), capacity,
                        signature.headSize()));
            }
        }
        return views;
    }

    /** Called once every request has ended: frees the views, the buffers and the cache's pages. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (BatchedSequence sequence : waiting) {
                sequence.terminate();
            }
            while (leading) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        batchViews.values().forEach(views -> views.values().forEach(Value::close));
        slotViews.values().forEach(views -> views.values().forEach(Value::close));
        stepLogitViews.values().forEach(Value::close);
        runOptions.close();
        arena.close();
        prefillLogits.close();
        cache.close();
    }
}
