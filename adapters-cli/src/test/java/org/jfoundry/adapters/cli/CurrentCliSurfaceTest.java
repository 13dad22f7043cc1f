package org.jfoundry.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.jfoundry.adapters.cli.service.StatusReport;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.jfoundry.adapters.cli.support.CliHarness.Result;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Foundry Local 0.10's verbs and options beside the legacy ones: each alias does exactly what the command it stands
 * for does (same output, exit code and calls to the service, from the same starting state), and the new ones work.
 */
class CurrentCliSurfaceTest {
    private static final String QWEN = "qwen2.5-0.5b-instruct-generic-cpu:3";

    @TempDir
    Path root;
    private int harnesses;

    private CliHarness fresh(Consumer<CliHarness> given) {
        CliHarness cli = new CliHarness(root.resolve("home" + harnesses++)).withCatalog();
        given.accept(cli);
        return cli;
    }

    /** Runs both spellings on twin harnesses and checks they behave the same; returns the newer one's result. */
    private Result sameAs(String[] current, String[] legacy, Consumer<CliHarness> given) {
        CliHarness newer = fresh(given);
        CliHarness older = fresh(given);
        Result got = newer.run(current);
        Result want = older.run(legacy);
        assertThat(got.exitCode()).as(String.join(" ", current)).isEqualTo(want.exitCode());
        assertThat(got.out()).as(String.join(" ", current))
                .isEqualTo(want.out().replace(root.resolve("home" + (harnesses - 1)).toString(),
                        root.resolve("home" + (harnesses - 2)).toString()));
        assertThat(newer.service.calls).isEqualTo(older.service.calls);
        assertThat(newer.service.running).isEqualTo(older.service.running);
        return got;
    }

    private static String[] args(String... args) {
        return args;
    }

    private static final Consumer<CliHarness> STOPPED = cli -> { };
    private static final Consumer<CliHarness> RUNNING = cli -> cli.service.running = true;

    @Test
    void serverStartIsServiceStart() {
        Result result = sameAs(args("server", "start"), args("service", "start"), STOPPED);
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void serverStartTakesThisRunsPortAndIdleTimeout() {
        CliHarness cli = fresh(STOPPED);

        Result result = cli.run("server", "start", "--port", "6000", "--idle-timeout", "5");

        assertThat(result.exitCode()).isZero();
        ServiceControl.StartOptions options = cli.service.startOptions.getFirst();
        assertThat(options).isEqualTo(new ServiceControl.StartOptions(6000, java.time.Duration.ofMinutes(5)));
        assertThat(options.arguments()).containsExactly("--port", "6000", "--idle-timeout-seconds", "300");
        assertThat(ServiceControl.StartOptions.NONE.arguments()).isEmpty();
    }

    @Test
    void anIdleTimeoutThatIsNotPositiveIsBadUsage() {
        CliHarness cli = fresh(STOPPED);

        Result result = cli.run("server", "start", "--idle-timeout", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--idle-timeout");
        assertThat(cli.service.running).isFalse();
        assertThat(fresh(STOPPED).run("server", "start", "--port", "70000").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void serverStopIsServiceStop() {
        sameAs(args("server", "stop"), args("service", "stop"), RUNNING);
    }

    @Test
    void serverRestartIsServiceRestart() {
        sameAs(args("server", "restart"), args("service", "restart"), RUNNING);
    }

    @Test
    void serverStatusIsServiceStatusRunningOrNot() {
        assertThat(sameAs(args("server", "status"), args("service", "status"), RUNNING).exitCode()).isZero();
        assertThat(sameAs(args("server", "status"), args("service", "status"), STOPPED).exitCode())
                .isEqualTo(ExitCode.SERVICE_NOT_RUNNING);
    }

    @Test
    void serverStatusAsJsonListsTheWebUrlsTheNewerClientsRead() {
        Result result = sameAs(args("server", "status", "--output", "json"), args("service", "status", "--json"), RUNNING);
        assertThat(result.out().strip()).isEqualTo(
                "{\"running\":true,\"url\":\"http://127.0.0.1:5272\",\"pid\":4242,\"webUrls\":[\"http://127.0.0.1:5272\"]}");
        assertThat(sameAs(args("server", "status", "-o", "json"), args("service", "status", "--json"), STOPPED).out().strip())
                .isEqualTo("{\"running\":false,\"url\":null,\"pid\":null,\"webUrls\":[]}");
    }

    @Test
    void theQuickStatusPathTakesEveryNewerSpelling() {
        CliHarness cli = fresh(RUNNING);
        for (String[] args : List.of(args("server", "status"), args("server", "status", "-o", "json"),
                args("server", "status", "--output", "json"), args("service", "status", "--output=json"))) {
            assertThat(StatusReport.isQuickStatus(args)).as(String.join(" ", args)).isTrue();
            StringWriter quick = new StringWriter();
            int code = StatusReport.print(cli.service, new PrintWriter(quick, true), StatusReport.wantsJson(args));
            Result full = cli.run(args);
            assertThat(quick.toString()).isEqualTo(full.out());
            assertThat(code).isEqualTo(full.exitCode());
        }
        assertThat(StatusReport.isQuickStatus(args("server", "status", "-o", "table"))).isFalse();
        assertThat(StatusReport.isQuickStatus(args("server", "logs"))).isFalse();
    }

    @Test
    void serverLogsPrintsTheEndOfTheServiceLog() throws IOException {
        CliHarness cli = fresh(STOPPED);
        Files.createDirectories(cli.home.serviceLog().getParent());
        Files.writeString(cli.home.serviceLog(), "one\ntwo\nthree\n");

        Result result = cli.run("server", "logs", "--lines", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("two", "three");
        assertThat(cli.run("service", "logs").outLines()).containsExactly("one", "two", "three");
    }

    @Test
    void serverLogsWithoutALogSaysSoInOneLine() {
        Result result = fresh(STOPPED).run("server", "logs");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err().strip()).startsWith("Error: No service log yet at").doesNotContain("\n");
        assertThat(fresh(STOPPED).run("server", "logs", "-n", "0").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void runIsModelRun() {
        Result result = sameAs(args("run", "qwen2.5-0.5b", "Say", "hello"), args("model", "run", "qwen2.5-0.5b", "Say", "hello"),
                STOPPED);
        assertThat(result.out()).isEqualTo("Hello there!\n");
    }

    @Test
    void chatIsModelRun() {
        Result result = sameAs(args("chat", "qwen2.5-0.5b", "Hi"), args("model", "run", "qwen2.5-0.5b", "Hi"), STOPPED);
        assertThat(result.out()).isEqualTo("Hello there!\n");
    }

    @Test
    void completeAnswersOnePromptWithOnlyTheAnswerOnStdout() {
        CliHarness cli = fresh(STOPPED);

        Result result = cli.run("complete", "qwen2.5-0.5b", "Say", "hello");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Hello there!\n");
        assertThat(cli.service.calls).containsExactly("download " + QWEN, "load " + QWEN + " ttl=default ep=null");
        assertThat(cli.service.conversations.getFirst().getFirst().content()).isEqualTo("Say hello");
        assertThat(sameAs(args("model", "complete", "qwen2.5-0.5b", "x"), args("complete", "qwen2.5-0.5b", "x"), STOPPED)
                .exitCode()).isZero();
    }

    @Test
    void completeWithoutAPromptIsBadUsageEvenOnATerminal() {
        CliHarness cli = fresh(cli2 -> cli2.terminal.inputIsTerminal = true);

        Result result = cli.run("complete", "qwen2.5-0.5b");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.service.calls).isEmpty();
    }

    @Test
    void configIsServiceSet() {
        Result shown = sameAs(args("config", "--show"), args("service", "set", "--show"), STOPPED);
        assertThat(shown.out()).contains("5272");
        CliHarness cli = fresh(STOPPED);
        assertThat(cli.run("config", "--port", "6001").exitCode()).isZero();
        assertThat(cli.settings.load().port()).isEqualTo(6001);
    }

    @Test
    void statusIsServiceDiag() {
        Result result = sameAs(args("status", "--lines", "1"), args("service", "diag", "--lines", "1"), STOPPED);
        assertThat(result.out()).contains("Engine fake: available");
    }

    @Test
    void modelListDeviceIsTheLegacyDeviceFilter() {
        Result result = sameAs(args("model", "list", "--device", "GPU"), args("model", "list", "--filter", "device=GPU"), RUNNING);
        assertThat(result.out()).contains("Phi-4-mini-instruct-cuda-gpu:1").doesNotContain("generic-cpu");
        assertThat(sameAs(args("model", "ls", "--device", "NPU"), args("model", "ls", "--filter", "device=NPU"), RUNNING).out())
                .isEqualTo("No models match the filter.\n");
    }

    @Test
    void modelListVariantsNamesTheAliasAndProviderOnEveryRow() {
        Result result = fresh(RUNNING).run("model", "list", "--variants");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line)
                .contains("phi-4-mini").contains("CUDAExecutionProvider").contains("Phi-4-mini-instruct-cuda-gpu:1"));
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line)
                .contains("phi-4-mini").contains("CPUExecutionProvider").contains("Phi-4-mini-instruct-generic-cpu:1"));
    }

    @Test
    void outputJsonIsTheLegacyJsonWhereverATableIsPrinted() {
        Consumer<CliHarness> given = cli -> {
            cli.service.running = true;
            cli.service.cached.add(ModelId.parse(QWEN));
            cli.service.loaded.put(ModelId.parse(QWEN), null);
        };
        for (List<String> command : List.of(List.of("model", "list"), List.of("model", "info", "qwen2.5-0.5b"),
                List.of("service", "ps"), List.of("server", "ps"), List.of("cache", "list"))) {
            String[] legacy = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--json"))
                    .toArray(String[]::new);
            for (List<String> spelling : List.of(List.of("-o", "json"), List.of("--output", "json"), List.of("--output=json"))) {
                String[] current = java.util.stream.Stream.concat(command.stream(), spelling.stream()).toArray(String[]::new);
                Result result = sameAs(current, legacy, given);
                assertThat(result.exitCode()).as(String.join(" ", current)).isZero();
                assertThat(result.out().strip()).as(String.join(" ", current)).matches("(?s)[\\[{].*");
            }
        }
    }

    @Test
    void anUnknownOutputFormatIsBadUsage() {
        Result result = fresh(RUNNING).run("model", "list", "-o", "yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("yaml");
    }
}
