package org.jfoundry.archviolations.helidon.adapters.cli;

import io.helidon.webserver.WebServer;

/** Breaks "Helidon is used only in the REST adapter". */
public final class CliStartingAServer {
    WebServer server;
}
