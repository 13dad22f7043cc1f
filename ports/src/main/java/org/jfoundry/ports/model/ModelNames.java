package org.jfoundry.ports.model;

import org.jfoundry.ports.failure.InvalidRequestException;

/** Checks model ids and aliases before they can reach the file system or a URL. */
public final class ModelNames {
    public static final int MAX_LENGTH = 200;

    private ModelNames() {
    }

    /**
     * Accepts a printable name without path separators, {@code ..}, or control characters.
     *
     * @param what "model id" or "alias", used in the error
     */
    public static String requireSafe(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException(what + " must not be empty", "model");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidRequestException(what + " is longer than " + MAX_LENGTH + " characters", "model");
        }
        if (name.contains("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new InvalidRequestException(what + " '" + printable(name) + "' must not contain '/', '\\' or '..'", "model");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new InvalidRequestException(what + " '" + printable(name) + "' contains a space or control character", "model");
            }
        }
        return name;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> out.append(Character.isISOControl(c) ? '?' : Character.toString(c)));
        return out.toString();
    }
}
