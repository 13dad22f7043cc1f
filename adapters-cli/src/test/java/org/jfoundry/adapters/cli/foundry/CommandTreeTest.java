package org.jfoundry.adapters.cli.foundry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line builds the commands its arguments name, and all of them when they name none. */
class CommandTreeTest {
    @TempDir
    Path home;
    private CliHarness cli;

    @BeforeEach
    void harness() {
        cli = new CliHarness(home);
    }

    private CommandLine commandLineFor(String... args) {
        PrintWriter discard = new PrintWriter(new StringWriter());
        return FoundryCli.commandLine(cli.environment(), discard, discard, args);
    }

    @Test
    void aListingBuildsOnlyTheModelGroupAndItsListCommand() {
        CommandLine root = commandLineFor("--stacktrace", "model", "list", "--filter", "device=CPU");

        assertThat(root.getSubcommands().keySet()).containsExactly("model");
        assertThat(root.getSubcommands().get("model").getSubcommands().keySet()).containsExactlyInAnyOrder("list", "ls");
    }

    @Test
    void withoutArgumentsOrWithWordsThatNameNoCommandEveryCommandIsBuilt() {
        for (CommandLine root : new CommandLine[] {commandLineFor(), commandLineFor("--help"), commandLineFor("modle", "list")}) {
            assertThat(root.getSubcommands().keySet()).contains("model", "service", "server", "cache", "transcribe",
                    "run", "chat", "complete", "config", "status");
            assertThat(root.getSubcommands().get("model").getSubcommands().keySet()).contains("list", "info", "run", "import");
            assertThat(root.getSubcommands().get("service").getSubcommands().keySet()).contains("start", "status", "set");
        }
        CommandLine bareGroup = commandLineFor("cache", "frobnicate");
        assertThat(bareGroup.getSubcommands().keySet()).containsExactly("cache");
        assertThat(bareGroup.getSubcommands().get("cache").getSubcommands().keySet()).contains("location", "list", "cd", "remove");
    }

    @Test
    void aliasesAndTheNewerTopLevelVerbsNameTheirCommands() {
        assertThat(commandLineFor("server", "status").getSubcommands().keySet()).containsExactlyInAnyOrder("service", "server");
        CommandLine chat = commandLineFor("chat", "phi-4").getSubcommands().get("chat");
        assertThat(chat.getCommandSpec().userObject().getClass().getSimpleName()).isEqualTo("RunCommand");
        CommandLine status = commandLineFor("status").getSubcommands().get("status");
        assertThat(status.getCommandSpec().userObject().getClass().getSimpleName()).isEqualTo("DiagCommand");
    }

    @Test
    void theRootsInheritedOptionReachesACommandBuiltOnDemand() {
        CommandLine root = commandLineFor("model", "list", "--stacktrace");
        CommandLine list = root.getSubcommands().get("model").getSubcommands().get("list");

        assertThat(list.getCommandSpec().findOption("--stacktrace")).isNotNull();
        assertThat(root.parseArgs("model", "list", "--stacktrace").errors()).isEmpty();
    }
}
