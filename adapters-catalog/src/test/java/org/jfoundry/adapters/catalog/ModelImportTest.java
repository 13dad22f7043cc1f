package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelImport;
import org.jfoundry.ports.out.ModelImporter;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foundry model import}'s adapter: a local file converted into the cache in one step. */
class ModelImportTest {
    @TempDir
    Path home;
    Path cache;
    Path gguf;
    final FakeConverter converter = new FakeConverter();
    ModelImporter importer;

    @BeforeEach
    void setUp() throws IOException {
        cache = home.resolve("cache/models");
        gguf = home.resolve("downloads/My-Model.Q4_1.gguf");
        Files.createDirectories(gguf.getParent());
        byte[] bytes = Fixtures.randomBytes(50_000, 4);
        System.arraycopy("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        Files.write(gguf, bytes);
        importer = ModelDownloaders.importer(ServiceSettings.defaults(home), Map.of("gguf", converter));
    }

    private static ModelImport request(Path source, WeightPrecision precision) {
        return new ModelImport(source, new ModelId("my-model-generic-cpu", "1"), "my-model", precision);
    }

    @Test
    void convertsTheFileIntoTheCacheUnderItsAlias() throws IOException {
        List<DownloadProgress> progress = new CopyOnWriteArrayList<>();

        CachedModel cached = importer.importModel(request(gguf, WeightPrecision.FP32), progress::add, new CancellationSignal());

        Path target = cache.resolve("imported/my-model-generic-cpu-1/v1");
        assertThat(cached.id()).isEqualTo(new ModelId("my-model-generic-cpu", "1"));
        assertThat(cached.alias()).isEqualTo("my-model");
        assertThat(cached.task()).isEqualTo("chat-completion");
        assertThat(cached.folder()).isEqualTo(target);
        assertThat(target.resolve("model.onnx")).hasSameBinaryContentAs(gguf);
        assertThat(converter.requests).singleElement().satisfies(r -> assertThat(r.precision()).isEqualTo(WeightPrecision.FP32));
        assertThat(ModelLayout.stagingFor(target)).doesNotExist();
        assertThat(progress.getLast().percent()).isEqualTo(100.0);
    }

    @Test
    void refusesAFileNoConverterReadsAndLeavesTheCacheAlone() throws IOException {
        Path text = Files.writeString(home.resolve("notes.gguf"), "not a model");

        assertThatThrownBy(() -> importer.importModel(request(text, WeightPrecision.INT4), null, new CancellationSignal()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("notes.gguf is not a model file this service can import (it reads gguf)");
        assertThat(cache).doesNotExist();
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> importer.importModel(request(home.resolve("absent.gguf"), WeightPrecision.INT4), null,
                new CancellationSignal()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("absent.gguf: no such file");
    }

    @Test
    void leavesNothingInTheCacheWhenTheConverterRefuses() {
        converter.refuse("unsupported tensor type IQ2_XXS in blk.0.attn_q.weight");

        assertThatThrownBy(() -> importer.importModel(request(gguf, WeightPrecision.INT4), null, new CancellationSignal()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("unsupported tensor type IQ2_XXS in blk.0.attn_q.weight");
        assertThat(cache.resolve("imported")).doesNotExist();
    }

    @Test
    void refusesToOverwriteAModelAlreadyImported() {
        importer.importModel(request(gguf, WeightPrecision.INT4), null, new CancellationSignal());

        assertThatThrownBy(() -> importer.importModel(request(gguf, WeightPrecision.INT4), null, new CancellationSignal()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("already in the cache");
        assertThat(converter.requests).hasSize(1);
    }
}
