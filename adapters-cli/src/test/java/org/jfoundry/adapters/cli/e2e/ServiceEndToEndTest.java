package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foundry} as a user runs it: separate CLI processes against a service really started in the background by
 * {@code foundry service start}, from this module's class path, serving with the fake engine
 * ({@code FOUNDRY_ENGINE=fake}) and a local catalog ({@code FOUNDRY_CATALOG}) whose model folder is downloaded
 * through the REST API like any other. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceEndToEndTest {
    static final Pattern SDK_URL = Pattern.compile("http://(?:[a-zA-Z0-9.-]+|\\d{1,3}(\\.\\d{1,3}){3}):\\d+");
    static final Pattern STARTED = Pattern.compile("🟢 Service is Started on (http://127\\.0\\.0\\.1:\\d+)/, PID (\\d+)!");
    static final String MODEL = "Fake-chat-generic-cpu:1";
    static final String ANSWER = "Hello from the fake engine.";

    @TempDir
    static Path home;
    CliProcesses foundry;
    String url;
    long pid;

    @BeforeAll
    void prepareHome() throws IOException {
        CliProcesses.prepareHome(home, MODEL, "fake-chat");
        // Slow enough that Ctrl+C lands in the middle of a reply, fast enough to keep the test short.
        foundry = new CliProcesses(home, 150);
    }

    @AfterAll
    void stopWhateverIsLeft() throws Exception {
        if (pid > 0) {
            Optional<ProcessHandle> left = ProcessHandle.of(pid);
            if (left.isPresent()) {
                cli(null, "service", "stop");
                left.ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    @Order(1)
    void statusBeforeStartSaysNotRunning() throws Exception {
        CliProcesses.Run status = cli(null, "service", "status");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.out()).startsWith("🔴 Model management service is not running!");
    }

    @Test
    @Order(2)
    void startLaunchesTheServiceInTheBackgroundAndReturnsOnceItAnswers() throws Exception {
        CliProcesses.Run start = cli(null, "service", "start");

        assertThat(start.exitCode()).as(start.toString()).isZero();
        Matcher started = STARTED.matcher(start.out());
        assertThat(started.find()).as(start.out()).isTrue();
        url = started.group(1);
        pid = Long.parseLong(started.group(2));
        assertThat(ProcessHandle.of(pid)).as("the service outlives the start command").isPresent();
        assertThat(Files.readString(home.resolve("service.pid"))).contains("pid=" + pid).contains("url=" + url);

        CliProcesses.Run again = cli(null, "service", "start");
        assertThat(again.out().strip()).isEqualTo("🟢 Service is already running on " + url + "/.");
    }

    @Test
    @Order(3)
    void statusPrintsTheLineTheSdksParse() throws Exception {
        CliProcesses.Run status = cli(null, "service", "status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out().strip()).isEqualTo("🟢 Model management service is running on " + url + "/openai/status");
        Matcher sdk = SDK_URL.matcher(status.out());
        assertThat(sdk.find()).isTrue();
        assertThat(sdk.group()).isEqualTo(url);
    }

    @Test
    @Order(4)
    void listShowsTheLocalCatalog() throws Exception {
        CliProcesses.Run list = cli(null, "model", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("fake-chat +CPU +chat-completion +1 MB +MIT +" + Pattern.quote(MODEL));
    }

    @Test
    @Order(5)
    void downloadFetchesTheModelIntoTheCache() throws Exception {
        CliProcesses.Run download = cli(null, "model", "download", "fake-chat");
        assertThat(download.exitCode()).as(download.toString()).isZero();
        assertThat(download.out()).contains("100.00 %").contains("🟢 Model " + MODEL + " downloaded successfully");

        CliProcesses.Run cached = cli(null, "cache", "list");
        assertThat(cached.out()).containsPattern("💾 fake-chat +" + Pattern.quote(MODEL));
    }

    @Test
    @Order(6)
    void loadThenPsShowsTheModel() throws Exception {
        CliProcesses.Run load = cli(null, "model", "load", "fake-chat", "--ttl", "0");
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.out()).contains("🟢 Model " + MODEL + " loaded successfully");

        CliProcesses.Run ps = cli(null, "service", "ps");
        assertThat(ps.out()).contains("Models running in service:").containsPattern("🟢  fake-chat +" + Pattern.quote(MODEL));
        assertThat(cli(null, "service", "ps", "--json").out().strip())
                .isEqualTo("[{\"alias\":\"fake-chat\",\"id\":\"" + MODEL + "\"}]");
    }

    @Test
    @Order(7)
    void runWithPipedInputAnswersOnceWithOnlyTheAnswerOnStdout() throws Exception {
        CliProcesses.Run run = cli("What do you say?\n", "model", "run", "fake-chat");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(ANSWER + "\n");
    }

    @Test
    @Order(8)
    void theInteractiveChatStreamsAndCtrlCCancelsOnlyTheReply() throws Exception {
        assumeTrue(onPath("python3"), "python3 drives the pseudo-terminal");
        Path steps = home.resolve("chat-steps.txt");
        Files.write(steps, List.of(
                "expect Type /exit to leave the chat.",
                "expect > ",
                "send Hi",
                "expect " + ANSWER,
                "expect > ",
                "send Tell me more",
                "expect Hello",
                "ctrl-c",
                "expect (cancelled)",
                "expect > ",
                "send /exit"));
        Path driver = home.resolve("pty_driver.py");
        try (InputStream script = getClass().getResourceAsStream("/pty_driver.py")) {
            Files.copy(script, driver);
        }
        List<String> command = new ArrayList<>(List.of("python3", driver.toString(), steps.toString()));
        command.addAll(foundry.javaCommand("model", "run", "fake-chat", "--verbose"));

        CliProcesses.Run chat = foundry.start(command, null).await();

        assertThat(chat.exitCode()).as(chat.toString()).isZero();
        assertThat(chat.out()).contains("Interactive Chat. Enter /? or /help for help.")
                .contains(ANSWER).contains("Time to first token:").contains("(cancelled)");
        CliProcesses.Run ps = cli(null, "service", "ps");
        assertThat(ps.out()).as("the service is unharmed by the cancelled reply").contains(MODEL);
    }

    @Test
    @Order(9)
    void cacheRemoveGoesThroughTheServiceWhichRefusesALoadedModelUnlessToldToUnloadIt() throws Exception {
        Path folder = home.resolve("cache/models/Microsoft/Fake-chat-generic-cpu-1");
        assertThat(folder).isDirectory();

        CliProcesses.Run refused = cli(null, "cache", "remove", "fake-chat", "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(5);
        assertThat(refused.err().strip()).isEqualTo("Error: Model " + MODEL
                + " is loaded; unload it first (or ask to unload first). Pass --unload to unload it first.");
        assertThat(folder).isDirectory();

        CliProcesses.Run unknown = cli(null, "cache", "remove", "no-such-model", "--yes");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(4);
        assertThat(unknown.err().strip()).isEqualTo("Error: Model 'no-such-model' is not in the cache");

        CliProcesses.Run removed = cli(null, "cache", "remove", "fake-chat", "--yes", "--unload");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("Model " + MODEL + " was removed from the cache");
        assertThat(folder).doesNotExist();
        assertThat(cli(null, "service", "ps").out()).doesNotContain(MODEL);
        assertThat(cli(null, "cache", "list").out()).doesNotContain(MODEL);
    }

    @Test
    @Order(10)
    void stopEndsTheServiceGracefully() throws Exception {
        CliProcesses.Run stop = cli(null, "service", "stop");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains("Service is stopped (PID " + pid + ")");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(home.resolve("service.pid")).doesNotExist();
        assertThat(Files.readString(home.resolve("logs/service.log"))).contains("listening on " + url)
                .contains("Service stopped.");
        assertThat(cli(null, "service", "status").exitCode()).isEqualTo(3);
    }

    @Test
    @Order(11)
    void aShutdownRequestStopsTheServiceAsSigtermDoes() throws Exception {
        CliProcesses.Run start = cli(null, "server", "start");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        Matcher started = STARTED.matcher(start.out());
        assertThat(started.find()).as(start.out()).isTrue();
        url = started.group(1);
        pid = Long.parseLong(started.group(2));

        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/shutdown"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(home.resolve("service.pid")).doesNotExist();
        assertThat(cli(null, "server", "logs", "-n", "5").out()).contains("Service stopped.");
        assertThat(cli(null, "server", "status").exitCode()).isEqualTo(3);
    }

    private CliProcesses.Run cli(String stdin, String... args) throws Exception {
        return foundry.run(stdin, args);
    }

    static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
