package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.out.DownloadListener;

public interface DownloadModelUseCase {
    /** Resolves the name through the catalog, then downloads; a cached model returns at once. */
    CachedModel download(String aliasOrId, DownloadListener listener, CancellationSignal cancel);

    /** Downloads an entry the caller describes (the {@code /openai/download} body). */
    CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel);
}
