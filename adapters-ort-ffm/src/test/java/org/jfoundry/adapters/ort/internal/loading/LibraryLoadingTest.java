package org.jfoundry.adapters.ort.internal.loading;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.internal.bindings.OrtApiBase;
import org.jfoundry.adapters.ort.runtime.OrtLibrary;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LibraryLoadingTest {
    private static MemorySegment versionText;

    static MemorySegment noApi(int version) {
        return MemorySegment.NULL;
    }

    static MemorySegment oldVersion() {
        return versionText;
    }

    @Test
    void aLibraryOlderThanTheBoundApiIsRefusedNamingBothVersions() throws Exception {
        // A stand-in OrtApiBase whose GetApi(23) answers NULL, as ONNX Runtime 1.16 does.
        try (Arena arena = Arena.ofConfined()) {
            versionText = arena.allocateFrom("1.16.3");
            Linker linker = Linker.nativeLinker();
            MemorySegment getApi = linker.upcallStub(MethodHandles.lookup().findStatic(LibraryLoadingTest.class,
                    "noApi", MethodType.methodType(MemorySegment.class, int.class)),
                    FunctionDescriptor.of(ADDRESS, JAVA_INT), arena);
            MemorySegment getVersion = linker.upcallStub(MethodHandles.lookup().findStatic(LibraryLoadingTest.class,
                    "oldVersion", MethodType.methodType(MemorySegment.class)), FunctionDescriptor.of(ADDRESS), arena);
            MemorySegment base = arena.allocate(OrtApiBase.LAYOUT);
            base.set(ADDRESS, 0, getApi);
            base.set(ADDRESS, 8, getVersion);

            assertThatThrownBy(() -> OrtLibraryLoader.requireApi(base, Path.of("/opt/old/libonnxruntime.so")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ONNX Runtime 1.16.3")
                    .hasMessageContaining("API version 23")
                    .hasMessageContaining("/opt/old/libonnxruntime.so");
        }
    }

    @Test
    void theBundledLibraryReportsItsVersionAndLoadingItAgainReturnsTheSameLibrary() {
        OrtLibrary library = TestRuntime.get().library();
        assertThat(library.version()).isEqualTo("1.26.0");
        assertThat(library.apiVersion()).isEqualTo(23);
        assertThat(OrtLibraryLoader.load(library.path())).isSameAs(library);
    }

    @Test
    void aDifferentLibraryCannotReplaceTheOneLoaded(@TempDir Path directory) throws Exception {
        TestRuntime.get();
        Path other = Files.write(directory.resolve("libonnxruntime.so"), new byte[] {0x7f, 'E', 'L', 'F'});
        assertThatThrownBy(() -> OrtLibraryLoader.load(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already loaded");
    }

    @Test
    void nativeAccessIsCheckedAndTheExactFlagIsNamed() {
        NativeAccess.requireEnabled(OnnxRuntime.class.getModule()); // surefire passes the flag
        assertThat(NativeAccess.missingFlagMessage(OnnxRuntime.class.getModule()))
                .contains("--enable-native-access=ALL-UNNAMED");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void startingWithoutTheNativeAccessFlagFailsNamingIt(@TempDir Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartInChildProcess.class.getName(), home.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("--enable-native-access=ALL-UNNAMED");
        assertThat(process.exitValue()).isEqualTo(3);
    }
}
