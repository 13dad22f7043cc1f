package org.jfoundry.ports.out;

import org.jfoundry.ports.inference.CancellationSignal;

/**
 * Turns a model file of a foreign format (GGUF, CTranslate2) into a model folder the engines serve. A converter
 * knows nothing of downloads, catalogs or the cache: it reads {@link ConversionRequest#source()} and writes
 * {@link ConversionRequest#target()}, and on any failure leaves nothing at the target.
 */
public interface ModelConverter {

    /** Whether this converter reads the file or folder (by its format's magic or layout, not its name alone). */
    boolean accepts(java.nio.file.Path source);

    /**
     * Writes the converted model folder. Progress is reported as bytes of source tensors processed.
     *
     * @throws org.jfoundry.ports.failure.InvalidRequestException naming what is unsupported (architecture, tensor type)
     * @throws org.jfoundry.ports.failure.CancelledException when cancelled
     * @throws org.jfoundry.ports.failure.DownloadFailedException when reading or writing files fails (disk full)
     */
    ConvertedModel convert(ConversionRequest request, DownloadListener progress, CancellationSignal cancel);
}
