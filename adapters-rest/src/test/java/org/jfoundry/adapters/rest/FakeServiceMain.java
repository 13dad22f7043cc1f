package org.jfoundry.adapters.rest;

import java.util.concurrent.CountDownLatch;

/**
 * The REST adapter over the fake-backed core as a process of its own, listening on all interfaces: what the
 * container test packages and runs. (The real distribution is assembled by adapters-cli, the composition root.)
 */
public final class FakeServiceMain {
    private FakeServiceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5272;
        FakeFoundry foundry = new FakeFoundry();
        RunningServer server = RestServer.start(foundry.core, RestSettings.loopback(port).withHost("0.0.0.0"));
        System.out.println("Service is Started on " + server.url());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            foundry.close();
        }));
        new CountDownLatch(1).await();
    }
}
