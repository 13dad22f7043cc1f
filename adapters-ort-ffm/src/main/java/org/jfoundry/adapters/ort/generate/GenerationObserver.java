package org.jfoundry.adapters.ort.generate;

/** Told how each finished generation spent its time; called on the generating thread, so keep it short. */
@FunctionalInterface
public interface GenerationObserver {

    void finished(GenerationStats stats);

    GenerationObserver NONE = stats -> { };
}
