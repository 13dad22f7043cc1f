package org.jfoundry.adapters.cli.foundry;

import org.jfoundry.adapters.cli.ManifestVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code foundry}: the root command; it groups the model, service and cache commands, and {@code transcribe}. */
@Command(name = "foundry", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Run language and embedding models locally behind an OpenAI-compatible API.")
public final class FoundryCommand {

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "On failure, print the whole stack trace instead of one line.")
    boolean stacktrace;
}
