package org.jfoundry.adapters.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./foundry} bash launcher, run against fake JDKs (a {@code release} file and a {@code java}
 * script that prints how it was called) and a fake {@code mvnw} that records builds, in a copy of the repository
 * layout. What runs is the real script.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("..", "foundry").toAbsolutePath().normalize();
    static final Path FIND_JDK = Path.of("..", "bin", "find-jdk").toAbsolutePath().normalize();

    @TempDir
    Path temp;
    Path root;
    Path jvms;
    Path builds;

    @BeforeEach
    void layOut() throws IOException {
        root = Files.createDirectories(temp.resolve("repo"));
        Files.copy(LAUNCHER, root.resolve("foundry"));
        Files.copy(FIND_JDK, Files.createDirectories(root.resolve("bin")).resolve("find-jdk"));
        jvms = Files.createDirectories(temp.resolve("jvm"));
        builds = temp.resolve("builds.log");
        // The fake build writes what the real one does: the jar and the class-path file.
        script(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "JAVA_HOME=$JAVA_HOME $*" >> "%s"
                mkdir -p adapters-cli/target
                touch adapters-cli/target/adapters-cli-0.1.0-SNAPSHOT.jar
                echo "/deps/a.jar:/deps/b.jar" > adapters-cli/target/foundry.classpath
                """.formatted(builds));
    }

    @Test
    void aJavaHomeOlderThan22IsPassedOverForTheNewestQualifyingJdk() throws Exception {
        fakeJdk("java-17-openjdk-amd64", "17.0.15");
        fakeJdk("jdk-22", "22.0.2");
        fakeJdk("temurin-25-jdk-amd64", "25.0.1");
        fakeJdk("temurin-23-jdk", "23");
        built();

        Result result = launch(Map.of("JAVA_HOME", jvms.resolve("java-17-openjdk-amd64").toString()), "service", "status");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("java 25.0.1 ");
    }

    @Test
    void aQualifyingJavaHomeIsUsedEvenWhenANewerJdkIsInstalled() throws Exception {
        fakeJdk("jdk-23", "23.0.1");
        fakeJdk("jdk-25", "25.0.1");
        built();

        Result result = launch(Map.of("JAVA_HOME", jvms.resolve("jdk-23").toString()), "--version");

        assertThat(result.out()).startsWith("java 23.0.1 ");
    }

    @Test
    void theCliRunsWithNativeAccessTheClassPathAndTheArguments() throws Exception {
        fakeJdk("jdk-25", "25.0.1");
        built();

        Result result = launch(Map.of(), "model", "run", "phi 4", "say hi");

        String jar = root.resolve("adapters-cli/target/adapters-cli-0.1.0-SNAPSHOT.jar").toString();
        assertThat(result.out()).contains(" --enable-native-access=ALL-UNNAMED ")
                .contains(" -XX:AOTCache=" + root.resolve("adapters-cli/target/foundry-cli.aot") + " ")
                .contains(" -cp " + jar + ":/deps/a.jar:/deps/b.jar org.jfoundry.adapters.cli.boot.Main ")
                .endsWith("|model|run|phi 4|say hi|\n");
    }

    @Test
    void withoutAQualifyingJdkItSaysWhatToInstall() throws Exception {
        fakeJdk("java-17-openjdk-amd64", "17.0.15");
        fakeJdk("jdk-21", "21.0.4");
        built();

        Result result = launch(Map.of("JAVA_HOME", jvms.resolve("jdk-21").toString()), "service", "status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).hasSize(1);
        assertThat(result.err()).contains("needs a JDK 22 or newer").contains("apt-get install openjdk-25-jdk-headless");
    }

    @Test
    void theFirstStartBuildsWithTheChosenJdkAndTheSecondDoesNot() throws Exception {
        fakeJdk("jdk-25", "25.0.1");

        Result first = launch(Map.of(), "service", "status");
        Result second = launch(Map.of(), "service", "status");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("building jfoundry");
        assertThat(second.err()).doesNotContain("building");
        assertThat(first.out()).startsWith("java 25.0.1 ");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(Files.readAllLines(builds)).containsExactly(
                "JAVA_HOME=" + jvms.resolve("jdk-25") + " -q -DskipTests -pl adapters-cli -am package");
    }

    @Test
    void onJdk25TheFirstRunAfterABuildTrainsTheAotCacheBeforeRunningTheCommand() throws Exception {
        fakeJdk("jdk-25", "25.0.1");
        built();
        Path cache = root.resolve("adapters-cli/target/foundry-cli.aot");
        // The fake java trains nothing unless told to: make it write the cache it is asked for.
        trainingWrites("jdk-25", "cache");

        Result result = launch(Map.of(), "model", "list");

        List<String> calls = Files.readAllLines(jvms.resolve("jdk-25/calls.log"));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).startsWith("-XX:AOTCacheOutput=" + cache + ".")
                .endsWith("org.jfoundry.adapters.cli.boot.AotTraining");
        assertThat(calls.get(1)).startsWith("-XX:AOTCache=" + cache + " ")
                .endsWith("org.jfoundry.adapters.cli.boot.Main model list");
        assertThat(Files.readString(cache)).isEqualTo("cache");
        assertThat(result.out()).endsWith("|model|list|\n");
        assertThat(Files.list(cache.getParent()).map(p -> p.getFileName().toString()))
                .as("no partial cache is left behind").containsExactlyInAnyOrder(
                        "foundry-cli.aot", "adapters-cli-0.1.0-SNAPSHOT.jar", "foundry.classpath");

        launch(Map.of(), "model", "list");
        assertThat(Files.readAllLines(jvms.resolve("jdk-25/calls.log"))).as("a current cache is not trained again")
                .hasSize(3);
    }

    @Test
    void aFailedTrainingLeavesAnEmptyCacheTheJvmIgnoresAndIsNotRetriedOnEveryRun() throws Exception {
        fakeJdk("jdk-25", "25.0.1");
        built();

        Result first = launch(Map.of(), "model", "list");
        Result second = launch(Map.of(), "model", "list");

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(root.resolve("adapters-cli/target/foundry-cli.aot")).isEmptyFile();
        assertThat(Files.readAllLines(jvms.resolve("jdk-25/calls.log"))).hasSize(3);
    }

    @Test
    void anAotCacheOlderThanTheJarIsTrainedAgain() throws Exception {
        fakeJdk("jdk-25", "25.0.1");
        Path cache = root.resolve("adapters-cli/target/foundry-cli.aot");
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "stale");
        Files.setLastModifiedTime(cache, java.nio.file.attribute.FileTime.fromMillis(0));
        built();
        trainingWrites("jdk-25", "fresh");

        launch(Map.of(), "model", "list");

        assertThat(Files.readString(cache)).isEqualTo("fresh");
    }

    @Test
    void beforeJdk25TheFirstRunAfterABuildTrainsTheClassArchiveWithServiceStatus() throws Exception {
        fakeJdk("jdk-24", "24.0.2");
        built();

        launch(Map.of(), "model", "list");

        // The fake java writes no archive, so every run here counts as the first after a build.
        List<String> calls = Files.readAllLines(jvms.resolve("jdk-24/calls.log"));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).endsWith("org.jfoundry.adapters.cli.boot.Main service status")
                .contains("-XX:+AutoCreateSharedArchive");
        assertThat(calls.get(1)).endsWith("org.jfoundry.adapters.cli.boot.Main model list")
                .startsWith("-XX:SharedArchiveFile=" + root.resolve("adapters-cli/target/foundry-cli.jsa") + " ");
    }

    @Test
    void aClassArchiveOlderThanTheJarIsDeletedSoThatTheJvmCreatesItAnew() throws Exception {
        fakeJdk("jdk-24", "24.0.2");
        Path archive = root.resolve("adapters-cli/target/foundry-cli.jsa");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "stale");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(0));
        built();

        launch(Map.of(), "model", "list");

        assertThat(archive).as("the JVM does not replace a mismatched archive itself").doesNotExist();
        assertThat(Files.readAllLines(jvms.resolve("jdk-24/calls.log"))).hasSize(2);
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedForItsVersion() throws Exception {
        Path home = Files.createDirectories(jvms.resolve("odd-jdk/bin"));
        script(home.resolve("java"), """
                #!/usr/bin/env bash
                if [ "$1" = "-version" ]; then echo 'openjdk version "24.0.2" 2025-07-15' >&2; exit 0; fi
                echo "odd java $*"
                """);
        built();

        assertThat(launch(Map.of(), "--help").out()).startsWith("odd java ");
    }

    @Test
    void aGpuBuildOfOnnxRuntimeRunsWithTheCudaLibrariesOfPipsNvidiaWheelsOnTheLoaderPath() throws Exception {
        fakeJdk("jdk-25", "25.0.1");
        built();
        Path ort = Files.createDirectories(temp.resolve("ortgpu"));
        Files.writeString(ort.resolve("libonnxruntime_providers_cuda.so"), "");
        Path site = temp.resolve("site-packages");
        Files.createDirectories(site.resolve("nvidia/cublas/lib"));
        Files.createDirectories(site.resolve("nvidia/cudnn/lib"));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        script(bin.resolve("python3"), "#!/usr/bin/env bash\necho '" + site + "'\n");

        launch(Map.of("FOUNDRY_ORT_LIBRARY", ort.resolve("libonnxruntime.so").toString(),
                "PATH", bin + ":" + System.getenv("PATH"), "LD_LIBRARY_PATH", "/already/there"), "service", "status");

        assertThat(Files.readString(jvms.resolve("jdk-25/library-path.txt")).strip()).isEqualTo(
                site.resolve("nvidia/cublas/lib") + ":" + site.resolve("nvidia/cudnn/lib") + ":/already/there");
    }

    @Test
    void cudaLibrariesNamedInTheEnvironmentGoFirstAndTheCpuBuildGetsNoneOtherwise() throws Exception {
        fakeJdk("jdk-25", "25.0.1");
        built();

        launch(Map.of("FOUNDRY_CUDA_LIBRARY_PATH", "/opt/cuda13/lib"), "service", "status");
        String named = Files.readString(jvms.resolve("jdk-25/library-path.txt")).strip();
        launch(Map.of("FOUNDRY_ORT_LIBRARY", temp.resolve("libonnxruntime.so").toString()), "service", "status");
        String cpuBuild = Files.readString(jvms.resolve("jdk-25/library-path.txt")).strip();

        assertThat(named).isEqualTo("/opt/cuda13/lib");
        assertThat(cpuBuild).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    record Result(int exitCode, String out, String err) {
    }

    private void fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        Files.writeString(jvms.resolve(name).resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        // Prints its version, its flags, and the arguments after the main class between bars, so spaces show.
        script(home.resolve("java"), """
                #!/usr/bin/env bash
                echo "$*" >> "$(dirname "$0")/../calls.log"
                echo "${LD_LIBRARY_PATH:-}" > "$(dirname "$0")/../library-path.txt"
                printf 'java %s' "%s"
                while [ $# -gt 0 ]; do
                  case "$1" in
                    org.jfoundry.adapters.cli.boot.Main) printf ' %%s |' "$1"; shift; for a in "$@"; do printf '%%s|' "$a"; done; break ;;
                    *) printf ' %%s' "$1" ;;
                  esac
                  shift
                done
                printf '\\n'
                """.formatted("%s", version));
    }

    /** Makes the fake JDK's java write {@code content} where {@code -XX:AOTCacheOutput=} tells it, as a training run does. */
    private void trainingWrites(String jdk, String content) throws IOException {
        Path java = jvms.resolve(jdk).resolve("bin/java");
        String text = Files.readString(java);
        int afterShebang = text.indexOf('\n') + 1;
        Files.writeString(java, text.substring(0, afterShebang)
                + "case \"$1\" in -XX:AOTCacheOutput=*) printf '%s' > \"${1#-XX:AOTCacheOutput=}\" ;; esac\n".formatted(content)
                + text.substring(afterShebang));
    }

    private void built() throws IOException {
        Path target = Files.createDirectories(root.resolve("adapters-cli/target"));
        Files.writeString(target.resolve("adapters-cli-0.1.0-SNAPSHOT.jar"), "");
        Files.writeString(target.resolve("foundry.classpath"), "/deps/a.jar:/deps/b.jar\n");
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result launch(Map<String, String> environment, String... args) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("foundry").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("JAVA_HOME");
        List.of("LD_LIBRARY_PATH", "FOUNDRY_ORT_LIBRARY", "FOUNDRY_CUDA_LIBRARY_PATH").forEach(builder.environment()::remove);
        builder.environment().put("FOUNDRY_JVM_DIR", jvms.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
