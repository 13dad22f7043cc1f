package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.nio.file.Path;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.ModelConverter;

/** One conversion inside a staging folder: the converter writes {@code model/}, then it gets its inference_model.json. */
final class ModelConversion {
    static final String OUTPUT = "model";

    private ModelConversion() {
    }

    /** Returns the finished folder, {@code <staging>/model}, ready to be moved into the cache. */
    static Path build(CatalogModel model, ModelConverter converter, Path source, WeightPrecision precision, Path staging,
                      DownloadListener progress, CancellationSignal cancel) throws IOException {
        Path output = staging.resolve(OUTPUT);
        CacheModelStore.deleteTree(output); // a leftover of a crash; converters write only into a new folder
        ConvertedModel converted = converter.convert(new ConversionRequest(source, output, precision), progress, cancel);
        try {
            cancel.throwIfCancelled();
            ParallelModelDownloader.finishFolder(model, output, converted.task());
        } catch (IOException | RuntimeException e) {
            CacheModelStore.deleteTree(output);
            throw e;
        }
        return output;
    }
}
