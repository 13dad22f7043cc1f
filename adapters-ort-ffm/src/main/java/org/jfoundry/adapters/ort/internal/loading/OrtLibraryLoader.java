package org.jfoundry.adapters.ort.internal.loading;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.bindings.OrtApiBase;
import org.jfoundry.adapters.ort.internal.bindings.onnxruntime_c_api_h;
import org.jfoundry.adapters.ort.runtime.OrtLibrary;

/**
 * Loads {@code libonnxruntime.so} once per process, refuses a library older than the API version the bindings were
 * written for, and installs its {@code OrtApi} table. A second load of the same file (or an identical copy) returns the first
 * result; a different file is refused, since one process can only bind one table.
 */
public final class OrtLibraryLoader {
    private static OrtLibrary loaded;
    /** The loaded file's SHA-256, kept because that file may be deleted later (a test's temporary foundry home). */
    private static String loadedDigest;

    private OrtLibraryLoader() {
    }

    public static synchronized OrtLibrary load(Path library) {
        Path real = realPath(library);
        if (loaded != null) {
            if (!loaded.path().equals(real) && !loadedDigest.equals(digest(real))) {
                throw new IllegalStateException("ONNX Runtime is already loaded from " + loaded.path()
                        + " in this process; it cannot also load " + real + " (restart to switch libraries)");
            }
            return loaded;
        }
        MemorySegment apiBase = onnxruntime_c_api_h.OrtGetApiBase(real);
        MemorySegment api = requireApi(apiBase, real);
        OrtApi.install(api);
        loaded = new OrtLibrary(real, OrtApiBase.GetVersionString(apiBase), OrtApi.VERSION);
        loadedDigest = digest(real);
        return loaded;
    }

    /**
     * Asks the library for the bound API version; NULL means it is older than the bindings, which is refused with
     * a message naming the library's version and the version required.
     */
    public static MemorySegment requireApi(MemorySegment apiBase, Path library) {
        String version = OrtApiBase.GetVersionString(apiBase);
        MemorySegment api = OrtApiBase.GetApi(apiBase, OrtApi.VERSION);
        if (api.address() == 0) {
            throw new IllegalStateException("ONNX Runtime " + version + " at " + library + " is too old: jfoundry binds"
                    + " ONNX Runtime API version " + OrtApi.VERSION + " (ONNX Runtime 1." + OrtApi.VERSION
                    + " or newer); use the bundled library or a newer build");
        }
        return api;
    }

    /** Two extractions of the same bundled file (another foundry home, a test) hold the same bytes. */
    private static String digest(Path file) {
        try (var in = Files.newInputStream(file)) {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            return "unreadable: " + file;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static Path realPath(Path library) {
        try {
            return library.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the ONNX Runtime library " + library + ": " + e.getMessage(), e);
        }
    }
}
