package org.jfoundry.adapters.ort.genai;

import java.io.IOException;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jfoundry.adapters.ort.genai.internal.bindings.Libc;
import org.jfoundry.adapters.ort.genai.internal.bindings.SharedLibraries;
import org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h;
import org.jfoundry.adapters.ort.internal.loading.NativeAccess;

/**
 * Loads libonnxruntime-genai.so into the process, once, so that it shares the ONNX Runtime the ORT adapter loaded.
 *
 * <p>GenAI has no link-time dependency on ONNX Runtime: at first use it dlopens {@code $ORT_LIB_PATH}, else
 * {@code libonnxruntime.so}, else {@code libonnxruntime.so.1}. Setting {@code ORT_LIB_PATH} to the adapter's file and
 * loading that file first makes the dynamic loader hand GenAI the very same library (a second dlopen of one file
 * returns the loaded copy), so one ONNX Runtime, one set of threads and one allocator serve both engines.
 */
final class GenAiLibrary {

    static final String ORT_LIB_PATH = "ORT_LIB_PATH";

    private static Path loadedGenai;
    private static Path loadedOrt;

    private GenAiLibrary() {
    }

    /** Loads the pair, or confirms it is already loaded; throws {@link IllegalStateException} saying why not. */
    static synchronized void load(Path genai, Path ort) {
        NativeAccess.requireEnabled(GenAiLibrary.class.getModule());
        Path genaiFile = realPath(genai);
        Path ortFile = realPath(ort);
        if (loadedGenai != null) {
            if (loadedGenai.equals(genaiFile) && loadedOrt.equals(ortFile)) {
                return;
            }
            throw new IllegalStateException("this process already loaded GenAI from " + loadedGenai
                    + " with ONNX Runtime " + loadedOrt + "; a second pair cannot be loaded");
        }
        // Before GenAI's first call, which is when it opens ONNX Runtime.
        if (Libc.setenv(ORT_LIB_PATH, ortFile.toString(), true) != 0) {
            throw new IllegalStateException("could not set " + ORT_LIB_PATH + " for GenAI");
        }
        try {
            SharedLibraries.load(ortFile);
            SharedLibraries.load(genaiFile);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("could not load " + genaiFile + ": " + e.getMessage(), e);
        }
        List<String> missing = missingSymbols();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(genaiFile + " lacks " + missing + "; it is not ONNX Runtime GenAI "
                    + GenAiLibraryLocator.VERSION + " or newer");
        }
        loadedGenai = genaiFile;
        loadedOrt = ortFile;
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every function the bindings declare (one holder class each) that the loaded libraries do not export. */
    private static List<String> missingSymbols() {
        SymbolLookup loaded = SymbolLookup.loaderLookup();
        return Arrays.stream(ort_genai_c_h.class.getDeclaredClasses())
                .map(Class::getSimpleName)
                .filter(name -> name.startsWith("Oga"))
                .filter(name -> loaded.find(name).isEmpty())
                .sorted()
                .toList();
    }
}
