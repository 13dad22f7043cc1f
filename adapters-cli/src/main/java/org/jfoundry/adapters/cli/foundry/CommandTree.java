package org.jfoundry.adapters.cli.foundry;

import java.util.ArrayList;
import java.util.List;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.cache.CacheCommand;
import org.jfoundry.adapters.cli.model.ModelCommand;
import org.jfoundry.adapters.cli.model.TranscribeCommand;
import org.jfoundry.adapters.cli.service.ServiceCommand;
import picocli.CommandLine;

/**
 * The commands under {@code foundry}, and picocli's model of them built only as far as a command line needs: the
 * groups and commands its words name, and every command below a word that names none (help, a typo, a bare group).
 * {@code foundry model list} needs two of the 30-odd commands.
 *
 * <p>Foundry Local 0.10's top-level verbs are second names of the commands that mean the same, so that scripts
 * written for either generation work: {@code foundry run|chat} is {@code foundry model run}, {@code foundry complete}
 * is {@code foundry model complete}, {@code foundry config} is {@code foundry service set} and {@code foundry status}
 * is {@code foundry service diag}. ({@code foundry server} is the {@code service} group's alias.)
 */
final class CommandTree {
    private static final List<CommandEntry> TOP_LEVEL = List.of(
            ModelCommand.ENTRY, ServiceCommand.ENTRY, CacheCommand.ENTRY, TranscribeCommand.ENTRY,
            ModelCommand.ENTRY.subcommand("run").renamed("run", "chat"),
            ModelCommand.ENTRY.subcommand("complete").renamed("complete"),
            ServiceCommand.ENTRY.subcommand("set").renamed("config"),
            ServiceCommand.ENTRY.subcommand("diag").renamed("status"));

    private CommandTree() {
    }

    /** The {@code foundry} command line, with the commands {@code args} name (all of them when they name none). */
    static CommandLine build(CliEnvironment environment, String... args) {
        CommandLine root = new CommandLine(FoundryCommand.spec());
        addUnder(root, TOP_LEVEL, words(args), 0, environment);
        return root;
    }

    private static void addUnder(CommandLine parent, List<CommandEntry> entries, List<String> words, int depth,
                                 CliEnvironment environment) {
        String word = depth < words.size() ? words.get(depth) : null;
        List<CommandEntry> named = entries.stream().filter(entry -> entry.answersTo(word)).toList();
        for (CommandEntry entry : named.isEmpty() ? entries : named) {
            CommandLine child = new CommandLine(entry.spec().apply(environment));
            // Added before its own subcommands, so that they inherit the root's inherited options through it.
            parent.addSubcommand(entry.name(), child, entry.aliases().toArray(String[]::new));
            addUnder(child, entry.subcommands(), words, named.isEmpty() ? Integer.MAX_VALUE : depth + 1, environment);
        }
    }

    /** The words that can name commands: the arguments before {@code --} that are not options. */
    private static List<String> words(String... args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-")) {
                words.add(arg);
            }
        }
        return words;
    }
}
