package org.jfoundry.adapters.cli.foundry;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * The top-level verbs of Foundry Local's 0.10 CLI, each a second name for the command that means the same, so that
 * scripts written for either generation work: {@code foundry run|chat} is {@code foundry model run}, {@code foundry
 * complete} is {@code foundry model complete}, {@code foundry config} is {@code foundry service set} and {@code foundry
 * status} is {@code foundry service diag}. ({@code foundry server} is the {@code service} group's alias.)
 */
final class CurrentVerbs {
    private CurrentVerbs() {
    }

    static void register(CommandLine root, IFactory factory) {
        promote(root, factory, "run", new String[] {"chat"}, "model", "run");
        promote(root, factory, "complete", new String[0], "model", "complete");
        promote(root, factory, "config", new String[0], "service", "set");
        promote(root, factory, "status", new String[0], "service", "diag");
    }

    /** A fresh instance of the command at that path, under the root: the original stays where it is. */
    private static void promote(CommandLine root, IFactory factory, String name, String[] aliases, String... path) {
        CommandLine original = root;
        for (String step : path) {
            original = original.getSubcommands().get(step);
        }
        root.addSubcommand(name, new CommandLine(original.getCommandSpec().userObject().getClass(), factory), aliases);
    }
}
