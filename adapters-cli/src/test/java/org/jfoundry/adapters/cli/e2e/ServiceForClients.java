package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real background service for client tests, started by {@code foundry service start} from a fresh foundry home:
 * the fake engine (deterministic: every answer is the same scripted text, so a streamed answer must equal the whole
 * one), a local catalog with a chat and an embedding model, both downloaded, and a {@code foundry} program on the
 * {@code PATH} given to clients, so SDKs that run {@code foundry service status} find this service.
 */
final class ServiceForClients implements AutoCloseable {
    static final String CHAT_ALIAS = "fake-chat";
    static final String CHAT_ID = "Fake-chat-generic-cpu:1";
    static final String EMBEDDING_ALIAS = "fake-embed";
    static final String EMBEDDING_ID = "Fake-embed-generic-cpu:1";
    static final String ANSWER = "Hello from the fake engine.";
    private static final Pattern STARTED = Pattern.compile("Service is Started on (http://127\\.0\\.0\\.1:\\d+)/, PID (\\d+)!");

    private final Path home;
    private final CliProcesses foundry;
    private final String url;
    private final long pid;

    private ServiceForClients(Path home, CliProcesses foundry, String url, long pid) {
        this.home = home;
        this.foundry = foundry;
        this.url = url;
        this.pid = pid;
    }

    /** Starts the service in {@code home} (empty) with a chat and an embedding model, both downloaded. */
    static ServiceForClients start(Path home) throws Exception {
        return start(home, Map.of());
    }

    /** The same, the service's fake engine configured by {@code engineEnvironment} (see EnvironmentConfiguredFakeEngine). */
    static ServiceForClients start(Path home, Map<String, String> engineEnvironment) throws Exception {
        ServiceForClients service = start(home, List.of(entry(home, CHAT_ID, CHAT_ALIAS, "chat-completion"),
                entry(home, EMBEDDING_ID, EMBEDDING_ALIAS, "embeddings")), engineEnvironment);
        service.download(CHAT_ID);
        service.download(EMBEDDING_ID);
        return service;
    }

    /**
     * Starts the service in {@code home} (empty) with these catalog entries (JSON objects), nothing downloaded. The
     * test catalog replaces the online one ({@code FOUNDRY_CATALOG}) and the built-in catalog is left out, so the
     * clients list exactly these entries.
     */
    static ServiceForClients start(Path home, List<String> catalogEntries) throws Exception {
        return start(home, catalogEntries, Map.of());
    }

    private static ServiceForClients start(Path home, List<String> catalogEntries,
                                           Map<String, String> engineEnvironment) throws Exception {
        Files.writeString(home.resolve("catalog.json"), "[" + String.join(",", catalogEntries) + "]");
        Files.writeString(home.resolve("settings.json"), """
                {"serviceSettings":{"host":"127.0.0.1","port":0,"cacheDirectoryPath":"%s","defaultSecondsForModelTTL":600,
                 "catalogSources":["foundry"]}}
                """.formatted(home.resolve("cache/models")));
        Path bin = Files.createDirectories(home.resolve("bin"));
        CliProcesses foundry = new CliProcesses(home, 0)
                .with("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        for (Map.Entry<String, String> variable : engineEnvironment.entrySet()) {
            foundry = foundry.with(variable.getKey(), variable.getValue());
        }
        writeFoundryProgram(bin.resolve("foundry"), foundry);

        CliProcesses.Run start = foundry.run(null, "service", "start");
        Matcher started = STARTED.matcher(start.out());
        assertThat(started.find()).as(start.toString()).isTrue();
        return new ServiceForClients(home, foundry, started.group(1), Long.parseLong(started.group(2)));
    }

    /** Downloads through {@code POST /openai/download} (quicker than a CLI process) and checks that it succeeded. */
    void download(String id) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/openai/download"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":{\"Name\":\"" + id + "\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).as("downloading " + id).endsWith("{\"success\":true,\"errorMessage\":null}");
        }
    }

    /** The service's base URL, without {@code /v1}. */
    String url() {
        return url;
    }

    Path home() {
        return home;
    }

    /** Where the cache keeps a downloaded model: {@code <cache>/<publisher>/<name>-<version>}. */
    Path modelFolder(String id) {
        return home.resolve("cache/models/Microsoft").resolve(id.replace(':', '-'));
    }

    /** What a client process needs: the foundry home, the test engine, and {@code foundry} on the PATH. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(foundry.environment());
        environment.put("JFOUNDRY_URL", url);
        return environment;
    }

    CliProcesses.Run cli(String... args) throws Exception {
        return foundry.run(null, args);
    }

    @Override
    public void close() throws Exception {
        Optional<ProcessHandle> left = ProcessHandle.of(pid);
        if (left.isPresent()) {
            foundry.run(null, "service", "stop");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A catalog entry whose files are a folder in the home, with everything Foundry's own catalog carries. */
    static String entry(Path home, String id, String alias, String task) throws IOException {
        return """
                {"name":"%s","displayName":"%s","providerType":"AzureFoundry","uri":"%s",
                  "version":"1","modelType":"ONNX","promptTemplate":null,"publisher":"Microsoft","task":"%s",
                  "runtime":{"deviceType":"CPU","executionProvider":"CPUExecutionProvider"},"fileSizeMb":1,
                  "modelSettings":{"parameters":[]},"alias":"%s","supportsToolCalling":false,"license":"MIT",
                  "licenseDescription":"test","parentModelUri":null,"maxOutputTokens":256,"minFLVersion":null}
                """.formatted(id, id.substring(0, id.indexOf(':')), modelFiles(home, alias).toUri(), task, alias);
    }

    /** The least a local catalog entry may be: a name with its version, and where the files are. */
    static String minimalEntry(Path home, String id) throws IOException {
        return """
                {"name":"%s","uri":"%s"}""".formatted(id, modelFiles(home, id.replace(':', '-')).toUri());
    }

    /** A model folder the fake engine serves. */
    private static Path modelFiles(Path home, String name) throws IOException {
        Path source = Files.createDirectories(home.resolve("source").resolve(name));
        Files.writeString(source.resolve("genai_config.json"), "{\"model\":{\"type\":\"fake\"}}");
        Files.writeString(source.resolve("tokenizer.json"), "{}");
        return source;
    }

    /** A {@code foundry} program that runs this module's CLI, as the launcher would, from the test class path. */
    private static void writeFoundryProgram(Path program, CliProcesses foundry) throws IOException {
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (String part : foundry.javaCommand()) {
            script.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Files.writeString(program, script);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
