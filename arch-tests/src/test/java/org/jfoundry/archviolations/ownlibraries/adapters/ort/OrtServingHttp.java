package org.jfoundry.archviolations.ownlibraries.adapters.ort;

/** Breaks "the ort adapter depends only on ...": it uses Helidon. */
public final class OrtServingHttp {
    io.helidon.webserver.WebServer server;
}
