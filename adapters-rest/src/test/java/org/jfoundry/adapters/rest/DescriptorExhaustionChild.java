package org.jfoundry.adapters.rest;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The service side of {@link ListenerRecoveryTest}, run in a JVM of its own under a low {@code ulimit -n}: serves, and
 * when told uses up every descriptor (as a leak elsewhere in the process would), keeps them until the test has made
 * the listener meet "Too many open files", then frees them. Exits 3 when the service is asked to stop.
 */
public final class DescriptorExhaustionChild {
    static final int STOPPED = 3;

    private DescriptorExhaustionChild() {
    }

    public static void main(String[] args) throws Exception {
        FakeFoundry foundry = new FakeFoundry();
        RunningServer server = RestServer.start(foundry.core, RestSettings.loopback(0));
        server.health().onStopRequest(() -> System.exit(STOPPED));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("port=" + server.port());
        System.out.flush();
        commands.readLine(); // "exhaust"
        List<FileInputStream> held = new ArrayList<>();
        try {
            while (true) {
                held.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException tooManyOpenFiles) {
            System.out.println("exhausted after " + held.size() + ": " + tooManyOpenFiles.getMessage());
            System.out.flush();
        }
        commands.readLine(); // "release", once the listener has met the exhaustion
        for (FileInputStream stream : held) {
            stream.close();
        }
        System.out.println("released");
        System.out.flush();
        Thread.sleep(60_000);
        System.out.println("still running");
        System.exit(0);
    }
}
