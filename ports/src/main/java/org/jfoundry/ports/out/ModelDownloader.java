package org.jfoundry.ports.out;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;

/**
 * Fetches a model's files into the cache, in the caller's thread. One call per model at a time: the core shares one
 * call between the requests for a model, and a second call while one runs may be refused. A failed or cancelled
 * download leaves nothing that looks like a model.
 */
public interface ModelDownloader {
    CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel);
}
