package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.DownloadListener;

public interface ImportModelUseCase {
    /**
     * Converts a model file into the cache as the variant {@code <alias>-generic-cpu:1} (int4) or
     * {@code <alias>-generic-fp32-cpu:1} (fp32), the naming of the built-in catalog. Progress is the conversion's.
     * A variant already cached is refused; nothing is left in the cache when the import fails.
     *
     * @throws org.jfoundry.ports.failure.InvalidRequestException when the file is missing or no converter reads it
     */
    CachedModel importModel(ImportModelRequest request, DownloadListener listener, CancellationSignal cancel);
}
