package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a download stream the way the Foundry Local JS and Python SDKs do: every percentage matched by
 * {@code (\d+(?:\.\d+)?)%} is progress, and the result is the JSON of the first piece that starts with '{'.
 */
final class DownloadStreamParser {
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");

    record Result(List<Double> percentages, JsonNode json) {
    }

    private DownloadStreamParser() {
    }

    /** Pieces are what one read returned; a whole body is treated as its lines, as a line-reading client sees it. */
    static Result parse(String body) {
        return parse(List.of(body.split("(?<=\n)")));
    }

    static Result parse(List<String> pieces) {
        List<Double> percentages = new ArrayList<>();
        for (String piece : pieces) {
            if (piece.startsWith("{")) {
                return new Result(percentages, RestApiSuite.parse(piece));
            }
            Matcher m = PERCENT.matcher(piece);
            while (m.find()) {
                percentages.add(Double.parseDouble(m.group(1)));
            }
        }
        throw new AssertionError("no piece starting with '{' in " + pieces);
    }
}
