package org.jfoundry.ports.inference;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets whoever started work stop it. Engines poll {@link #isCancelled()} every step or register a callback
 * (for example to set ONNX Runtime's terminate flag). Callbacks run once, on the cancelling thread.
 */
public final class CancellationSignal {
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile String reason;

    public boolean isCancelled() {
        return reason != null;
    }

    /** Null until cancelled. */
    public String reason() {
        return reason;
    }

    public void cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why == null ? "cancelled" : why;
        }
        callbacks.forEach(Runnable::run);
    }

    /** Runs the callback when cancelled, at once if already cancelled. Returns a handle that removes it. */
    public Runnable onCancel(Runnable callback) {
        callbacks.add(callback);
        if (isCancelled() && callbacks.remove(callback)) {
            callback.run();
        }
        return () -> callbacks.remove(callback);
    }

    /** Throws {@link org.jfoundry.ports.failure.CancelledException} when cancelled. */
    public void throwIfCancelled() {
        String why = reason;
        if (why != null) {
            throw new org.jfoundry.ports.failure.CancelledException(why);
        }
    }
}
