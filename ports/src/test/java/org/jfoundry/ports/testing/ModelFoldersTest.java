package org.jfoundry.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFoldersTest {

    @TempDir
    Path cache;

    @Test
    void aFakeModelFolderFollowsTheFoundryLayoutAndHasTheRequestedSize() throws IOException {
        CachedModel model = ModelFolders.create(cache, "phi-generic-cpu:2", "phi", "chat-completion", 5_000_000);

        assertThat(model.folder()).isEqualTo(cache.resolve("Microsoft/phi-generic-cpu-2/v2"));
        assertThat(model.folder().resolve("genai_config.json")).isRegularFile();
        assertThat(Files.readString(model.folder().resolve("inference_model.json")))
                .contains("\"Name\":\"phi-generic-cpu:2\"").contains("{Content}");
        assertThat(Files.size(model.folder().resolve("model.onnx"))).isEqualTo(5_000_000);
        assertThat(model.alias()).isEqualTo("phi");
    }

    @Test
    void theFakeDownloaderWritesARealFolderWhenTheCacheExists() {
        FakeModelStore store = new FakeModelStore(cache);
        FakeModelDownloader downloader = new FakeModelDownloader(store);

        CachedModel model = downloader.download(
                FakeCatalogSource.variant("phi", "phi-generic-cpu:1", ExecutionProvider.CPU),
                progress -> { }, new CancellationSignal());

        assertThat(model.folder().resolve("genai_config.json")).isRegularFile();
        assertThat(store.contains(model.id())).isTrue();
        assertThat(downloader.callCount(model.id())).isEqualTo(1);
    }
}
