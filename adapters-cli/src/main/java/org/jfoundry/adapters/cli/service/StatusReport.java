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

    private static final List<List<String>> JSON_SPELLINGS = List.of(List.of("--json"), List.of("-o", "json"),
            List.of("--output", "json"), List.of("--output=json"), List.of("-ojson"));

    /**
     * True for exactly {@code service status} or {@code server status} (the 0.10 CLI's name), bare or with one JSON
     * spelling ({@code --json}, {@code -o json}, {@code --output json}); anything else goes to picocli.
     */
    public static boolean isQuickStatus(String[] args) {
        List<String> list = List.of(args);
        return list.size() >= 2 && (list.getFirst().equals("service") || list.getFirst().equals("server"))
                && list.get(1).equals("status") && (list.size() == 2 || wantsJson(args));
    }

    /** Whether a quick status asked for JSON. */
    public static boolean wantsJson(String[] args) {
        return args.length > 2 && JSON_SPELLINGS.contains(List.of(args).subList(2, args.length));
    }

    public static int print(ServiceControl service, PrintWriter out, boolean json) {
        Optional<ServiceEndpoint> running = service.running();
        if (json) {
            out.println(running.map(e -> "{\"running\":true,\"url\":\"" + e.urlWithoutSlash() + "\",\"pid\":" + e.pid()
                            + ",\"webUrls\":[\"" + e.urlWithoutSlash() + "\"]}")
                    .orElse("{\"running\":false,\"url\":null,\"pid\":null,\"webUrls\":[]}"));
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
