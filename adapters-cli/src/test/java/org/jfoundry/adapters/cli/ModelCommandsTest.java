package org.jfoundry.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.jfoundry.adapters.cli.support.CliHarness.Result;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {
    static final ModelId PHI_CPU = ModelId.parse("Phi-4-mini-instruct-generic-cpu:1");
    static final ModelId PHI_CUDA = ModelId.parse("Phi-4-mini-instruct-cuda-gpu:1");
    static final ModelId QWEN = ModelId.parse("qwen2.5-0.5b-instruct-generic-cpu:3");
    /** As wide as the widest row. */
    static final String RULE = "-".repeat(94);

    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(home).withCatalog();
    }

    @Test
    void listStartsTheServiceWhenNeededAndGroupsVariantsUnderTheirAlias() {
        Result result = cli.run("model", "list");

        assertThat(cli.service.starts).isEqualTo(1);
        assertThat(result.err()).contains("🟢 Service is Started on http://127.0.0.1:5272/, PID 4242!");
        assertThat(result.outLines()).containsExactly(
                "Alias         Device  Task             File Size  License  Model ID",
                RULE,
                "phi-4-mini    CPU     chat-completion  4.66 GB    MIT      Phi-4-mini-instruct-generic-cpu:1",
                "              GPU     chat-completion  3.63 GB    MIT      Phi-4-mini-instruct-cuda-gpu:1",
                RULE,
                "qwen2.5-0.5b  CPU     chat-completion  822 MB     MIT      qwen2.5-0.5b-instruct-generic-cpu:3",
                RULE);
    }

    @Test
    void listFiltersByDeviceAliasWildcardAndNegation() {
        cli.service.running = true;
        assertThat(cli.run("model", "list", "--filter", "device=gpu").out())
                .contains(PHI_CUDA.toString()).doesNotContain(PHI_CPU.toString()).doesNotContain(QWEN.toString());
        assertThat(cli.run("model", "list", "--filter", "alias=qwen*").out())
                .contains(QWEN.toString()).doesNotContain("Phi-4");
        assertThat(cli.run("model", "list", "--filter", "provider=!cuda", "--filter", "alias=phi*").out())
                .contains(PHI_CPU.toString()).doesNotContain(PHI_CUDA.toString()).doesNotContain(QWEN.toString());
        assertThat(cli.run("model", "list", "--filter", "task=embeddings").out().strip()).isEqualTo("No models match the filter.");
    }

    @Test
    void listRefusesAnUnknownFilterKeyAsBadUsage() {
        cli.service.running = true;
        Result result = cli.run("model", "list", "--filter", "colour=red");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).startsWith("Error: unknown filter key 'colour'");
    }

    @Test
    void listAsJsonGivesTheCatalogShape() {
        cli.service.running = true;
        String json = cli.run("model", "list", "--json", "--filter", "alias=qwen*").out();
        assertThat(json).startsWith("[{\"name\":\"qwen2.5-0.5b-instruct-generic-cpu:3\"")
                .contains("\"runtime\":{\"deviceType\":\"CPU\",\"executionProvider\":\"CPUExecutionProvider\"}")
                .contains("\"alias\":\"qwen2.5-0.5b\"").contains("\"fileSizeMb\":822");
    }

    @Test
    void infoShowsTheVariantTheAliasResolvesToOnThisMachine() {
        cli.service.running = true;
        Result cpuOnly = cli.run("model", "info", "phi-4-mini");
        assertThat(cpuOnly.out()).contains("Model ID:          " + PHI_CPU).contains("Downloaded:        no");

        cli.service.providers = java.util.Set.of(ExecutionProvider.CPU, ExecutionProvider.CUDA);
        assertThat(cli.run("model", "info", "phi-4-mini").out()).contains("Model ID:          " + PHI_CUDA);
    }

    @Test
    void infoNamesTheVariantTheServiceWouldUseAndNeverASecondGuessOfItsOwn() {
        cli.service.running = true;
        cli.service.catalog.add(CliHarness.model("M-openvino-gpu:1", "m", DeviceType.GPU, ExecutionProvider.OPENVINO, 1));
        cli.service.catalog.add(CliHarness.model("M-tensorrt-gpu:2", "m", DeviceType.GPU, ExecutionProvider.TENSORRT, 1));
        cli.service.providers = java.util.Set.of(ExecutionProvider.CPU, ExecutionProvider.OPENVINO, ExecutionProvider.TENSORRT);

        Result info = cli.run("model", "info", "m");

        // The service's device policy: vendor GPUs rank alike, so the higher version wins.
        assertThat(info.out()).contains("Model ID:          M-tensorrt-gpu:2");
    }

    @Test
    void infoWithLicensePrintsTheLicenseText() {
        cli.service.running = true;
        assertThat(cli.run("model", "info", "qwen2.5-0.5b", "--license").outLines())
                .containsExactly("License: MIT", "The MIT license text.");
    }

    @Test
    void infoOfAnUnknownModelExitsWithModelNotFound() {
        cli.service.running = true;
        Result result = cli.run("model", "info", "no-such-model");
        assertThat(result.exitCode()).isEqualTo(ExitCode.MODEL_NOT_FOUND);
        assertThat(result.err().strip()).isEqualTo("Error: Model 'no-such-model' was not found in the catalog or the cache");
    }

    @Test
    void listSaysTheOnlineCatalogIsUnreachableAndNamesFoundryCatalogYetListsWhatCanBeServed() {
        cli.service.running = true;
        cli.service.unreachableCatalogSources.add("foundry: The Foundry catalog at https://ai.azure.com could not be read");

        Result result = cli.run("model", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("The online catalog could not be reached (foundry: The Foundry catalog at")
                .contains("FOUNDRY_CATALOG");
        assertThat(result.out()).contains(QWEN.toString());
    }

    @Test
    void aModelNotFoundWhileTheCatalogIsUnreachableSaysSoAndNamesFoundryCatalog() {
        cli.service.running = true;
        cli.service.unreachableCatalogSources.add("foundry: offline");

        for (String command : new String[] {"run", "download", "info"}) {
            Result result = command.equals("run") ? cli.run("model", "run", "no-such-model", "Hello")
                    : cli.run("model", command, "no-such-model");

            assertThat(result.exitCode()).as(command).isEqualTo(ExitCode.MODEL_NOT_FOUND);
            assertThat(result.err().strip()).as(command).startsWith("Error: Model 'no-such-model' was not found")
                    .contains("The online catalog could not be reached (foundry: offline)").contains("FOUNDRY_CATALOG");
            assertThat(result.err().strip().lines()).as(command).hasSize(1);
        }
    }

    @Test
    void aServiceStartedWithAnotherFoundryCatalogIsRestartedSoThatItReadsTheOneExportedNow() {
        cli.service.running = true;
        cli.service.startedWithCatalogVariable = "/old/catalog.json";
        cli.catalogVariable = "/new/catalog.json";

        Result result = cli.run("model", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("FOUNDRY_CATALOG is '/new/catalog.json' but the service started with"
                + " '/old/catalog.json': restarting it");
        assertThat(cli.service.stops).isEqualTo(1);
        assertThat(cli.service.starts).isEqualTo(1);
    }

    @Test
    void aServiceStartedWithTheSameFoundryCatalogIsLeftRunning() {
        cli.service.running = true;
        cli.service.startedWithCatalogVariable = "/same/catalog.json";
        cli.catalogVariable = "/same/catalog.json";

        cli.run("model", "list");

        assertThat(cli.service.stops).isZero();
    }

    @Test
    void downloadShowsPlainProgressLinesWhenOutputIsNotATerminal() {
        cli.service.running = true;
        Result result = cli.run("model", "download", "qwen2.5-0.5b");

        assertThat(result.exitCode()).isZero();
        assertThat(cli.service.calls).containsExactly("download " + QWEN);
        assertThat(result.outLines().getFirst()).isEqualTo("Downloading " + QWEN + "...");
        assertThat(result.out()).contains("10.00 %").contains("55.50 %").contains("100.00 %")
                .doesNotContain("\r").contains("🟢 Model " + QWEN + " downloaded successfully");
    }

    @Test
    void downloadRedrawsOneBarOnATerminal() {
        cli.service.running = true;
        cli.terminal.outputIsTerminal = true;
        Result result = cli.run("model", "download", "qwen2.5-0.5b");
        assertThat(result.out()).contains("\r[###...........................] 10.00 %")
                .contains("\r[##############################] 100.00 %");
    }

    @Test
    void downloadOfACachedModelDownloadsNothing() {
        cli.service.running = true;
        cli.service.cached.add(QWEN);
        assertThat(cli.run("model", "download", "qwen2.5-0.5b").out().strip())
                .isEqualTo("💾 Model " + QWEN + " is already downloaded.");
        assertThat(cli.service.calls).isEmpty();
    }

    @Test
    void loadPrintsTheOriginalLinesAndPassesTheTtl() {
        cli.service.running = true;
        cli.service.cached.add(PHI_CPU);

        Result result = cli.run("model", "load", "phi-4-mini", "--ttl", "120");

        assertThat(result.outLines()).containsExactly("🕓 Loading model...", "🟢 Model " + PHI_CPU + " loaded successfully");
        assertThat(cli.service.calls).containsExactly("load " + PHI_CPU + " ttl=120 ep=null");
    }

    @Test
    void loadPrefersTheDownloadedVariantOverABetterOne() {
        cli.service.running = true;
        cli.service.providers = java.util.Set.of(ExecutionProvider.CPU, ExecutionProvider.CUDA);
        cli.service.cached.add(PHI_CPU);
        cli.run("model", "load", "phi-4-mini");
        assertThat(cli.service.loaded).containsOnlyKeys(PHI_CPU);
    }

    @Test
    void loadOfAModelThatIsNotDownloadedSaysHowToDownloadIt() {
        cli.service.running = true;
        Result result = cli.run("model", "load", "qwen2.5-0.5b");
        assertThat(result.exitCode()).isEqualTo(ExitCode.MODEL_NOT_FOUND);
        assertThat(result.err()).contains("foundry model download " + QWEN);
        assertThat(cli.service.calls).isEmpty();
    }

    @Test
    void unloadFindsTheLoadedModelByAliasAndPassesForce() {
        cli.service.running = true;
        cli.service.loaded.put(PHI_CPU, null);

        Result result = cli.run("model", "unload", "phi-4-mini", "--force");

        assertThat(result.out().strip()).isEqualTo("🔴 Model " + PHI_CPU + " was unloaded");
        assertThat(cli.service.calls).containsExactly("unload " + PHI_CPU + " force=true");
    }

    @Test
    void unloadOfAModelThatIsNotLoadedFails() {
        cli.service.running = true;
        Result result = cli.run("model", "unload", "qwen2.5-0.5b");
        assertThat(result.exitCode()).isEqualTo(ExitCode.MODEL_NOT_FOUND);
        assertThat(result.err().strip()).isEqualTo("Error: Model 'qwen2.5-0.5b' is not loaded.");
    }

    @Test
    void unloadWithoutAServiceExitsWithThree() {
        assertThat(cli.run("model", "unload", "x").exitCode()).isEqualTo(ExitCode.SERVICE_NOT_RUNNING);
        assertThat(cli.service.starts).isZero();
    }

    @Test
    void importSendsTheAbsoluteFileToTheServiceAndNamesTheImportedVariant() throws java.io.IOException {
        cli.service.running = true;
        Path gguf = java.nio.file.Files.writeString(home.resolve("Tiny.Q4_1.gguf"), "GGUF");

        Result result = cli.run("model", "import", gguf.toString(), "--precision", "fp32", "--alias", "tiny");

        assertThat(result.exitCode()).isZero();
        assertThat(cli.service.calls).containsExactly("import " + gguf + " alias=tiny precision=fp32");
        assertThat(result.outLines().getFirst()).isEqualTo("Importing Tiny.Q4_1.gguf as tiny (fp32)...");
        assertThat(result.out()).contains("100.00 %")
                .contains("🟢 Model tiny-generic-fp32-cpu:1 imported; run it with 'foundry model run tiny'");
    }

    @Test
    void anImportedModelLoadsByTheAliasItWasImportedWith() throws java.io.IOException {
        cli.service.running = true;
        Path gguf = java.nio.file.Files.writeString(home.resolve("Tiny.Q4_1.gguf"), "GGUF");
        cli.run("model", "import", gguf.toString(), "--alias", "tiny");

        Result result = cli.run("model", "load", "tiny");

        assertThat(result.exitCode()).isZero();
        assertThat(cli.service.calls).contains("load tiny-generic-cpu:1 ttl=default ep=null");
        assertThat(cli.run("model", "load", "no-such-alias").exitCode()).isEqualTo(ExitCode.MODEL_NOT_FOUND);
    }

    @Test
    void importOfAMissingFileSaysSoInOneLineWithoutStartingTheService() {
        Result result = cli.run("model", "import", home.resolve("absent.gguf").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).isEqualTo("Error: cannot read " + home.resolve("absent.gguf") + ": no such file");
        assertThat(cli.service.starts).isZero();
    }

    @Test
    void importRefusesAnUnknownPrecisionInOneLine() throws java.io.IOException {
        Path gguf = java.nio.file.Files.writeString(home.resolve("Tiny.gguf"), "GGUF");

        Result result = cli.run("model", "import", gguf.toString(), "--precision", "int8");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).isEqualTo("Error: precision 'int8' is not int4 or fp32");
    }

    @Test
    void importReportsWhatTheServiceRefusedInOneLine() throws java.io.IOException {
        cli.service.running = true;
        Path gguf = java.nio.file.Files.writeString(home.resolve("Tiny.gguf"), "GGUF");
        cli.service.importFailure = "unsupported architecture 'mamba' in Tiny.gguf (llama, qwen2 and mistral are)";

        Result result = cli.run("model", "import", gguf.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err().strip()).isEqualTo("Error: unsupported architecture 'mamba' in Tiny.gguf (llama, qwen2 and mistral are)");
    }
}
