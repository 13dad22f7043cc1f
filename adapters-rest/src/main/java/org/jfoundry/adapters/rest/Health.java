package org.jfoundry.adapters.rest;

/**
 * Whether the service is ready, as {@code /health} reports it: 503 while starting or stopping, 200 once ready.
 * The composition root marks it ready when everything behind the API is up.
 */
public final class Health {
    private enum State { STARTING, READY, STOPPING }

    private volatile State state = State.STARTING;
    private final Activity activity = new Activity();
    private volatile Runnable stopAction = () -> {
    };

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

    /**
     * What {@code POST /shutdown} runs (on its own thread, after the answer is sent): the composition root stops the
     * service the way a SIGTERM does. Until one is given a shutdown request only marks the service stopping.
     */
    public void onStopRequest(Runnable action) {
        stopAction = java.util.Objects.requireNonNull(action, "action");
    }

    void requestStop() {
        markStopping();
        Runnable action = stopAction;
        Thread.ofPlatform().name("foundry-shutdown-request").start(action);
    }

    Activity activity() {
        return activity;
    }

    public boolean isReady() {
        return state == State.READY;
    }

    boolean isStopping() {
        return state == State.STOPPING;
    }

    String describe() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
