package org.jfoundry.adapters.cli.e2e;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code foundry} as separate processes from this module's test class path, the way the launcher does (the
 * service they start inherits that class path, so it finds the test engine), with a foundry home of the test's own.
 */
final class CliProcesses {
    static final String MAIN = "org.jfoundry.adapters.cli.boot.Main";

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    /** @param tokenDelayMillis how long the fake engine takes per token */
    CliProcesses(Path home, int tokenDelayMillis) {
        this.home = home;
        environment.put("FOUNDRY_HOME", home.toString());
        environment.put("FOUNDRY_ENGINE", "fake");
        environment.put("FOUNDRY_CATALOG", home.resolve("catalog.json").toString());
        environment.put(EnvironmentConfiguredFakeEngine.TOKEN_DELAY_VARIABLE, Integer.toString(tokenDelayMillis));
    }

    record Run(int exitCode, String out, String err) {
    }

    /** Sets a variable for every later command (and the service they start). */
    CliProcesses with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** The variables the commands get, for other programs that run {@code foundry} (the SDKs). */
    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** A started command whose output goes to files the test can read while it runs. */
    record Started(Process process, Path out, Path err) {
        String outSoFar() throws IOException {
            return Files.readString(out);
        }

        Run await() throws Exception {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("a foundry command did not finish; stderr: " + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    Run run(String stdin, String... args) throws Exception {
        return start(javaCommand(args), stdin).await();
    }

    Started start(List<String> command, String stdin) throws IOException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            builder.redirectInput(new File("/dev/null"));
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (stdin != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Started(process, out, err);
    }

    List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath(), MAIN));
        command.addAll(List.of(args));
        return command;
    }

    /** Surefire may run tests from a manifest-only jar; its property holds the real class path. */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** A local catalog with one chat model whose files are in a folder, and settings for a free port. */
    static void prepareHome(Path home, String modelId, String alias) throws IOException {
        Path source = Files.createDirectories(home.resolve("source").resolve(alias));
        Files.writeString(source.resolve("genai_config.json"), "{\"model\":{\"type\":\"fake\"}}");
        Files.writeString(source.resolve("tokenizer.json"), "{}");
        Files.writeString(home.resolve("catalog.json"), """
                [{"name":"%s","displayName":"%s","providerType":"AzureFoundry","uri":"%s",
                  "version":"1","modelType":"ONNX","promptTemplate":null,"publisher":"Microsoft","task":"chat-completion",
                  "runtime":{"deviceType":"CPU","executionProvider":"CPUExecutionProvider"},"fileSizeMb":1,
                  "modelSettings":{"parameters":[]},"alias":"%s","supportsToolCalling":false,"license":"MIT",
                  "licenseDescription":"test","parentModelUri":null,"maxOutputTokens":256,"minFLVersion":null}]
                """.formatted(modelId, modelId.substring(0, modelId.indexOf(':')), source.toUri(), alias));
        // Port 0: the service takes a free port, so parallel builds never collide; the URL is read from its output.
        Files.writeString(home.resolve("settings.json"), """
                {"serviceSettings":{"host":"127.0.0.1","port":0,"cacheDirectoryPath":"%s","defaultSecondsForModelTTL":600}}
                """.formatted(home.resolve("cache/models")));
    }
}
