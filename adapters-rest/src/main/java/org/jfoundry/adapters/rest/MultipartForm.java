package org.jfoundry.adapters.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its fields. Hand-written because Helidon's multipart
 * media module is not published for the Helidon version this project uses; it reads what HTTP clients send (OpenAI's
 * SDKs, curl {@code -F}, browsers): a boundary from the content type, parts with a {@code Content-Disposition} header.
 */
final class MultipartForm {

    /** One field: a text value or, when it has a file name, an uploaded file. */
    record Part(String name, String fileName, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    List<Part> parts() {
        return parts;
    }

    Optional<Part> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The boundary of a {@code multipart/form-data} content type, or empty for any other content type. */
    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(2) != null ? m.group(2) : m.group(1)) : Optional.empty();
    }

    static MultipartForm parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw HttpFailure.badRequest("The multipart body has no part delimited by its boundary");
        }
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                return new MultipartForm(parts); // the closing delimiter
            }
            int headersStart = skipLineBreak(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw HttpFailure.badRequest("A multipart part has no end of headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw HttpFailure.badRequest("The multipart body ends inside a part (no closing boundary)");
            }
            parts.add(part(headers, java.util.Arrays.copyOfRange(body, contentStart, contentEnd)));
            at = contentEnd + 2;
        }
    }

    private static Part part(String headers, byte[] content) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                Matcher name = NAME.matcher(line);
                if (!name.find()) {
                    break;
                }
                Matcher file = FILE_NAME.matcher(line);
                return new Part(name.group(1), file.find() ? file.group(1) : null, content);
            }
        }
        throw HttpFailure.badRequest("A multipart part has no Content-Disposition with a name");
    }

    private static int skipLineBreak(byte[] body, int at) {
        return startsWith(body, at, "\r\n") ? at + 2 : at;
    }

    private static boolean startsWith(byte[] body, int at, String ascii) {
        if (at + ascii.length() > body.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (body[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (body[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
