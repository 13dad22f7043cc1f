package org.jfoundry.adapters.ort.internal.loading;

import java.nio.file.Path;

/** Run by {@link BundledLibraryTest} in a separate JVM: extracts, then prints the extracted file's SHA-256. */
public final class ExtractInChildProcess {
    private ExtractInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        BundledLibrary.Extraction extraction = BundledLibrary.forThisPlatform().extractInto(Path.of(args[0]));
        System.out.println(extraction.reused() + " " + BundledLibraryTest.sha256(extraction.library()));
    }
}
