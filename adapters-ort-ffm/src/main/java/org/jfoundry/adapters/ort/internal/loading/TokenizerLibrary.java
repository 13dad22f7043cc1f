package org.jfoundry.adapters.ort.internal.loading;

import java.util.Map;
import org.jfoundry.ports.failure.EngineFailureException;

/**
 * Pins DJL's tokenizer library to the CPU flavour inside its jar. Left alone, DJL picks a CUDA flavour on a machine
 * with CUDA libraries, which the jar does not hold, and downloads it at run time (offline, every model load fails);
 * jfoundry never downloads code. Call {@link #pin()} before the first tokenizer is created; it is cheap and idempotent.
 */
public final class TokenizerLibrary {
    /** DJL reads these as environment variables first, then as system properties. */
    static final String FLAVOUR = "RUST_FLAVOR";
    static final String LIBRARY_PATH = "RUST_LIBRARY_PATH";
    static final String OFFLINE = "ai.djl.offline";

    private TokenizerLibrary() {
    }

    public static void pin() {
        pin(System.getenv());
    }

    /**
     * Sets the CPU flavour and DJL's offline mode as system properties. A library path in the environment is a file
     * the user chose (nothing is downloaded); a non-CPU flavour in the environment would win over the property and
     * download, so it is refused.
     */
    static void pin(Map<String, String> environment) {
        String flavour = environment.get(FLAVOUR);
        boolean ownLibrary = environment.get(LIBRARY_PATH) != null && !environment.get(LIBRARY_PATH).isBlank();
        if (!ownLibrary && flavour != null && !flavour.isBlank() && !flavour.equals("cpu")) {
            throw new EngineFailureException(FLAVOUR + "=" + flavour + " would make the tokenizer library download its "
                    + flavour + " build at run time; unset it (jfoundry uses the CPU build in its jar) or set "
                    + LIBRARY_PATH + " to a library file");
        }
        System.setProperty(FLAVOUR, "cpu");
        System.setProperty(OFFLINE, "true");
    }
}
