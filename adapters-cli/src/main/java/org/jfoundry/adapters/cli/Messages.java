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

    /**
     * Said when the service could not reach a catalog source (the online catalog while offline): what it lists is
     * what it can serve, and {@code FOUNDRY_CATALOG} is how to name models without the online catalog.
     */
    public static String catalogUnreachable(java.util.List<String> unreachable) {
        return "⚠️  The online catalog could not be reached (" + String.join("; ", unreachable) + "), so only downloaded"
                + " and local models are known. To work offline, set FOUNDRY_CATALOG to a local catalog file before"
                + " the service starts (see foundry service restart).";
    }

    public static String alreadyRunning(ServiceEndpoint endpoint) {
        return "🟢 Service is already running on " + endpoint.urlWithSlash() + ".";
    }
}
