package org.jfoundry.adapters.cli;

import picocli.CommandLine.Option;

/**
 * How a command that prints a table prints it: {@code -o json} / {@code --output json} as Foundry Local's 0.10 CLI
 * spells it, or the legacy {@code --json}; both mean the same JSON.
 */
public final class OutputOption {
    public enum Format { table, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table (default) or json.")
    Format format = Format.table;

    @Option(names = "--json", description = "The same as '-o json'.")
    boolean json;

    public boolean json() {
        return json || format == Format.json;
    }
}
