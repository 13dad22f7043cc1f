package org.jfoundry.adapters.cli;

import java.util.List;

/**
 * The exit codes of {@code foundry}, so scripts can tell failures apart. Documented in the root command's help.
 */
public final class ExitCode {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** Anything else went wrong (the error line says what). */
    public static final int FAILURE = 1;
    /** The command line itself was wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** The command needs the service and it is not running (or did not answer). */
    public static final int SERVICE_NOT_RUNNING = 3;
    /** No catalog entry, alias or cached model has that name, or the model is not downloaded. */
    public static final int MODEL_NOT_FOUND = 4;
    /** The model is loaded or busy and the command was not told to unload it. */
    public static final int MODEL_IN_USE = 5;
    /** The service could not be started (its log says why). */
    public static final int SERVICE_START_FAILED = 6;
    /** The user cancelled (Ctrl+C) or declined a confirmation. */
    public static final int CANCELLED = 130;

    /** The lines the root command's help prints under "Exit codes:". */
    public static final List<String> DESCRIPTION = List.of(
            "0:Success",
            "1:Failure (the error line says why)",
            "2:Bad usage (unknown option, missing or invalid argument)",
            "3:The service is not running or did not answer",
            "4:Model not found or not downloaded",
            "5:Model is loaded or busy",
            "6:The service could not be started (see its log)",
            "130:Cancelled by the user");

    private ExitCode() {
    }
}
