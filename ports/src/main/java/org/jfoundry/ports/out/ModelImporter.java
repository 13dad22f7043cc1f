package org.jfoundry.ports.out;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;

/**
 * Builds a cached model from a local model file through a {@link ModelConverter}: the folder is written aside and
 * moved into the cache in one step, so a failed or cancelled import leaves nothing that looks like a model.
 */
public interface ModelImporter {

    /**
     * @throws org.jfoundry.ports.failure.InvalidRequestException when the file is missing or no converter reads it
     * @throws org.jfoundry.ports.failure.CancelledException      when cancelled
     */
    CachedModel importModel(ModelImport request, DownloadListener listener, CancellationSignal cancel);
}
