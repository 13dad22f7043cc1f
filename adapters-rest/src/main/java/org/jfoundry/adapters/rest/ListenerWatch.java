package org.jfoundry.adapters.rest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices a listener that died while the JVM lives on, and stops the service so that the CLI can start a new one.
 * Helidon's listener closes its socket for good when {@code accept} fails other than by being closed, as it does with
 * "Too many open files" when something else in the process has used up the descriptors; the service would then
 * answer nothing, yet keep running with its pid file. Every {@link #PERIOD} the watch connects to its own port: a
 * refused connection means the listener is gone (the socket is closed while the service is not stopping), and the
 * watch asks for the stop that {@code POST /shutdown} asks for. Any other failure to connect (this process out of
 * descriptors itself, a timeout under load) proves nothing and is tried again at the next tick.
 */
final class ListenerWatch {
    static final Duration PERIOD = Duration.ofSeconds(2);
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private ListenerWatch() {
    }

    /** Starts watching the listener on that port of that host (a wildcard host is reached over loopback). */
    static ScheduledExecutorService start(String host, int port, Health health) {
        InetSocketAddress address = new InetSocketAddress(reachable(host), port);
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("foundry-listener-watch").daemon().factory());
        watch.scheduleWithFixedDelay(() -> {
            if (health.isStopping() || !listenerIsGone(address)) {
                return;
            }
            System.err.println("The service's listener on port " + port + " stopped accepting connections (see the"
                    + " error above, such as too many open files); the service stops so that the next command"
                    + " starts a new one.");
            watch.shutdown();
            health.requestStop();
        }, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    static boolean listenerIsGone(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MS);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException | RuntimeException inconclusive) {
            return false;
        }
    }

    private static InetAddress reachable(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        } catch (IOException unresolvable) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
