package org.jfoundry.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.client.ServiceUnreachable;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.jfoundry.adapters.cli.support.CliHarness.Result;
import org.jfoundry.ports.failure.ModelInUseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorHandlingTest {
    @TempDir
    Path home;

    @Test
    void aFailureIsOneLineAndStacktraceShowsMore() {
        CliHarness cli = new CliHarness(home).withCatalog();
        cli.service.running = true;

        Result plain = cli.run("model", "info", "missing");
        assertThat(plain.err().lines().toList()).hasSize(1);

        Result traced = cli.run("model", "info", "missing", "--stacktrace");
        assertThat(traced.err().lines().count()).isGreaterThan(3);
        assertThat(traced.err()).contains("ModelNotFoundException").contains("\tat ");
    }

    @Test
    void anUnknownCommandOrOptionIsBadUsage() {
        CliHarness cli = new CliHarness(home);
        assertThat(cli.run("service", "staart").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.run("model", "list", "--colour").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void helpListsTheExitCodes() {
        Result help = new CliHarness(home).run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:").containsPattern("\\n  3 +The service is not running or did not answer\\n")
                .contains("model").contains("service").contains("cache");
    }

    @Test
    void serviceFailuresMapToNamedExitCodes() {
        assertThat(ErrorReporter.exitCodeOf(new ServiceError(400,
                "No OpenAIService provider found for modelName:x"))).isEqualTo(ExitCode.MODEL_NOT_FOUND);
        assertThat(ErrorReporter.exitCodeOf(new ServiceError(404, "not found"))).isEqualTo(ExitCode.MODEL_NOT_FOUND);
        assertThat(ErrorReporter.exitCodeOf(new ServiceError(409, "busy"))).isEqualTo(ExitCode.MODEL_IN_USE);
        assertThat(ErrorReporter.exitCodeOf(new ServiceError(500, "boom"))).isEqualTo(ExitCode.FAILURE);
        assertThat(ErrorReporter.exitCodeOf(new ServiceUnreachable("gone", null))).isEqualTo(ExitCode.SERVICE_NOT_RUNNING);
        assertThat(ErrorReporter.exitCodeOf(new ModelInUseException("loaded"))).isEqualTo(ExitCode.MODEL_IN_USE);
        assertThat(ErrorReporter.exitCodeOf(new IllegalStateException("?"))).isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void versionComesFromTheBuild() {
        Result version = new CliHarness(home).run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("foundry (jfoundry) ").contains("Java " + Runtime.version());
    }

    @Test
    void everyCommandTellsTheSameVersion() {
        String root = new CliHarness(home).run("--version").out();
        for (String[] command : new String[][] {{"model", "list", "-V"}, {"service", "status", "--version"},
                {"cache", "remove", "-V"}, {"config", "--version"}}) {
            assertThat(new CliHarness(home).run(command).out()).isEqualTo(root);
        }
    }
}
