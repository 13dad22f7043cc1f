package org.jfoundry.adapters.rest;

import io.helidon.webserver.WebServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A started REST server: where it listens, and how to stop it. */
public final class RunningServer implements AutoCloseable {
    private final WebServer server;
    private final String url;
    private final Health health;
    private ScheduledExecutorService idleWatch;
    private final ScheduledExecutorService listenerWatch;

    /** Starts watching the listener too ({@link ListenerWatch}): {@code host} is the one it was asked to bind. */
    RunningServer(WebServer server, String url, Health health, String host) {
        this.server = server;
        this.url = url;
        this.health = health;
        this.listenerWatch = ListenerWatch.start(host, server.port(), health);
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

    /**
     * Requests a stop ({@link Health#onStopRequest}) once no request has been in flight for that long; every request
     * restarts the clock. Checked a few times per timeout, at most every second.
     */
    public synchronized void stopWhenIdleFor(Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("the idle timeout must be positive, got " + timeout);
        }
        if (idleWatch != null) {
            idleWatch.shutdownNow();
        }
        long limit = timeout.toNanos();
        long period = Math.clamp(limit / 4, TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(1));
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("foundry-idle-watch").daemon().factory());
        watch.scheduleAtFixedRate(() -> {
            if (health.activity().idleNanos() >= limit) {
                watch.shutdown();
                health.requestStop();
            }
        }, period, period, TimeUnit.NANOSECONDS);
        idleWatch = watch;
    }

    /** Stops accepting requests; /health answers 503 from the moment this is called. */
    public void stop() {
        synchronized (this) {
            if (idleWatch != null) {
                idleWatch.shutdownNow();
            }
        }
        listenerWatch.shutdownNow();
        health.markStopping();
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
