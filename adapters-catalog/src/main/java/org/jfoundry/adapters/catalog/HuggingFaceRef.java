package org.jfoundry.adapters.catalog;

import java.util.Locale;
import org.jfoundry.ports.failure.InvalidRequestException;

/** {@code hf://owner/repo[/subfolder][@revision]}: one ONNX GenAI model in a Hugging Face repository. */
record HuggingFaceRef(String owner, String repo, String subfolder, String revision) {
    static final String SCHEME = "hf://";
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    HuggingFaceRef {
        if (!owner.matches(NAME) || !repo.matches(NAME) || owner.contains("..") || repo.contains("..")) {
            throw new InvalidRequestException("Hugging Face repository '" + owner + "/" + repo + "' is not a valid name", "uri");
        }
        subfolder = subfolder == null || subfolder.isBlank() ? "" : SafePaths.requireRelative(subfolder);
        if (revision == null || revision.isBlank() || revision.contains("..") || revision.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidRequestException("Hugging Face revision '" + revision + "' is not valid", "uri");
        }
    }

    static boolean isRef(String text) {
        return text != null && text.startsWith(SCHEME);
    }

    static HuggingFaceRef parse(String text) {
        if (!isRef(text)) {
            throw new InvalidRequestException("'" + text + "' is not of the form hf://owner/repo[/subfolder][@revision]", "uri");
        }
        String rest = text.substring(SCHEME.length());
        String revision = "main";
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            revision = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] parts = rest.split("/", 3);
        if (parts.length < 2) {
            throw new InvalidRequestException("'" + text + "' names no repository; expected hf://owner/repo[/subfolder][@revision]", "uri");
        }
        try {
            return new HuggingFaceRef(parts[0], parts[1], parts.length == 3 ? parts[2] : "", revision);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("'" + text + "': " + e.getMessage(), "uri");
        }
    }

    String repoId() {
        return owner + "/" + repo;
    }

    /** A model name built from the repository and the last folder, such as {@code Phi-3.5-mini-instruct-onnx-cpu-int4}. */
    String modelName() {
        String last = subfolder.isEmpty() ? "" : subfolder.substring(subfolder.lastIndexOf('/') + 1);
        String name = last.isEmpty() ? repo : repo + "-" + last;
        return name.length() > 180 ? name.substring(0, 180) : name;
    }

    /** {@code 1} on the default branch, else the revision made safe for a model id. */
    String modelVersion() {
        return revision.equals("main") ? "1" : revision.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    String alias() {
        return repo.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return SCHEME + repoId() + (subfolder.isEmpty() ? "" : "/" + subfolder) + (revision.equals("main") ? "" : "@" + revision);
    }
}
