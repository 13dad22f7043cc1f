package org.jfoundry.adapters.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * How a command that prints a table prints it: {@code -o json} / {@code --output json} as Foundry Local's 0.10 CLI
 * spells it, or the legacy {@code --json}; both mean the same JSON.
 */
public final class OutputOption {
    public enum Format { table, json }

    private Format format = Format.table;
    private boolean json;

    /** Adds {@code -o/--output} and {@code --json} to a command that prints a table. */
    public void addTo(CommandSpec spec) {
        spec.addOption(CommandSpecs.option(Format.class, () -> format, value -> format = value, "-o", "--output")
                .paramLabel("FORMAT").description("table (default) or json.").build());
        spec.addOption(CommandSpecs.flag(() -> json, value -> json = value, "--json")
                .description("The same as '-o json'.").build());
    }

    public boolean json() {
        return json || format == Format.json;
    }
}
