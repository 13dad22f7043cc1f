package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.in.ImportModelRequest;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelState;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportTest {

    private final CoreFixture fixture = new CoreFixture();
    @TempDir
    Path folder;
    Path gguf;

    @BeforeEach
    void file() throws IOException {
        gguf = Files.writeString(folder.resolve("SmolLM2-135M-Instruct.Q4_1.gguf"), "GGUF");
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void anImportedFileIsCachedUnderItsFileNameAndLoadsByThatAlias() {
        CachedModel cached = fixture.core().importModel(new ImportModelRequest(gguf, null, null), null, null);

        assertThat(cached.id()).isEqualTo(ModelId.parse("smollm2-135m-instruct.q4_1-generic-cpu:1"));
        assertThat(cached.alias()).isEqualTo("smollm2-135m-instruct.q4_1");
        assertThat(fixture.core().load("smollm2-135m-instruct.q4_1", LoadOptions.DEFAULT).id()).isEqualTo(cached.id());
    }

    @Test
    void aFloat32ImportIsAVariantOfItsOwn() {
        CachedModel int4 = fixture.core().importModel(new ImportModelRequest(gguf, "smol", WeightPrecision.INT4), null, null);
        CachedModel fp32 = fixture.core().importModel(new ImportModelRequest(gguf, "smol", WeightPrecision.FP32), null, null);

        assertThat(int4.id()).isEqualTo(ModelId.parse("smol-generic-cpu:1"));
        assertThat(fp32.id()).isEqualTo(ModelId.parse("smol-generic-fp32-cpu:1"));
    }

    @Test
    void aVariantAlreadyCachedIsNotImportedAgain() {
        fixture.core().importModel(new ImportModelRequest(gguf, "smol", null), null, null);

        assertThatThrownBy(() -> fixture.core().importModel(new ImportModelRequest(gguf, "smol", null), null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("smol-generic-cpu:1 is already in the cache");
    }

    @Test
    void aModelBeingImportedIsReportedAsDownloadingUntilItIsCached() throws Exception {
        fixture.downloader.hold();
        CompletableFuture<CachedModel> importing = fixture.async(() ->
                fixture.core().importModel(new ImportModelRequest(gguf, "smol", null), null, new CancellationSignal()));
        assertThat(fixture.downloader.awaitHeld(1, CoreFixture.WAIT)).isTrue();
        ModelId id = ModelId.parse("smol-generic-cpu:1");

        assertThat(fixture.core().state(id)).isEqualTo(ModelState.DOWNLOADING);
        fixture.downloader.release();
        assertThat(importing.get(30, TimeUnit.SECONDS).id()).isEqualTo(id);
        assertThat(fixture.core().state(id)).isEqualTo(ModelState.CACHED);
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> new ImportModelRequest(Path.of("relative.gguf"), null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new ImportModelRequest(gguf, "a/b", null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ImportModelRequest.precision("int8"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("precision 'int8' is not int4 or fp32");
        assertThatThrownBy(() -> fixture.core().importModel(new ImportModelRequest(folder.resolve("absent.gguf"), null, null),
                null, null)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("no such file");
    }
}
