package org.jfoundry.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.settings.EngineChoice;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * Picks the engine for a model. Embedding and speech recognition models go to {@code ort} (the engine that serves
 * them); text models follow the settings: {@code genai}, {@code ort}, or for AUTO GenAI when it is usable, else ORT,
 * else the first engine given.
 * AUTO's GenAI choice comes with ORT as its fallback: GenAI cannot run every folder it accepts (a {@code gpt2}
 * config with separate key/value names, say), and only a load can tell, so such a load is retried with ORT.
 */
final class EngineSelector {

    static final String GENAI = "genai";
    static final String ORT = "ort";

    private final Map<String, InferenceEngine> byName = new LinkedHashMap<>();
    private final ServiceSettings settings;

    EngineSelector(List<InferenceEngine> engines, ServiceSettings settings) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("at least one inference engine is needed");
        }
        engines.forEach(e -> byName.putIfAbsent(e.name(), e));
        this.settings = settings;
    }

    /** The engine to load with, and the one to try when that load fails (null: none). */
    record Selection(InferenceEngine engine, InferenceEngine fallback) {
    }

    Selection select(CachedModel model, String alias) {
        if (model.isEmbeddingModel() || model.isSpeechRecognitionModel()) {
            return new Selection(named(ORT).orElse(first()), null);
        }
        EngineChoice choice = settings.engineFor(model.id().toString(), alias);
        return switch (choice) {
            case GENAI -> new Selection(usable(GENAI, model), null);
            case ORT -> new Selection(usable(ORT, model), null);
            case AUTO -> named(GENAI).filter(e -> e.unavailableReason().isEmpty())
                    .map(genai -> new Selection(genai, named(ORT).filter(e -> e.unavailableReason().isEmpty())
                            .orElse(null)))
                    .orElseGet(() -> new Selection(named(ORT).orElse(first()), null));
        };
    }

    /** Each engine's name with "available" or why it is not. */
    List<String> describe() {
        return byName.values().stream()
                .map(e -> e.name() + ": " + e.unavailableReason().map(r -> "unavailable (" + r + ")").orElse("available"))
                .toList();
    }

    private InferenceEngine usable(String name, CachedModel model) {
        InferenceEngine engine = named(name).orElseThrow(() -> new EngineFailureException("Model " + model.id()
                + " is set to use the '" + name + "' engine, which this service does not have; engines: "
                + byName.keySet()));
        engine.unavailableReason().ifPresent(reason -> {
            throw new EngineFailureException("Model " + model.id() + " is set to use the '" + name
                    + "' engine, which is unavailable: " + reason);
        });
        return engine;
    }

    private Optional<InferenceEngine> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private InferenceEngine first() {
        return byName.values().iterator().next();
    }
}
