package org.jfoundry.adapters.cli.service;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs the service with this very JVM: same java, same class path, same flags (native access
 * included), so the background service behaves like the CLI that started it. Flags tuned for a short-lived CLI are
 * left out, as they would slow a long-running service down ({@code -XX:TieredStopAtLevel}, {@code -XX:+UseSerialGC},
 * {@code -XX:-UsePerfData}), and the CLI's class-data archive is swapped for the service's own
 * ({@code foundry-service.jsa} next to it), so the two JVMs never write one archive.
 */
public final class JavaCommand {
    static final String SERVICE_ARCHIVE = "foundry-service.jsa";
    /** Start-up tuning for a short-lived CLI that would slow a long-running service down, and debugger agents. */
    private static final List<String> CLI_ONLY = List.of("-XX:TieredStopAtLevel", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-agentlib:jdwp");

    private JavaCommand() {
    }

    public static List<String> forMainClass(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    static List<String> serviceFlags(List<String> cliFlags) {
        List<String> flags = new ArrayList<>();
        for (String flag : cliFlags) {
            if (CLI_ONLY.stream().anyMatch(flag::startsWith)) {
                continue;
            }
            if (flag.startsWith("-XX:SharedArchiveFile=")) {
                Path cliArchive = Path.of(flag.substring("-XX:SharedArchiveFile=".length()));
                Path serviceArchive = cliArchive.resolveSibling(SERVICE_ARCHIVE);
                flags.add("-XX:SharedArchiveFile=" + serviceArchive);
                continue;
            }
            flags.add(flag);
        }
        return flags;
    }
}
