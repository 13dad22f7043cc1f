package org.jfoundry.adapters.cli;

/** A failure a command reports as one line on stderr, with the exit code it ends the process with. */
public class CommandFailure extends RuntimeException {
    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CommandFailure serviceNotRunning() {
        return new CommandFailure(ExitCode.SERVICE_NOT_RUNNING,
                "The service is not running. To start the service, run the following command: foundry service start");
    }
}
