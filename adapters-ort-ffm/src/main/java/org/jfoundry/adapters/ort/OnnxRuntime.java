package org.jfoundry.adapters.ort;

import java.util.List;
import java.util.Objects;
import org.jfoundry.adapters.ort.embeddings.EmbeddingFolderLoader;
import org.jfoundry.adapters.ort.generate.GenAiFolderLoader;
import org.jfoundry.adapters.ort.speech.WhisperFolderLoader;
import org.jfoundry.adapters.ort.internal.loading.BundledLibrary;
import org.jfoundry.adapters.ort.internal.loading.LibraryLocation;
import org.jfoundry.adapters.ort.internal.loading.NativeAccess;
import org.jfoundry.adapters.ort.internal.loading.OrtLibraryLoader;
import org.jfoundry.adapters.ort.internal.loading.TokenizerLibrary;
import org.jfoundry.adapters.ort.runtime.EnvironmentOptions;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.OrtLibrary;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.out.HardwareProbe;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * ONNX Runtime for this process: loads the native library once, creates the environment, and hands out the
 * {@code ort} inference engine and the hardware probe. Created by the composition root and closed last.
 */
public final class OnnxRuntime implements AutoCloseable {
    private final OrtEnvironment environment;
    private final String librarySource;
    private final OrtInferenceEngine engine;
    private final HardwareProbe probe;

    private OnnxRuntime(OrtEnvironment environment, String librarySource, int intraOpThreads) {
        this.environment = environment;
        this.librarySource = librarySource;
        this.engine = new OrtInferenceEngine(List.of(new EmbeddingFolderLoader(environment, intraOpThreads),
                new GenAiFolderLoader(environment, intraOpThreads),
                new WhisperFolderLoader(environment, intraOpThreads)));
        this.probe = new OrtHardwareProbe(environment);
    }

    public static OnnxRuntime start(FoundryHome home, ServiceSettings settings) {
        return start(OrtConfig.from(home, settings));
    }

    /** Loads the library and creates the environment; fails with a message saying what to change. */
    public static OnnxRuntime start(OrtConfig config) {
        Objects.requireNonNull(config, "config");
        try {
            NativeAccess.requireEnabled(OnnxRuntime.class.getModule());
            TokenizerLibrary.pin();
            LibraryLocation.Choice choice = LibraryLocation.choose(config.explicitLibrary(), config.environment(),
                    config.nativeDirectory(), BundledLibrary.forThisPlatform());
            OrtLibrary library = OrtLibraryLoader.load(choice.library());
            OrtEnvironment environment = OrtEnvironment.create(library,
                    new EnvironmentOptions(config.loggingLevel(), "jfoundry", 0, 0));
            return new OnnxRuntime(environment, choice.source(), config.intraOpThreads());
        } catch (EngineFailureException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineFailureException("ONNX Runtime could not start: " + e.getMessage(), e);
        }
    }

    /** The engine named {@code ort}. */
    public InferenceEngine inferenceEngine() {
        return engine;
    }

    public HardwareProbe hardwareProbe() {
        return probe;
    }

    /** For engines inside this module (text generation) that open their own sessions. */
    public OrtEnvironment environment() {
        return environment;
    }

    public OrtLibrary library() {
        return environment.library();
    }

    /** Where the library came from, for the start-up log: settings, environment variable or bundled. */
    public String librarySource() {
        return librarySource;
    }

    /** Closes every session still open, then the environment. */
    @Override
    public void close() {
        environment.close();
    }
}
