package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CacheScan;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path home;

    private Path cache() {
        return home.resolve("cache/models");
    }

    private ModelStore store() {
        return ModelStores.create(ServiceSettings.defaults(home));
    }

    private Path generative(String relative, String inferenceModelJson) throws IOException {
        Path folder = Files.createDirectories(cache().resolve(relative));
        Files.writeString(folder.resolve("genai_config.json"), "{\"model\":{}}");
        Files.write(folder.resolve("model.onnx"), new byte[1000]);
        if (inferenceModelJson != null) {
            Files.writeString(folder.resolve("inference_model.json"), inferenceModelJson);
        }
        return folder;
    }

    @Test
    void theCacheLocationComesFromSettings() {
        assertThat(store().cacheDirectory()).isEqualTo(cache().toAbsolutePath().normalize());
    }

    @Test
    void anEmptyOrMissingCacheHoldsNoModels() {
        CacheScan scan = store().scan();

        assertThat(scan.models()).isEmpty();
        assertThat(scan.corrupt()).isEmpty();
    }

    @Test
    void aModelPlacedByHandIsListedWithItsIdAliasTemplateAndSize() throws IOException {
        Path folder = generative("Microsoft/Phi-4-mini-instruct-generic-cpu-1/v1",
                "{\"Name\":\"Phi-4-mini-instruct-generic-cpu:1\",\"Alias\":\"phi-4-mini\",\"Task\":\"chat-completion\","
                        + "\"PromptTemplate\":{\"user\":\"<|user|>{Content}<|end|>\"}}");

        CachedModel model = store().scan().models().getFirst();

        assertThat(model.id()).isEqualTo(new ModelId("Phi-4-mini-instruct-generic-cpu", "1"));
        assertThat(model.alias()).isEqualTo("phi-4-mini");
        assertThat(model.task()).isEqualTo("chat-completion");
        assertThat(model.promptTemplate().user()).isEqualTo("<|user|>{Content}<|end|>");
        assertThat(model.folder()).isEqualTo(folder.toAbsolutePath().normalize());
        long expected = Files.size(folder.resolve("genai_config.json")) + 1000 + Files.size(folder.resolve("inference_model.json"));
        assertThat(model.sizeBytes()).isEqualTo(expected);
        assertThat(store().find(new ModelId("Phi-4-mini-instruct-generic-cpu", "1"))).isPresent();
    }

    @Test
    void withoutANameTheIdComesFromTheFolderNames() throws IOException {
        generative("Microsoft/qwen2.5-0.5b-instruct-generic-cpu-3/v3", "{\"PromptTemplate\":{}}");

        CachedModel model = store().scan().models().getFirst();

        assertThat(model.id()).isEqualTo(new ModelId("qwen2.5-0.5b-instruct-generic-cpu", "3"));
        assertThat(model.promptTemplate()).isNull();
    }

    @Test
    void anEmbeddingModelWithoutGenaiConfigCountsWhenItsTaskSaysSo() throws IOException {
        Path folder = Files.createDirectories(cache().resolve("local/all-MiniLM-L6-v2-1/v1"));
        Files.write(folder.resolve("model.onnx"), new byte[10]);
        Files.writeString(folder.resolve("inference_model.json"), "{\"Name\":\"all-MiniLM-L6-v2:1\",\"Task\":\"embeddings\"}");

        CachedModel model = store().scan().models().getFirst();

        assertThat(model.isEmbeddingModel()).isTrue();
        assertThat(model.id().name()).isEqualTo("all-MiniLM-L6-v2");
    }

    @Test
    void aWhisperFolderCountsAsASpeechModelAndWithoutWhisperJsonIsReported() throws IOException {
        String json = "{\"Name\":\"whisper-tiny-en-generic-cpu:1\",\"Task\":\"automatic-speech-recognition\"}";
        Path whisper = Files.createDirectories(cache().resolve("jfoundry/whisper-tiny-en-generic-cpu-1/v1"));
        Files.writeString(whisper.resolve("whisper.json"), "{}");
        Files.write(whisper.resolve("encoder.onnx"), new byte[10]);
        Files.writeString(whisper.resolve("inference_model.json"), json);
        Path broken = Files.createDirectories(cache().resolve("jfoundry/whisper-broken-1/v1"));
        Files.write(broken.resolve("encoder.onnx"), new byte[10]);
        Files.writeString(broken.resolve("inference_model.json"), json.replace("tiny-en-generic-cpu", "broken"));

        CacheScan scan = store().scan();

        assertThat(scan.models()).singleElement().satisfies(model -> {
            assertThat(model.isSpeechRecognitionModel()).isTrue();
            assertThat(model.id().name()).isEqualTo("whisper-tiny-en-generic-cpu");
        });
        assertThat(scan.corrupt()).singleElement().satisfies(entry -> assertThat(entry.reason()).contains("whisper.json"));
    }

    @Test
    void aFolderStillDownloadingIsNeitherAModelNorCorrupt() throws IOException {
        Path folder = generative("Microsoft/Tiny-generic-cpu-1/v1.download", "{\"Name\":\"Tiny-generic-cpu:1\"}");
        Files.createFile(folder.resolve("download.tmp"));
        Path interrupted = generative("Microsoft/Other-generic-cpu-1/v1", "{\"Name\":\"Other-generic-cpu:1\"}");
        Files.createFile(interrupted.resolve("download.tmp"));

        CacheScan scan = store().scan();

        assertThat(scan.models()).isEmpty();
        assertThat(scan.corrupt()).isEmpty();
    }

    @Test
    void brokenFoldersAreReportedInsteadOfFailingTheScan() throws IOException {
        Path unreadable = generative("Microsoft/Broken-generic-cpu-1/v1", "{\"Name\": not json");
        Path noInfo = generative("Microsoft/NoInfo-generic-cpu-1/v1", null);
        Path noConfig = Files.createDirectories(cache().resolve("Microsoft/NoConfig-generic-cpu-1/v1"));
        Files.writeString(noConfig.resolve("inference_model.json"), "{\"Name\":\"NoConfig-generic-cpu:1\"}");
        Path badName = generative("Microsoft/BadName-1/v1", "{\"Name\":\"../../etc:1\"}");
        generative("Microsoft/Good-generic-cpu-1/v1", "{\"Name\":\"Good-generic-cpu:1\"}");

        CacheScan scan = store().scan();

        assertThat(scan.models()).extracting(m -> m.id().name()).containsExactly("Good-generic-cpu");
        assertThat(scan.corrupt()).extracting(c -> c.folder().toString()).containsExactlyInAnyOrder(
                unreadable.toString(), noInfo.toString(), noConfig.toString(), badName.toString());
        assertThat(scan.corrupt()).filteredOn(c -> c.folder().equals(unreadable))
                .singleElement().satisfies(c -> assertThat(c.reason()).contains("inference_model.json"));
        assertThat(scan.corrupt()).filteredOn(c -> c.folder().equals(noConfig))
                .singleElement().satisfies(c -> assertThat(c.reason()).contains("genai_config.json"));
    }

    @Test
    void twoFoldersClaimingOneIdKeepTheFirstAndReportTheOther() throws IOException {
        generative("A/Same-generic-cpu-1/v1", "{\"Name\":\"Same-generic-cpu:1\"}");
        Path second = generative("B/Same-generic-cpu-1/v1", "{\"Name\":\"Same-generic-cpu:1\"}");

        CacheScan scan = store().scan();

        assertThat(scan.models()).hasSize(1);
        assertThat(scan.corrupt()).singleElement().satisfies(c -> assertThat(c.folder()).isEqualTo(second));
    }

    @Test
    void removingAModelDeletesItsFolderAndEmptyParents() throws IOException {
        generative("Microsoft/Tiny-generic-cpu-1/v1", "{\"Name\":\"Tiny-generic-cpu:1\"}");
        generative("Microsoft/Kept-generic-cpu-1/v1", "{\"Name\":\"Kept-generic-cpu:1\"}");

        assertThat(store().remove(new ModelId("Tiny-generic-cpu", "1"))).isTrue();

        assertThat(cache().resolve("Microsoft/Tiny-generic-cpu-1")).doesNotExist();
        assertThat(cache().resolve("Microsoft")).isDirectory();
        assertThat(store().scan().models()).extracting(m -> m.id().name()).containsExactly("Kept-generic-cpu");
        assertThat(store().remove(new ModelId("Tiny-generic-cpu", "1"))).isFalse();
    }
}
