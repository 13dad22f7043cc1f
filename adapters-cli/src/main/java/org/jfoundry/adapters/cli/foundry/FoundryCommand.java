package org.jfoundry.adapters.cli.foundry;

import org.jfoundry.adapters.cli.CommandSpecs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/** {@code foundry}: the root command; it groups the model, service and cache commands, and {@code transcribe}. */
final class FoundryCommand {
    private FoundryCommand() {
    }

    /** The root's spec; {@code --stacktrace} reaches every command (the error reporter looks for it). */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command(new FoundryCommand(),
                "Run language and embedding models locally behind an OpenAI-compatible API.").name("foundry");
        spec.addOption(OptionSpec.builder("--stacktrace").type(boolean.class).scopeType(ScopeType.INHERIT)
                .description("On failure, print the whole stack trace instead of one line.").build());
        return spec;
    }
}
