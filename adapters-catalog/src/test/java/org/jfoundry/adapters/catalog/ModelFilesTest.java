package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFilesTest {
    private static RemoteFile file(String path, long size) {
        return new RemoteFile(path, URI.create("http://mirror/" + path), size, null);
    }

    @Test
    void aModelOneFolderDownIsLiftedToTheRoot() {
        ModelFiles files = new ModelFiles(List.of(file("cpu-int4/genai_config.json", 1), file("cpu-int4/model.onnx", 2)));

        assertThat(files.rootedAtModel().files()).extracting(RemoteFile::path)
                .containsExactly("genai_config.json", "model.onnx");
    }

    @Test
    void aModelAlreadyAtTheRootKeepsItsFolders() {
        ModelFiles files = new ModelFiles(List.of(file("genai_config.json", 1), file("sub/data.bin", 2)));

        assertThat(files.rootedAtModel().files()).extracting(RemoteFile::path)
                .containsExactly("genai_config.json", "sub/data.bin");
    }

    @Test
    void aModelFolderBesideOtherFilesBecomesTheRootAndTheOthersAreLeftOut() {
        ModelFiles files = new ModelFiles(List.of(file("README.md", 1), file("cpu/int4/genai_config.json", 1),
                file("cpu/int4/model.onnx", 2), file("cpu/int4/sub/extra.bin", 3), file("cpu/notes.txt", 1)));

        assertThat(files.rootedAtModel().files()).extracting(RemoteFile::path)
                .containsExactly("genai_config.json", "model.onnx", "sub/extra.bin");
    }

    @Test
    void twoCandidateModelFoldersLeaveTheListAlone() {
        ModelFiles files = new ModelFiles(List.of(file("cpu/genai_config.json", 1), file("cuda/genai_config.json", 1)));

        assertThat(files.rootedAtModel()).isEqualTo(files);
    }

    @Test
    void anEmbeddingModelIsRootedAtItsModelOnnx() {
        ModelFiles files = new ModelFiles(List.of(file("onnx/model.onnx", 1), file("onnx/tokenizer.json", 1), file("LICENSE", 1)));

        assertThat(files.rootedAtModel().files()).extracting(RemoteFile::path).containsExactly("model.onnx", "tokenizer.json");
    }

    @Test
    void theTotalIsUnknownWhenAnySizeIs() {
        assertThat(new ModelFiles(List.of(file("a", 1), file("b", 2))).knownTotalBytes()).isEqualTo(3);
        assertThat(new ModelFiles(List.of(file("a", 1), file("b", -1))).knownTotalBytes()).isEqualTo(-1);
    }

    @Test
    void pathsFromServersCannotLeaveTheModelFolder() {
        assertThatThrownBy(() -> file("../outside", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> file("a/../../outside", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> file("/etc/passwd", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafePaths.resolveInside(Path.of("/cache/model"), "x//y")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SafePaths.resolveInside(Path.of("/cache/model"), "./sub\\file")).isEqualTo(Path.of("/cache/model/sub/file"));
    }

    @Test
    void aListingWithTheSamePathTwiceIsRefused() {
        assertThatThrownBy(() -> new ModelFiles(List.of(file("a", 1), file("a", 1)))).isInstanceOf(IllegalArgumentException.class);
    }
}
