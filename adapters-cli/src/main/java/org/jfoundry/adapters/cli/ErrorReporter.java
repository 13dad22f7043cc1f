package org.jfoundry.adapters.cli;

import java.io.PrintWriter;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.client.ServiceUnreachable;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns any failure into one clear line and a named exit code; {@code --stacktrace} adds the trace. */
public final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String message = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() : failure.getMessage();
        err.println(command.getColorScheme().errorText("Error: " + message));
        if (stacktraceRequested(parsed)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCodeOf(failure);
    }

    static int exitCodeOf(Throwable failure) {
        return switch (failure) {
            case CommandFailure f -> f.exitCode();
            case ModelNotFoundException f -> ExitCode.MODEL_NOT_FOUND;
            case ModelNotCachedException f -> ExitCode.MODEL_NOT_FOUND;
            case ModelInUseException f -> ExitCode.MODEL_IN_USE;
            case InvalidRequestException f -> ExitCode.USAGE;
            case CancelledException f -> ExitCode.CANCELLED;
            case ServiceUnreachable f -> ExitCode.SERVICE_NOT_RUNNING;
            case ServiceError f -> serviceErrorCode(f);
            default -> ExitCode.FAILURE;
        };
    }

    private static int serviceErrorCode(ServiceError error) {
        String message = String.valueOf(error.getMessage());
        if (error.status() == 404 || message.contains("No OpenAIService provider found")) {
            return ExitCode.MODEL_NOT_FOUND;
        }
        return error.status() == 409 ? ExitCode.MODEL_IN_USE : ExitCode.FAILURE;
    }

    private static boolean stacktraceRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }
}
