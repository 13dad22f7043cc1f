package org.jfoundry.ports.out;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;

/**
 * Fetches a model's files into the cache. Two calls for one model share one download. A failed or cancelled download
 * leaves nothing that looks like a model.
 */
public interface ModelDownloader {
    CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel);
}
