package org.jfoundry.adapters.cli;

/** The lines the original CLI prints that scripts and SDKs read; kept in one place so they cannot drift. */
public final class Messages {
    public static final String NOT_RUNNING = "🔴 Model management service is not running!";
    public static final String HOW_TO_START = "To start the service, run the following command: foundry service start";

    private Messages() {
    }

    /** The status line; SDKs take the URL from it with {@code http://(?:[a-zA-Z0-9.-]+|\d{1,3}(\.\d{1,3}){3}):\d+}. */
    public static String running(ServiceEndpoint endpoint) {
        return "🟢 Model management service is running on " + endpoint.urlWithoutSlash() + "/openai/status";
    }

    public static String started(ServiceEndpoint endpoint) {
        return "🟢 Service is Started on " + endpoint.urlWithSlash() + ", PID " + endpoint.pid() + "!";
    }

    public static String alreadyRunning(ServiceEndpoint endpoint) {
        return "🟢 Service is already running on " + endpoint.urlWithSlash() + ".";
    }
}
