package org.jfoundry.adapters.ort.generate;

import java.util.Objects;

/**
 * Per-loader settings of the generation engine.
 *
 * @param kvCacheBytesPerRequest caps one request's KV cache, and so its prompt plus completion length, below the
 *                               model's context length when the context would need more memory
 * @param observer               told the time split of every finished generation
 */
public record GenerationLimits(long kvCacheBytesPerRequest, GenerationObserver observer) {

    public static final long DEFAULT_KV_CACHE_BYTES = 1L << 30;

    public GenerationLimits {
        if (kvCacheBytesPerRequest <= 0) {
            throw new IllegalArgumentException("kvCacheBytesPerRequest must be positive");
        }
        observer = Objects.requireNonNullElse(observer, GenerationObserver.NONE);
    }

    public static GenerationLimits defaults() {
        return new GenerationLimits(DEFAULT_KV_CACHE_BYTES, GenerationObserver.NONE);
    }

    public GenerationLimits withObserver(GenerationObserver newObserver) {
        return new GenerationLimits(kvCacheBytesPerRequest, newObserver);
    }

    public GenerationLimits withKvCacheBytesPerRequest(long bytes) {
        return new GenerationLimits(bytes, observer);
    }
}
