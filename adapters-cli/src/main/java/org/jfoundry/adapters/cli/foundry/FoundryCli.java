package org.jfoundry.adapters.cli.foundry;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ErrorReporter;
import org.jfoundry.adapters.cli.ExitCode;
import picocli.CommandLine;

/** Builds the {@code foundry} command line over an environment; {@code main} lives in the composition root. */
public final class FoundryCli {

    private FoundryCli() {
    }

    /** Runs the command line against the process's stdout and stderr. */
    public static int run(CliEnvironment environment, String... args) {
        PrintWriter out = standardOutput();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        try {
            return commandLine(environment, out, err, args).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Standard output as UTF-8 whatever the locale: the status line SDKs read has emoji. */
    public static PrintWriter standardOutput() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    }

    /**
     * The command line for {@code args}: the commands they name are built, and the others only when they name none
     * (see {@link CommandTree}); without arguments, every command.
     */
    public static CommandLine commandLine(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = CommandTree.build(environment, args);
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (String line : ExitCode.DESCRIPTION) {
            int colon = line.indexOf(':');
            exitCodes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine;
    }
}
