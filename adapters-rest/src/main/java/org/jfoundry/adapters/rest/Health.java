package org.jfoundry.adapters.rest;

/**
 * Whether the service is ready, as {@code /health} reports it: 503 while starting or stopping, 200 once ready.
 * The composition root marks it ready when everything behind the API is up.
 */
public final class Health {
    private enum State { STARTING, READY, STOPPING }

    private volatile State state = State.STARTING;

    public static Health starting() {
        return new Health();
    }

    public static Health ready() {
        Health health = new Health();
        health.markReady();
        return health;
    }

    public void markReady() {
        state = State.READY;
    }

    public void markStopping() {
        state = State.STOPPING;
    }

    public boolean isReady() {
        return state == State.READY;
    }

    String describe() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
