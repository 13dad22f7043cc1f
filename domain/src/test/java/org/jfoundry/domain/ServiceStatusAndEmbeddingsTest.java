package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.in.ServiceStatus;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.EmbeddingRequest;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.inference.TextCompletionRequest;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.testing.FakeInferenceEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceStatusAndEmbeddingsTest {

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void theStatusShowsTheCacheProvidersLoadedCountAndEngines() {
        fixture.engines.add(new FakeInferenceEngine("genai").unavailable("no GenAI library"));
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.CUDA));
        fixture.store.add("phi-generic-cpu:1", 10);
        fixture.core().load("phi-generic-cpu:1", LoadOptions.DEFAULT);

        ServiceStatus status = fixture.core().serviceStatus();

        assertThat(status.modelDirectory()).isEqualTo(Path.of("/fake-home/cache/models"));
        assertThat(status.availableProviders()).containsExactlyInAnyOrder(ExecutionProvider.CPU, ExecutionProvider.CUDA);
        assertThat(status.loadedModels()).isEqualTo(1);
        assertThat(status.engines()).containsExactly("fake: available", "genai: unavailable (no GenAI library)");
    }

    @Test
    void embeddingsLoadTheEmbeddingModelOnDemand() {
        fixture.store.add("minilm-generic-cpu:1", "minilm", "embeddings", 10);

        EmbeddingResult result = fixture.core().createEmbeddings(
                new EmbeddingRequest("minilm", List.of("one text", "another text here"), null), new CancellationSignal());

        assertThat(result.vectors()).hasSize(2);
        assertThat(result.promptTokens()).isEqualTo(5);
        assertThat(fixture.core().listLoaded()).hasSize(1);
    }

    @Test
    void askingATextModelForEmbeddingsIsAClearBadRequest() {
        fixture.store.add("phi-generic-cpu:1", 10);

        assertThatThrownBy(() -> fixture.core().createEmbeddings(
                new EmbeddingRequest("phi-generic-cpu:1", List.of("x"), null), new CancellationSignal()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not produce embeddings");
        assertThat(fixture.core().listLoaded().getFirst().inFlightRequests()).isZero();
    }

    @Test
    void aTextCompletionStreamsAndHonoursMaxTokens() {
        fixture.store.add("phi-generic-cpu:1", 10);
        List<String> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();

        var done = fixture.core().completeText(new TextCompletionRequest("phi-generic-cpu:1", "Once upon",
                org.jfoundry.ports.inference.GenerationParameters.defaults().withMaxTokens(3), null), chunks::add,
                new CancellationSignal());

        assertThat(chunks).containsExactly("Hello", " from", " the");
        assertThat(done.finishReason()).isEqualTo(org.jfoundry.ports.inference.FinishReason.LENGTH);
        assertThat(done.usage().promptTokens()).isEqualTo(2);
    }
}
