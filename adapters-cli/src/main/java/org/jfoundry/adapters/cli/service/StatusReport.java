package org.jfoundry.adapters.cli.service;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.ServiceControl;
import org.jfoundry.adapters.cli.ServiceEndpoint;

/**
 * What {@code foundry service status} prints and returns. Shared by the picocli command and by the quick path in the
 * composition root's {@code main} that answers {@code foundry service status [--json]} without building the command
 * line at all: SDKs run it in a loop, and picocli's reflection over every command costs more than the status itself.
 */
public final class StatusReport {
    private StatusReport() {
    }

    /** True for exactly {@code service status} or {@code service status --json}; anything else goes to picocli. */
    public static boolean isQuickStatus(String[] args) {
        List<String> list = List.of(args);
        return list.equals(List.of("service", "status")) || list.equals(List.of("service", "status", "--json"));
    }

    public static int print(ServiceControl service, PrintWriter out, boolean json) {
        Optional<ServiceEndpoint> running = service.running();
        if (json) {
            out.println(running.map(e -> "{\"running\":true,\"url\":\"" + e.urlWithoutSlash() + "\",\"pid\":" + e.pid() + "}")
                    .orElse("{\"running\":false,\"url\":null,\"pid\":null}"));
        } else if (running.isPresent()) {
            out.println(Messages.running(running.get()));
        } else {
            out.println(Messages.NOT_RUNNING);
            out.println(Messages.HOW_TO_START);
        }
        out.flush();
        return running.isPresent() ? ExitCode.OK : ExitCode.SERVICE_NOT_RUNNING;
    }
}
