package org.jfoundry.adapters.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command as its group lists it: the name and aliases it answers to, how to make its spec, and, for a group, the
 * commands under it. The command line makes only the specs of the commands its words name (see the foundry package's
 * command tree).
 */
public record CommandEntry(String name, List<String> aliases, Function<CliEnvironment, CommandSpec> spec,
                           List<CommandEntry> subcommands) {

    public static CommandEntry of(String name, Function<CliEnvironment, CommandSpec> spec, String... aliases) {
        return new CommandEntry(name, List.of(aliases), spec, List.of());
    }

    /** A group: a command that only holds others (run alone, it asks for one of them). */
    public static CommandEntry group(String name, String description, List<CommandEntry> subcommands,
                                     String... aliases) {
        return new CommandEntry(name, List.of(aliases),
                environment -> CommandSpecs.command(new Group(name), description), subcommands);
    }

    /** The same command under another name (and aliases), its own aliases dropped. */
    public CommandEntry renamed(String newName, String... newAliases) {
        return new CommandEntry(newName, List.of(newAliases), spec, subcommands);
    }

    /** The subcommand that answers to {@code name}. */
    public CommandEntry subcommand(String name) {
        return subcommands.stream().filter(entry -> entry.answersTo(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(this.name + " has no command named " + name));
    }

    public boolean answersTo(String word) {
        return word != null && (word.equals(name) || aliases.contains(word));
    }

    /** What runs a group: nothing, so that picocli asks for a subcommand. */
    private record Group(String name) {
    }
}
