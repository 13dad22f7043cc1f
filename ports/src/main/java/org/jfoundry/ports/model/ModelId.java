package org.jfoundry.ports.model;

import org.jfoundry.ports.failure.InvalidRequestException;

/** A model variant's identity, {@code <name>:<version>}, for example {@code Phi-4-mini-instruct-generic-cpu:1}. */
public record ModelId(String name, String version) implements Comparable<ModelId> {

    public ModelId {
        ModelNames.requireSafe(name, "model name");
        ModelNames.requireSafe(version, "model version");
        if (name.indexOf(':') >= 0 || version.indexOf(':') >= 0) {
            throw new InvalidRequestException("model id '" + name + ":" + version + "' has more than one ':'", "model");
        }
    }

    /** Parses {@code name:version}; a bare name is refused (check with {@link #isFullId} first). */
    public static ModelId parse(String id) {
        ModelNames.requireSafe(id, "model id");
        int colon = id.lastIndexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            throw new InvalidRequestException("model id '" + id + "' is not of the form <name>:<version>", "model");
        }
        return new ModelId(id.substring(0, colon), id.substring(colon + 1));
    }

    public static boolean isFullId(String text) {
        int colon = text.lastIndexOf(':');
        return colon > 0 && colon < text.length() - 1;
    }

    /** Versions compare numerically when both are numbers, so version 10 beats version 9. */
    public int compareVersionTo(ModelId other) {
        try {
            return Long.compare(Long.parseLong(version), Long.parseLong(other.version));
        } catch (NumberFormatException notNumeric) {
            return version.compareTo(other.version);
        }
    }

    @Override
    public int compareTo(ModelId other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : compareVersionTo(other);
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
