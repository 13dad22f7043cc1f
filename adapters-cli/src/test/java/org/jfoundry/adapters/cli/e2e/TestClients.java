package org.jfoundry.adapters.cli.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real client libraries (openai-python, openai-node, LangChain, the Foundry Local SDKs...) that the client tests
 * drive, as pinned in {@code src/test/clients/requirements.txt} and {@code package.json}. The build installs them
 * before the tests ({@code install-clients.sh}, into a cache outside {@code target/}) and reports where, or why not.
 * A test that needs them and does not find them fails, saying why: a client test never skips.
 *
 * <p>Client scripts live in {@code src/test/clients/python} and {@code src/test/clients/node} (CommonJS, found
 * through {@code NODE_PATH}). They take what they need from the environment the test gives them and print their
 * findings, usually one JSON line, for the test to assert on.
 */
public final class TestClients {
    static final Path SCRIPTS = Path.of(System.getProperty("jfoundry.test-clients.scripts", "src/test/clients"));
    private static final Path REPORT = Path.of(
            System.getProperty("jfoundry.test-clients.report", "target/test-clients.properties"));
    private static final long TIMEOUT_SECONDS = 300;

    private TestClients() {
    }

    /** What a client script did: its exit code and everything it wrote. */
    public record Run(int exitCode, String out, String err) {
        /** The last line of standard output, where scripts print their JSON findings. */
        public String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The folder holding {@code venv/} and {@code node/node_modules/}; fails the calling test when it is missing. */
    static Path folder() {
        String why;
        if (!Files.isRegularFile(REPORT)) {
            why = "the build did not install them (no " + REPORT + ")";
        } else {
            Properties report = new Properties();
            try (var in = Files.newBufferedReader(REPORT)) {
                report.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + REPORT, e);
            }
            String ready = report.getProperty("ready");
            if (ready != null && Files.isRegularFile(Path.of(ready, "ready"))) {
                return Path.of(ready);
            }
            why = ready != null ? ready + " is gone" : report.getProperty("failed", "the install failed");
        }
        return fail("the client tests need the pinned Python and Node clients, but " + why + ". Install them with "
                + "adapters-cli/src/test/clients/install-clients.sh (needs python3, node, npm, PyPI and the npm "
                + "registry), or run the module's tests through Maven, which does.");
    }

    static Path python() {
        return folder().resolve("venv/bin/python");
    }

    static Path nodeModules() {
        return folder().resolve("node/node_modules");
    }

    /** Runs {@code src/test/clients/python/<script>} with the clients' Python. */
    public static Run python(String script, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python().toString(), "-u", script("python", script)));
        command.addAll(List.of(args));
        return run(command, environment);
    }

    /** Runs {@code src/test/clients/node/<script>} with node, the clients' packages on {@code NODE_PATH}. */
    static Run node(String script, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script("node", script)));
        command.addAll(List.of(args));
        Map<String, String> withModules = new java.util.HashMap<>(environment);
        withModules.put("NODE_PATH", nodeModules().toString());
        return run(command, withModules);
    }

    private static String script(String language, String name) {
        Path script = SCRIPTS.resolve(language).resolve(name).toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no client script " + script);
        }
        return script.toString();
    }

    private static Run run(List<String> command, Map<String, String> environment) throws Exception {
        Path out = Files.createTempFile("client-out", ".txt");
        Path err = Files.createTempFile("client-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(new File("/dev/null"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s; stdout:\n"
                        + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
