package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;

import java.nio.file.Path;

/**
 * A dev command that only converts, for timing and peak memory:
 * {@code /usr/bin/time -v java -cp <test classpath> ...ConvertGguf <file.gguf> <new folder> int4|fp32}.
 */
public final class ConvertGguf {

    public static void main(String[] args) {
        long start = System.nanoTime();
        ConvertedModel model = new GgufModelConverter().convert(new ConversionRequest(Path.of(args[0]),
                Path.of(args[1]), ConversionRequest.WeightPrecision.valueOf(args[2].toUpperCase())),
                DownloadListener.IGNORE, new CancellationSignal());
        System.out.printf("converted %s (%s) in %.2f s, %d bytes%n", model.name(), model.architecture(),
                (System.nanoTime() - start) / 1e9, model.bytesWritten());
    }
}
