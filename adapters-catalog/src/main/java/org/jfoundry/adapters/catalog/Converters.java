package org.jfoundry.adapters.catalog;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.out.ModelConverter;

/** The converters the composition root provides, by the names catalog entries use ({@code gguf}, ...). */
final class Converters {
    private final Map<String, ModelConverter> byName;

    Converters(Map<String, ModelConverter> byName) {
        this.byName = new LinkedHashMap<>(byName);
    }

    /** The converter a catalog entry names; a build without it cannot install that entry. */
    ModelConverter named(String name, Object model) {
        ModelConverter converter = byName.get(name);
        if (converter == null) {
            throw new DownloadFailedException("Cannot build " + model + ": it needs the '" + name
                    + "' converter, and this service has " + (byName.isEmpty() ? "none" : "only " + byName.keySet()));
        }
        return converter;
    }

    /** The first converter that reads the file (by its content); refused when none does. */
    ModelConverter reading(Path source) {
        return byName.values().stream().filter(c -> c.accepts(source)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(source.getFileName() + " is not a model file this service "
                        + "can import (" + (byName.isEmpty() ? "no converters installed" : "it reads " + String.join(", ",
                        byName.keySet())) + ")", "path"));
    }
}
