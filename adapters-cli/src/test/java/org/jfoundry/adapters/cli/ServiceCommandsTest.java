package org.jfoundry.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfoundry.adapters.cli.service.StatusReport;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.jfoundry.adapters.cli.support.CliHarness.Result;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.settings.EngineChoice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCommandsTest {
    /** The regex the Foundry Local SDKs use to find the service URL in the status output. */
    static final Pattern SDK_URL = Pattern.compile("http://(?:[a-zA-Z0-9.-]+|\\d{1,3}(\\.\\d{1,3}){3}):\\d+");

    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(home);
    }

    @Test
    void statusOfARunningServicePrintsTheLineTheSdksParse() {
        cli.service.running = true;

        Result result = cli.run("service", "status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(
                "🟢 Model management service is running on http://127.0.0.1:5272/openai/status\n");
        Matcher url = SDK_URL.matcher(result.out());
        assertThat(url.find()).isTrue();
        assertThat(url.group()).isEqualTo("http://127.0.0.1:5272");
        assertThat(Pattern.compile("is running on (http://.*)\\s+").matcher(result.out()).find()).isTrue();
    }

    @Test
    void statusOfAStoppedServiceSaysHowToStartItAndExitsWithThree() {
        Result result = cli.run("service", "status");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE_NOT_RUNNING);
        assertThat(result.outLines()).containsExactly("🔴 Model management service is not running!",
                "To start the service, run the following command: foundry service start");
        assertThat(SDK_URL.matcher(result.out()).find()).isFalse();
    }

    @Test
    void statusAsJsonNamesUrlAndPid() {
        cli.service.running = true;
        assertThat(cli.run("service", "status", "--json").out().strip())
                .isEqualTo("{\"running\":true,\"url\":\"http://127.0.0.1:5272\",\"pid\":4242,\"webUrls\":[\"http://127.0.0.1:5272\"]}");
        cli.service.running = false;
        assertThat(cli.run("service", "status", "--json").out().strip())
                .isEqualTo("{\"running\":false,\"url\":null,\"pid\":null,\"webUrls\":[]}");
    }

    @Test
    void theQuickStatusPathPrintsExactlyWhatTheCommandPrints() {
        for (boolean running : new boolean[] {true, false}) {
            cli.service.running = running;
            for (String[] args : new String[][] {{"service", "status"}, {"service", "status", "--json"}}) {
                assertThat(StatusReport.isQuickStatus(args)).isTrue();
                StringWriter quick = new StringWriter();
                int quickCode = StatusReport.print(cli.service, new PrintWriter(quick, true), StatusReport.wantsJson(args));
                Result full = cli.run(args);
                assertThat(quick.toString()).isEqualTo(full.out());
                assertThat(quickCode).isEqualTo(full.exitCode());
            }
        }
        assertThat(StatusReport.isQuickStatus(new String[] {"service", "status", "--help"})).isFalse();
    }

    @Test
    void startSaysStartedThenAlreadyRunning() {
        Result first = cli.run("service", "start");
        Result second = cli.run("service", "start");

        assertThat(first.out().strip()).isEqualTo("🟢 Service is Started on http://127.0.0.1:5272/, PID 4242!");
        assertThat(second.out().strip()).isEqualTo("🟢 Service is already running on http://127.0.0.1:5272/.");
        assertThat(cli.service.starts).isEqualTo(1);
    }

    @Test
    void stopEndsARunningServiceAndIsHarmlessWhenNoneRuns() {
        cli.service.running = true;
        assertThat(cli.run("service", "stop").out()).contains("Service is stopped (PID 4242)");
        assertThat(cli.service.running).isFalse();

        Result again = cli.run("service", "stop");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("not running");
    }

    @Test
    void restartStopsThenStarts() {
        cli.service.running = true;
        Result result = cli.run("service", "restart");
        assertThat(result.outLines()).containsExactly("🔴 Service is stopped (PID 4242).",
                "🟢 Service is Started on http://127.0.0.1:5272/, PID 4242!");
        assertThat(cli.service.stops).isEqualTo(1);
        assertThat(cli.service.starts).isEqualTo(1);
    }

    @Test
    void psListsLoadedModelsWithTheirAliases() {
        cli.withCatalog();
        cli.service.running = true;
        cli.service.loaded.put(ModelId.parse("Phi-4-mini-instruct-generic-cpu:1"), null);
        cli.service.loaded.put(ModelId.parse("Handmade-model:2"), null);

        Result result = cli.run("service", "ps");

        assertThat(result.outLines()).containsExactly(
                "Models running in service:",
                "    Alias       Model ID",
                "🟢  phi-4-mini  Phi-4-mini-instruct-generic-cpu:1",
                "🟢  -           Handmade-model:2");
    }

    @Test
    void psSaysSoWhenNothingIsLoadedAndPrintsJsonOnRequest() {
        cli.withCatalog();
        cli.service.running = true;
        assertThat(cli.run("service", "ps").out().strip()).isEqualTo("No models are currently loaded in the service");

        cli.service.loaded.put(ModelId.parse("qwen2.5-0.5b-instruct-generic-cpu:3"), null);
        assertThat(cli.run("service", "ps", "--json").out().strip())
                .isEqualTo("[{\"alias\":\"qwen2.5-0.5b\",\"id\":\"qwen2.5-0.5b-instruct-generic-cpu:3\"}]");
    }

    @Test
    void psWithoutAServiceFailsWithOneLineAndExitCodeThree() {
        Result result = cli.run("service", "ps");
        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE_NOT_RUNNING);
        assertThat(result.err().lines().toList()).hasSize(1);
        assertThat(result.err()).contains("not running");
    }

    @Test
    void setPersistsThePortInTheSettingsFileAndRestartsARunningService() throws Exception {
        cli.service.running = true;

        Result result = cli.run("service", "set", "--port", "6000", "--cachedir", home.resolve("other").toString());

        assertThat(result.exitCode()).isZero();
        String file = Files.readString(cli.home.settingsFile());
        assertThat(file).contains("\"serviceSettings\"").contains("\"port\" : 6000")
                .contains("\"cacheDirectoryPath\" : \"" + home.resolve("other") + "\"")
                .contains("\"defaultSecondsForModelTTL\" : 600");
        assertThat(cli.settings.load().port()).isEqualTo(6000);
        assertThat(cli.service.stops).isEqualTo(1);
        assertThat(cli.service.starts).isEqualTo(1);
    }

    @Test
    void setWithTheSameValuesChangesNothingAndRestartsNothing() {
        cli.service.running = true;
        cli.run("service", "set", "--port", "5272");
        assertThat(cli.service.stops).isZero();
        assertThat(Files.exists(cli.home.settingsFile())).isFalse();
    }

    @Test
    void setShowPrintsTheSettingsJson() {
        Result result = cli.run("service", "set", "--ttl", "30", "--show");
        assertThat(result.out()).contains("💾 Settings saved.").contains("\"defaultSecondsForModelTTL\" : 30")
                .contains("\"host\" : \"127.0.0.1\"");
        assertThat(cli.service.starts).isZero();
    }

    @Test
    void setChoosesTheEngineKeepingPerModelChoicesAndRefusesAnUnknownOne() throws Exception {
        cli.settings.save(cli.settings.load().withEngine(EngineChoice.AUTO, Map.of("phi", EngineChoice.GENAI)));

        Result result = cli.run("service", "set", "--engine", "ort");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(cli.settings.load().engine()).isEqualTo(EngineChoice.ORT);
        assertThat(cli.settings.load().engines()).containsEntry("phi", EngineChoice.GENAI);
        assertThat(Files.readString(cli.home.settingsFile())).contains("\"engine\" : \"ort\"");

        Result unknown = cli.run("service", "set", "--engine", "cuda");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("engine must be genai, ort or auto");
        assertThat(cli.settings.load().engine()).isEqualTo(EngineChoice.ORT);
    }

    @Test
    void setRefusesAnImpossiblePortAsBadUsage() {
        Result result = cli.run("service", "set", "--port", "70000");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("port must be between 0 and 65535");
        assertThat(Files.exists(cli.home.settingsFile())).isFalse();
    }

    @Test
    void listeningBeyondLoopbackWithoutAKeyIsRefused() {
        Result result = cli.run("service", "set", "--host", "0.0.0.0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().lines().toList()).hasSize(1);
        assertThat(result.err()).contains("--api-key").contains("--insecure");
        assertThat(Files.exists(cli.home.settingsFile())).isFalse();
    }

    @Test
    void listeningBeyondLoopbackWithAKeyOrInsecureWarns() {
        Result keyed = cli.run("service", "set", "--host", "0.0.0.0", "--api-key", "k3y");

        assertThat(keyed.exitCode()).isZero();
        assertThat(keyed.out()).contains("reachable from other machines");
        assertThat(cli.settings.load().apiKey()).isEqualTo("k3y");
        Result insecure = cli.run("service", "set", "--host", "192.168.1.5", "--api-key", "", "--insecure");
        assertThat(insecure.exitCode()).isZero();
        assertThat(insecure.out()).contains("with no API key");
        assertThat(cli.settings.load().host()).isEqualTo("192.168.1.5");
    }

    @Test
    void loopbackAddressesNeedNoKey() {
        assertThat(cli.run("service", "set", "--host", "::1").exitCode()).isZero();
        assertThat(cli.run("service", "set", "--host", "localhost").exitCode()).isZero();
        assertThat(cli.run("service", "set", "--host", "127.0.0.2").exitCode()).isZero();
        assertThat(cli.run("service", "set", "--host", "my-laptop").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void diagPrintsVersionsStateProvidersAndTheLogTail() throws Exception {
        Files.createDirectories(cli.home.logsDirectory());
        Files.writeString(cli.home.serviceLog(), "line one\nline two\nthe last line\n");
        cli.service.running = true;

        Result result = cli.run("service", "diag", "--lines", "2");

        assertThat(result.out()).contains("Java:").contains("Service:        running on http://127.0.0.1:5272 (PID 4242)")
                .contains("Service EPs:    CPUExecutionProvider").contains("Engine fake: available")
                .contains("  line two\n  the last line").doesNotContain("line one");
    }

    @Test
    void runningTheServiceInTheForegroundRefusesWhenOneAlreadyRuns() {
        cli.service.running = true;
        Result result = cli.run("service", "run");
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err()).contains("already running");
        assertThat(cli.hostStarts).isEmpty();
    }
}
