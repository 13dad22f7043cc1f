package org.jfoundry.adapters.ort.generate;

import java.util.Objects;

/**
 * Per-loader settings of the generation engine.
 *
 * @param kvCacheBytesPerRequest caps one request's KV cache, and so its prompt plus completion length, below the
 *                               model's context length when the context would need more memory
 * @param batchSequences         most sequences of one share-buffer model decoded together (continuous batching);
 *                               0 runs every request alone
 * @param kvCacheBytesPerModel   the batched KV cache of one model: it holds as many sequences (at most
 *                               {@code batchSequences}, at least one) as fit at one request's cache size each
 * @param prefixReuse            whether a batched model keeps ended sequences' caches for prompts that start with
 *                               their tokens (a chat's next turn), within its slots
 * @param observer               told the time split of every finished generation
 */
public record GenerationLimits(long kvCacheBytesPerRequest, int batchSequences, long kvCacheBytesPerModel,
                               boolean prefixReuse, GenerationObserver observer) {

    public static final long DEFAULT_KV_CACHE_BYTES = 1L << 30;
    public static final int DEFAULT_BATCH_SEQUENCES = 8;
    public static final long DEFAULT_KV_CACHE_BYTES_PER_MODEL = 4L << 30;

    public GenerationLimits {
        if (kvCacheBytesPerRequest <= 0 || kvCacheBytesPerModel <= 0) {
            throw new IllegalArgumentException("kvCacheBytesPerRequest and kvCacheBytesPerModel must be positive");
        }
        if (batchSequences < 0) {
            throw new IllegalArgumentException("batchSequences must be 0 (no batching) or more");
        }
        observer = Objects.requireNonNullElse(observer, GenerationObserver.NONE);
    }

    public GenerationLimits(long kvCacheBytesPerRequest, GenerationObserver observer) {
        this(kvCacheBytesPerRequest, DEFAULT_BATCH_SEQUENCES, DEFAULT_KV_CACHE_BYTES_PER_MODEL, true, observer);
    }

    public static GenerationLimits defaults() {
        return new GenerationLimits(DEFAULT_KV_CACHE_BYTES, GenerationObserver.NONE);
    }

    public GenerationLimits withObserver(GenerationObserver newObserver) {
        return new GenerationLimits(kvCacheBytesPerRequest, batchSequences, kvCacheBytesPerModel, prefixReuse,
                newObserver);
    }

    public GenerationLimits withKvCacheBytesPerRequest(long bytes) {
        return new GenerationLimits(bytes, batchSequences, kvCacheBytesPerModel, prefixReuse, observer);
    }

    public GenerationLimits withBatch(int sequences, long kvCacheBytes) {
        return new GenerationLimits(kvCacheBytesPerRequest, sequences, kvCacheBytes, prefixReuse, observer);
    }

    public GenerationLimits withPrefixReuse(boolean reuse) {
        return new GenerationLimits(kvCacheBytesPerRequest, batchSequences, kvCacheBytesPerModel, reuse, observer);
    }
}
