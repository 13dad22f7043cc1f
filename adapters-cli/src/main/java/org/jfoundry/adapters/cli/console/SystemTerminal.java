package org.jfoundry.adapters.cli.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** The process's own console. Terminal detection reads {@code /proc/self/fd}, as this service is Linux-first. */
public final class SystemTerminal implements Terminal {
    private BufferedReader input;

    @Override
    public boolean inputIsTerminal() {
        return isTerminal(0);
    }

    @Override
    public boolean outputIsTerminal() {
        return isTerminal(1);
    }

    @Override
    public synchronized BufferedReader input() {
        if (input == null) {
            input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return input;
    }

    @Override
    public Registration onInterrupt(Runnable handler) {
        // sun.misc.Signal is the only JDK way to keep the process alive on SIGINT; it lives in jdk.unsupported.
        Signal interrupt = new Signal("INT");
        SignalHandler previous = Signal.handle(interrupt, signal -> handler.run());
        return () -> Signal.handle(interrupt, previous);
    }

    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException notLinux) {
            return System.console() != null && System.console().isTerminal();
        }
    }
}
