package org.jfoundry.adapters.ort.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.jfoundry.ports.failure.EngineFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenizerLibraryTest {

    @BeforeEach
    void forgetEarlierPins() {
        System.clearProperty(TokenizerLibrary.FLAVOUR);
        System.clearProperty(TokenizerLibrary.OFFLINE);
    }

    @Test
    void pinsTheCpuFlavourAndDjlsOfflineMode() {
        TokenizerLibrary.pin(Map.of());

        assertThat(System.getProperty("RUST_FLAVOR")).isEqualTo("cpu");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void refusesAnEnvironmentFlavourThatWouldDownloadACudaBuild() {
        assertThatThrownBy(() -> TokenizerLibrary.pin(Map.of("RUST_FLAVOR", "cu124")))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("RUST_FLAVOR=cu124 would make the tokenizer library download");
        assertThat(System.getProperty("RUST_FLAVOR")).isNull();
    }

    @Test
    void takesALibraryFileTheUserChoseWhateverTheFlavour() {
        TokenizerLibrary.pin(Map.of("RUST_FLAVOR", "cu124", "RUST_LIBRARY_PATH", "/opt/libtokenizers.so"));

        assertThat(System.getProperty("RUST_FLAVOR")).isEqualTo("cpu");
    }

    @Test
    void acceptsTheCpuFlavourInTheEnvironment() {
        TokenizerLibrary.pin(Map.of("RUST_FLAVOR", "cpu"));

        assertThat(System.getProperty("RUST_FLAVOR")).isEqualTo("cpu");
    }
}
