package org.jfoundry.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.jfoundry.adapters.cli.support.CliHarness.Result;
import org.jfoundry.ports.model.CorruptCacheEntry;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCommandsTest {
    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(home);
        cli.store.with("Phi-4-mini-instruct-generic-cpu:1", "phi-4-mini").with("Handmade:1", null);
    }

    @Test
    void locationPrintsTheConfiguredCacheFolder() {
        assertThat(cli.run("cache", "location").out().strip())
                .isEqualTo("💾 Cache directory path: " + home.resolve("cache").resolve("models"));
    }

    @Test
    void listShowsCachedModelsWithoutStartingTheService() {
        Result result = cli.run("cache", "list");
        assertThat(result.outLines()).containsExactly(
                "Models cached on device:",
                "   Alias       Model ID",
                "💾 -           Handmade:1",
                "💾 phi-4-mini  Phi-4-mini-instruct-generic-cpu:1");
        assertThat(cli.service.starts).isZero();
    }

    @Test
    void listReportsBrokenFoldersOnStderrAndSaysSoWhenEmpty() {
        cli.store.models.clear();
        cli.store.corrupt.add(new CorruptCacheEntry(home.resolve("broken"), "no inference_model.json"));
        Result result = cli.run("cache", "list");
        assertThat(result.out().strip()).isEqualTo("No models cached on device");
        assertThat(result.err()).contains("broken: no inference_model.json");
    }

    @Test
    void listAsJson() {
        assertThat(cli.run("cache", "list", "--json").out())
                .contains("{\"alias\":\"phi-4-mini\",\"id\":\"Phi-4-mini-instruct-generic-cpu:1\"");
    }

    @Test
    void cdSavesTheNewFolderAndRestartsARunningService() {
        cli.service.running = true;
        Path target = home.resolve("elsewhere");

        Result result = cli.run("cache", "cd", target.toString());

        assertThat(result.out()).contains("💾 Cache directory path: " + target);
        assertThat(Files.isDirectory(target)).isTrue();
        assertThat(cli.settings.load().cacheDirectory()).isEqualTo(target);
        assertThat(cli.service.stops).isEqualTo(1);
        assertThat(cli.service.starts).isEqualTo(1);
    }

    @Test
    void cdLeavesAStoppedServiceStopped() {
        cli.run("cache", "cd", home.resolve("x").toString());
        assertThat(cli.service.starts).isZero();
    }

    @Test
    void removeNeedsYesWhenNotOnATerminal() {
        Result result = cli.run("cache", "remove", "phi-4-mini");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("pass --yes");
        assertThat(cli.store.models).hasSize(2);

        Result confirmed = cli.run("cache", "remove", "phi-4-mini", "--yes");
        assertThat(confirmed.exitCode()).isZero();
        assertThat(confirmed.out()).contains("Model Phi-4-mini-instruct-generic-cpu:1 was removed from the cache");
        assertThat(cli.store.models).extracting(m -> m.id().toString()).containsExactly("Handmade:1");
    }

    @Test
    void removeAsksOnATerminalAndKeepsTheModelOnNo() {
        cli.terminal.inputIsTerminal = true;
        cli.terminal.typing("n\n");
        Result result = cli.run("cache", "remove", "Handmade:1");
        assertThat(result.exitCode()).isEqualTo(ExitCode.CANCELLED);
        assertThat(result.out()).contains("Remove Handmade:1 from the cache? [y/N] ").contains("Nothing was removed.");
        assertThat(cli.store.models).hasSize(2);

        cli.terminal.typing("y\n");
        assertThat(cli.run("cache", "remove", "Handmade:1").exitCode()).isZero();
        assertThat(cli.store.models).hasSize(1);
    }

    @Test
    void removeRefusesALoadedModelUnlessToldToUnloadIt() {
        cli.service.running = true;
        ModelId phi = ModelId.parse("Phi-4-mini-instruct-generic-cpu:1");
        cli.service.loaded.put(phi, null);

        Result refused = cli.run("cache", "remove", "phi-4-mini", "--yes");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.MODEL_IN_USE);
        assertThat(refused.err().strip()).isEqualTo("Error: Model " + phi
                + " is loaded; unload it first (or ask to unload first). Pass --unload to unload it first.");
        assertThat(cli.store.models).hasSize(2);

        Result removed = cli.run("cache", "remove", "phi-4-mini", "--yes", "--unload");
        assertThat(removed.exitCode()).isZero();
        assertThat(cli.service.calls).containsExactly("remove phi-4-mini unload=false", "remove phi-4-mini unload=true");
        assertThat(cli.service.loaded).isEmpty();
        assertThat(cli.store.models).hasSize(1);
    }

    @Test
    void removeAsksTheServiceToDeleteStartingItWhenNeededAndDeletesNothingItself() {
        Result removed = cli.run("cache", "remove", "Phi-4-mini-instruct-generic-cpu", "--yes");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(cli.service.starts).isEqualTo(1);
        assertThat(cli.service.calls).containsExactly("remove Phi-4-mini-instruct-generic-cpu unload=false");
        assertThat(removed.out()).contains("Model Phi-4-mini-instruct-generic-cpu:1 was removed from the cache");
    }

    @Test
    void removeOfAnUnknownModelExitsWithModelNotFound() {
        cli.service.running = true;
        Result result = cli.run("cache", "remove", "nothing", "--yes");
        assertThat(result.exitCode()).isEqualTo(ExitCode.MODEL_NOT_FOUND);
        assertThat(result.err().strip()).isEqualTo("Error: Model 'nothing' is not in the cache");
        assertThat(cli.store.models).hasSize(2);
    }

    @Test
    void removeOfANameSeveralCachedModelsAnswerToSaysWhichInOneLineAndRemovesNone() {
        cli.service.running = true;
        cli.store.with("Phi-4-mini-instruct-cuda-gpu:1", "phi-4-mini");

        Result result = cli.run("cache", "remove", "phi-4-mini", "--yes");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("names several cached models").contains("name one by its id");
        assertThat(cli.store.models).hasSize(3);
    }
}
