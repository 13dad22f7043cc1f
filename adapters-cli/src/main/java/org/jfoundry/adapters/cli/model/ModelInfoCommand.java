package org.jfoundry.adapters.cli.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.client.CatalogJson;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.adapters.cli.OutputOption;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry model info <model>}: the catalog entry of the variant the name resolves to. */
final class ModelInfoCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("info", environment -> new ModelInfoCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    String model;
    boolean license;
    final OutputOption output = new OutputOption();

    ModelInfoCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Show a model's catalog entry.");
        spec.addPositional(CommandSpecs.parameter("0", String.class, () -> model, v -> model = v).paramLabel("MODEL")
                .description("Alias or model id.").build());
        spec.addOption(CommandSpecs.flag(() -> license, v -> license = v, "--license")
                .description("Print the license text.").build());
        output.addTo(spec);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ResolvedModel resolved = Models.resolve(environment.startIfNeeded(spec.commandLine().getErr()), model);
        CatalogModel m = resolved.model();
        if (output.json()) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(CatalogJson.write(m)));
            return ExitCode.OK;
        }
        if (license) {
            out.println("License: " + dash(m.license()));
            out.println(m.licenseDescription() == null ? "(the catalog gives no license text)" : m.licenseDescription());
            return ExitCode.OK;
        }
        out.println("Model ID:          " + m.id());
        out.println("Alias:             " + dash(m.alias()));
        out.println("Display name:      " + m.displayName());
        out.println("Publisher:         " + dash(m.publisher()));
        out.println("Task:              " + dash(m.task()));
        out.println("Device:            " + m.runtime().deviceType() + " (" + m.runtime().executionProvider().ortName() + ")");
        out.println("File size:         " + Models.fileSize(m.fileSizeMb()));
        out.println("License:           " + dash(m.license()));
        out.println("Tool calling:      " + (m.supportsToolCalling() ? "yes" : "no"));
        out.println("Max output tokens: " + (m.maxOutputTokens() == null ? "-" : m.maxOutputTokens()));
        out.println("Uri:               " + m.uri());
        out.println("Downloaded:        " + (resolved.cached() ? "yes" : "no"));
        return ExitCode.OK;
    }

    private static String dash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
