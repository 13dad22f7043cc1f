package org.jfoundry.ports.in;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.ModelNames;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;

/**
 * Import a model file (GGUF) from the service's file system into the cache.
 *
 * @param source    an absolute path the service can read
 * @param alias     the alias to record; null: derived from the file name ({@link #defaultAlias})
 * @param precision the weights' precision in the imported model; null: int4
 */
public record ImportModelRequest(Path source, String alias, WeightPrecision precision) {

    public ImportModelRequest {
        if (source == null) {
            throw new InvalidRequestException("the file to import is required", "path");
        }
        if (!source.isAbsolute()) {
            throw new InvalidRequestException("the file to import must be an absolute path: " + source, "path");
        }
        source = source.normalize();
        if (source.getFileName() == null) {
            throw new InvalidRequestException("the file to import must be a file, not " + source, "path");
        }
        alias = alias == null || alias.isBlank() ? defaultAlias(source) : ModelNames.requireSafe(alias.trim(), "alias");
        precision = Objects.requireNonNullElse(precision, WeightPrecision.INT4);
    }

    /**
     * The file name in lower case without its extension, characters other than letters, digits, '.', '_' and '-'
     * replaced by '-': {@code SmolLM2-135M-Instruct.Q4_1.gguf} gives {@code smollm2-135m-instruct.q4_1}.
     */
    public static String defaultAlias(Path source) {
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String alias = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("\\.{2,}", ".")
                .replaceAll("^[-.]+|[-.]+$", "");
        if (alias.isEmpty()) {
            throw new InvalidRequestException("no alias can be made from the file name '" + name + "'; give one", "alias");
        }
        return alias;
    }

    /** {@code precision} as the CLI and REST API spell it: {@code int4} or {@code fp32}. */
    public static WeightPrecision precision(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "int4" -> WeightPrecision.INT4;
            case "fp32" -> WeightPrecision.FP32;
            default -> throw new InvalidRequestException("precision '" + text + "' is not int4 or fp32", "precision");
        };
    }
}
