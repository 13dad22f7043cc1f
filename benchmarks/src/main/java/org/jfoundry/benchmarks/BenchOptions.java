package org.jfoundry.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} pairs every bench command takes. */
public final class BenchOptions {
    private BenchOptions() {
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
