package org.jfoundry.domain;

import java.util.concurrent.CompletableFuture;
import org.jfoundry.ports.inference.CancellationSignal;

/**
 * One request attached to a loaded model. Its own signal is cancelled by the caller's signal and by a forced unload,
 * so the engine sees one signal for both.
 */
final class InFlightRequest {

    final CancellationSignal signal = new CancellationSignal();
    /** Completes when the request may run; fails with a cancellation when it leaves the queue early. */
    final CompletableFuture<Void> admitted = new CompletableFuture<>();
}
