package org.jfoundry.archviolations.ownlibraries.adapters.cli;

/** Breaks "the cli adapter depends only on ...": it uses Helidon. */
public final class CliServingHttp {
    io.helidon.webserver.WebServer server;
}
