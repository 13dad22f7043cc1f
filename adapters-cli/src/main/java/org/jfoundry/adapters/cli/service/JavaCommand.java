package org.jfoundry.adapters.cli.service;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command that runs the service with this very JVM: same java, same class path, same flags (native access
 * included), so the background service behaves like the CLI that started it. Flags tuned for a short-lived CLI are
 * left out, as they would slow a long-running service down ({@code -XX:TieredStopAtLevel}, {@code -XX:+UseSerialGC},
 * {@code -XX:-UsePerfData}), and the CLI's class-data archive is swapped for the service's own JDK AOT cache
 * ({@code foundry-service.aot} next to it; see {@link AotCache}), which also holds linked classes and method
 * profiles and so starts the web server about twice as fast as a plain class-data archive.
 */
public final class JavaCommand {
    static final String SERVICE_AOT_CACHE = "foundry-service.aot";
    /** Before JDK 25 (no AOT cache training), the service keeps a class-data archive of its own. */
    static final String SERVICE_ARCHIVE = "foundry-service.jsa";
    /** Start-up tuning for a short-lived CLI that would slow a long-running service down, and debugger agents. */
    private static final List<String> CLI_ONLY = List.of("-XX:TieredStopAtLevel", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-agentlib:jdwp");
    /** How the launcher names the CLI's own start-up cache: an AOT cache on JDK 25, else a class-data archive. */
    private static final List<String> CLI_ARCHIVE_FLAGS = List.of("-XX:AOTCache=", "-XX:SharedArchiveFile=");

    private JavaCommand() {
    }

    public static List<String> forMainClass(String mainClass, String... arguments) {
        String classPath = System.getProperty("java.class.path");
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(serviceFlags(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                cliArchive -> archiveFlags(cliArchive, Runtime.version().feature(),
                        cache -> AotCache.flag(cache, AotCache.inputs(javaHome, classPath)))));
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * What replaces the CLI's archive flags: on JDK 25 and later the AOT cache beside it ({@code aotFlag} turns its
     * path into the flag that uses or trains it, or nothing: see {@link AotCache#flag}); before, a class-data archive.
     */
    static List<String> archiveFlags(Path cliArchive, int jdkFeature, Function<Path, Optional<String>> aotFlag) {
        if (jdkFeature >= 25) {
            return aotFlag.apply(cliArchive.resolveSibling(SERVICE_AOT_CACHE)).stream().toList();
        }
        return List.of("-XX:SharedArchiveFile=" + cliArchive.resolveSibling(SERVICE_ARCHIVE), "-XX:+AutoCreateSharedArchive");
    }

    /**
     * The CLI's flags less its start-up tuning, with its class-data archive flags replaced by {@code archiveFlags}
     * of the CLI archive's path.
     */
    static List<String> serviceFlags(List<String> cliFlags, Function<Path, List<String>> archiveFlags) {
        List<String> flags = new ArrayList<>();
        for (String flag : cliFlags) {
            if (CLI_ONLY.stream().anyMatch(flag::startsWith) || flag.equals("-XX:+AutoCreateSharedArchive")) {
                continue;
            }
            Optional<String> cliArchiveFlag = CLI_ARCHIVE_FLAGS.stream().filter(flag::startsWith).findFirst();
            if (cliArchiveFlag.isPresent()) {
                Path cliArchive = Path.of(flag.substring(cliArchiveFlag.get().length()));
                flags.addAll(archiveFlags.apply(cliArchive));
                continue;
            }
            flags.add(flag);
        }
        return flags;
    }
}
