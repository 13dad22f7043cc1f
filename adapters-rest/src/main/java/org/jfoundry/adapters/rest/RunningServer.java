package org.jfoundry.adapters.rest;

import io.helidon.webserver.WebServer;

/** A started REST server: where it listens, and how to stop it. */
public final class RunningServer implements AutoCloseable {
    private final WebServer server;
    private final String url;
    private final Health health;

    RunningServer(WebServer server, String url, Health health) {
        this.server = server;
        this.url = url;
        this.health = health;
    }

    /** The base URL actually bound, such as {@code http://127.0.0.1:5272} (the chosen port when 0 was asked for). */
    public String url() {
        return url;
    }

    public int port() {
        return server.port();
    }

    public Health health() {
        return health;
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops accepting requests; /health answers 503 from the moment this is called. */
    public void stop() {
        health.markStopping();
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
