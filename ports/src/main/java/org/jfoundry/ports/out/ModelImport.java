package org.jfoundry.ports.out;

import java.nio.file.Path;
import java.util.Objects;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelNames;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;

/** One model file to convert into the cache as {@code id}, recorded with {@code alias}. */
public record ModelImport(Path source, ModelId id, String alias, WeightPrecision precision) {
    public ModelImport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        ModelNames.requireSafe(alias, "alias");
        Objects.requireNonNull(precision, "precision");
    }
}
