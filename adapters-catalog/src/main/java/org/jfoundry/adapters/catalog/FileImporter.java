package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.ModelConverter;
import org.jfoundry.ports.out.ModelImport;
import org.jfoundry.ports.out.ModelImporter;

/**
 * Imports a local model file: the first converter that reads it writes the model in the staging folder of
 * {@code <cache>/imported/<name>-<version>/v<version>}, which is then moved into place in one step.
 */
final class FileImporter implements ModelImporter {
    static final String PUBLISHER = "imported";

    private final CacheModelStore store;
    private final Converters converters;
    private final DownloadOptions options;

    FileImporter(CacheModelStore store, Converters converters, DownloadOptions options) {
        this.store = store;
        this.converters = converters;
        this.options = options;
    }

    @Override
    public CachedModel importModel(ModelImport request, DownloadListener listener, CancellationSignal cancel) {
        Path source = request.source();
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new InvalidRequestException("cannot read " + source + ": no such file", "path");
        }
        CatalogModel model = new CatalogModel(request.id(), request.alias(), "local", source.toUri().toString(), "ONNX",
                null, PUBLISHER, null, ModelRuntime.CPU, 0, List.of(), request.alias(), false, null, null, null, null, null);
        Path target = ModelLayout.folderFor(store.cacheDirectory(), model);
        if (store.read(target).isPresent() || store.find(request.id()).isPresent()) {
            throw new InvalidRequestException("Model " + request.id() + " is already in the cache; remove it first "
                    + "or import with another alias", "alias");
        }
        ModelConverter converter = converters.reading(source);
        try {
            ParallelModelDownloader.requireFreeSpace(model, Files.size(source), ModelLayout.stagingFor(target),
                    store.cacheDirectory(), options);
            try (Staging open = Staging.open(target, request.id())) {
                try {
                    Path built = ModelConversion.build(model, converter, source, request.precision(), open.folder(),
                            listener == null ? DownloadListener.IGNORE : listener, cancel);
                    Staging.moveIntoPlace(built, target);
                } finally {
                    // nothing in it is worth resuming (a conversion starts over), and we hold its lock
                    CacheModelStore.deleteTree(open.folder());
                    if (!Files.exists(target)) {
                        store.pruneEmptyParents(target.getParent());
                    }
                }
            }
        } catch (IOException e) {
            throw ParallelModelDownloader.typed(e, model);
        }
        return store.read(target).orElseThrow(() -> new IllegalStateException(
                "the import of " + request.id() + " finished but " + target + " cannot be read as a model"));
    }
}
