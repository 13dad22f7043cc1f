package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.settings.EngineChoice;
import org.jfoundry.ports.testing.FakeInferenceEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineChoiceTest {

    private final CoreFixture fixture = new CoreFixture();
    private final FakeInferenceEngine genai = new FakeInferenceEngine("genai");
    private final FakeInferenceEngine ort = new FakeInferenceEngine("ort");

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private void useEngines(FakeInferenceEngine... engines) {
        fixture.engines.clear();
        fixture.engines.addAll(List.of(engines));
    }

    private String engineFor(String id) {
        return fixture.core().load(id, LoadOptions.DEFAULT).engine();
    }

    @Test
    void autoPrefersGenaiWhenItIsAvailable() {
        useEngines(ort, genai);
        fixture.store.add("phi-generic-cpu:1", 10);

        assertThat(engineFor("phi-generic-cpu:1")).isEqualTo("genai");
    }

    @Test
    void autoFallsBackToOrtWhenGenaiIsUnavailable() {
        genai.unavailable("libonnxruntime-genai.so not found");
        useEngines(genai, ort);
        fixture.store.add("phi-generic-cpu:1", 10);

        assertThat(engineFor("phi-generic-cpu:1")).isEqualTo("ort");
    }

    @Test
    void autoFallsBackToOrtWhenGenaiCannotLoadTheFolderAndLaterRequestsUseOrt() {
        genai.failLoads("this folder's genai_config.json (type gpt2, separate key/value names) cannot make a generator");
        useEngines(genai, ort);
        fixture.store.add("phi-generic-cpu:1", 10);

        assertThat(engineFor("phi-generic-cpu:1")).isEqualTo("ort");
        assertThat(fixture.core().completeChat(CoreFixture.chat("phi-generic-cpu:1"),
                new org.jfoundry.ports.inference.CancellationSignal()).text()).isEqualTo("Hello from the fake engine.");
        assertThat(genai.loadCount(org.jfoundry.ports.model.ModelId.parse("phi-generic-cpu:1"))).isEqualTo(1);
    }

    @Test
    void anExplicitGenaiChoiceDoesNotFallBackWhenGenaiCannotLoad() {
        genai.failLoads("cannot make a generator");
        useEngines(genai, ort);
        fixture.settings = fixture.settings.withEngine(EngineChoice.GENAI, Map.of());
        fixture.store.add("phi-generic-cpu:1", 10);

        assertThatThrownBy(() -> engineFor("phi-generic-cpu:1")).isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("cannot make a generator");
    }

    @Test
    void embeddingModelsGoToOrt() {
        useEngines(genai, ort);
        fixture.store.add("minilm-generic-cpu:1", null, "embeddings", 10);

        assertThat(engineFor("minilm-generic-cpu:1")).isEqualTo("ort");
    }

    @Test
    void speechRecognitionModelsGoToOrt() {
        useEngines(genai, ort);
        fixture.store.add("whisper-tiny-en-generic-cpu:1", null, "automatic-speech-recognition", 10);

        assertThat(engineFor("whisper-tiny-en-generic-cpu:1")).isEqualTo("ort");
    }

    @Test
    void aSingleEngineServesEverything() {
        fixture.store.add("phi-generic-cpu:1", 10);
        fixture.store.add("minilm-generic-cpu:1", null, "embeddings", 10);

        assertThat(engineFor("phi-generic-cpu:1")).isEqualTo("fake");
        assertThat(engineFor("minilm-generic-cpu:1")).isEqualTo("fake");
    }

    @Test
    void aModelSetToGenaiFailsNamingWhyGenaiIsUnavailable() {
        genai.unavailable("libonnxruntime-genai.so not found");
        useEngines(genai, ort);
        fixture.settings = fixture.settings.withEngine(EngineChoice.AUTO, Map.of("phi", EngineChoice.GENAI));
        fixture.store.add("phi-generic-cpu:1", "phi", "chat-completion", 10);

        assertThatThrownBy(() -> engineFor("phi"))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("genai")
                .hasMessageContaining("libonnxruntime-genai.so not found");
        assertThat(genai.totalLoads()).isZero();
    }

    @Test
    void aPerModelOrtSettingBeatsTheGlobalChoice() {
        useEngines(genai, ort);
        fixture.settings = fixture.settings.withEngine(EngineChoice.GENAI, Map.of("phi-generic-cpu:1", EngineChoice.ORT));
        fixture.store.add("phi-generic-cpu:1", 10);
        fixture.store.add("qwen-generic-cpu:1", 10);

        assertThat(engineFor("phi-generic-cpu:1")).isEqualTo("ort");
        assertThat(engineFor("qwen-generic-cpu:1")).isEqualTo("genai");
    }
}
