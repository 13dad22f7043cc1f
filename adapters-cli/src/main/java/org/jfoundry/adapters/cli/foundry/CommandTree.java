package org.jfoundry.adapters.cli.foundry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.cli.cache.CacheCommand;
import org.jfoundry.adapters.cli.model.ModelCommand;
import org.jfoundry.adapters.cli.model.TranscribeCommand;
import org.jfoundry.adapters.cli.service.ServiceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * The commands under {@code foundry}, and picocli's model of them built only as far as a command line needs: the
 * groups and commands its words name, and every command below a word that names none (help, a typo, a bare group).
 * Building the model of all 30-odd commands takes most of a short command's start-up (their annotations are read
 * reflectively), and {@code foundry model list} needs two of them.
 *
 * <p>Foundry Local 0.10's top-level verbs are second names of the commands that mean the same, so that scripts
 * written for either generation work: {@code foundry run|chat} is {@code foundry model run}, {@code foundry complete}
 * is {@code foundry model complete}, {@code foundry config} is {@code foundry service set} and {@code foundry status}
 * is {@code foundry service diag}. ({@code foundry server} is the {@code service} group's alias.)
 */
final class CommandTree {
    private static final Map<Class<?>, List<Class<?>>> GROUPS = Map.of(
            ModelCommand.class, ModelCommand.SUBCOMMANDS,
            ServiceCommand.class, ServiceCommand.SUBCOMMANDS,
            CacheCommand.class, CacheCommand.SUBCOMMANDS);

    private static final List<Entry> TOP_LEVEL = List.of(
            Entry.of(ModelCommand.class), Entry.of(ServiceCommand.class), Entry.of(CacheCommand.class),
            Entry.of(TranscribeCommand.class),
            Entry.promoted("run", List.of("chat"), ModelCommand.SUBCOMMANDS, "run"),
            Entry.promoted("complete", List.of(), ModelCommand.SUBCOMMANDS, "complete"),
            Entry.promoted("config", List.of(), ServiceCommand.SUBCOMMANDS, "set"),
            Entry.promoted("status", List.of(), ServiceCommand.SUBCOMMANDS, "diag"));

    private CommandTree() {
    }

    /** The {@code foundry} command line, with the commands {@code args} name (all of them when they name none). */
    static CommandLine build(IFactory factory, String... args) {
        CommandLine root = new CommandLine(FoundryCommand.class, factory);
        addUnder(root, TOP_LEVEL, words(args), 0, factory);
        return root;
    }

    private static void addUnder(CommandLine parent, List<Entry> entries, List<String> words, int depth,
                                 IFactory factory) {
        String word = depth < words.size() ? words.get(depth) : null;
        List<Entry> named = entries.stream().filter(entry -> entry.answersTo(word)).toList();
        for (Entry entry : named.isEmpty() ? entries : named) {
            CommandLine child = new CommandLine(entry.type(), factory);
            // Added before its own subcommands, so that they inherit the root's inherited options through it.
            parent.addSubcommand(entry.name(), child, entry.extraAliases().toArray(String[]::new));
            List<Entry> grandchildren = GROUPS.getOrDefault(entry.type(), List.of()).stream().map(Entry::of).toList();
            addUnder(child, grandchildren, words, named.isEmpty() ? Integer.MAX_VALUE : depth + 1, factory);
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

    /** A command as its parent adds it: under its own name (and aliases), or under a second name. */
    private record Entry(String name, List<String> extraAliases, Class<?> type) {
        static Entry of(Class<?> type) {
            return new Entry(annotation(type).name(), List.of(), type);
        }

        static Entry promoted(String name, List<String> aliases, List<Class<?>> group, String original) {
            Class<?> type = group.stream().filter(candidate -> annotation(candidate).name().equals(original))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no command named " + original));
            return new Entry(name, aliases, type);
        }

        boolean answersTo(String word) {
            return word != null && (word.equals(name) || extraAliases.contains(word)
                    || Arrays.asList(annotation(type).aliases()).contains(word));
        }

        private static Command annotation(Class<?> type) {
            return type.getAnnotation(Command.class);
        }
    }
}
