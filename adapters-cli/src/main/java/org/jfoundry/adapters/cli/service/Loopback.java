package org.jfoundry.adapters.cli.service;

import java.net.InetAddress;
import java.util.Locale;

/** Whether a listen address keeps the service on this machine; decided without asking DNS. */
final class Loopback {
    private Loopback() {
    }

    static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            return InetAddress.ofLiteral(h).isLoopbackAddress();
        } catch (IllegalArgumentException notAnAddress) {
            // A host name other than localhost may resolve anywhere.
            return false;
        }
    }
}
