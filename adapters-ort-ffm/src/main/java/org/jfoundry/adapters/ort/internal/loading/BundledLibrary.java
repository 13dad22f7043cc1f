package org.jfoundry.adapters.ort.internal.loading;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.jar.Manifest;

/**
 * The {@code libonnxruntime.so} carried by the {@code com.microsoft.onnxruntime:onnxruntime} jar, read as a class-path
 * resource and extracted to {@code <native>/onnxruntime-<version>/}. An existing file is reused when its size and
 * SHA-256 match the resource; otherwise it is rewritten through a temporary file and an atomic move, under a file
 * lock, so two processes starting at once never load a half-written library.
 */
public final class BundledLibrary {
    public static final String FILE_NAME = "libonnxruntime.so";
    private static final Object IN_PROCESS_LOCK = new Object();

    private final ClassLoader loader;
    private final String resource;

    public BundledLibrary(ClassLoader loader, String resource) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** The library for this machine's architecture in the official jar. */
    public static BundledLibrary forThisPlatform() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("the bundled ONNX Runtime is used on Linux only; on " + os
                    + " set ortLibraryPath or FOUNDRY_ORT_LIBRARY");
        }
        String folder = arch.equals("aarch64") || arch.equals("arm64") ? "linux-aarch64" : "linux-x64";
        return new BundledLibrary(BundledLibrary.class.getClassLoader(),
                "ai/onnxruntime/native/" + folder + "/" + FILE_NAME);
    }

    /** What an extraction did. */
    public record Extraction(Path library, String version, boolean reused) {
    }

    /** Extracts (or reuses) the library under {@code nativeDirectory}. */
    @SuppressWarnings("try")
    public Extraction extractInto(Path nativeDirectory) {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("the class path has no " + resource
                    + "; add com.microsoft.onnxruntime:onnxruntime to it or set ortLibraryPath/FOUNDRY_ORT_LIBRARY");
        }
        try {
            Digest expected = digest(url);
            String version = versionOf(url).orElse("sha-" + expected.sha256().substring(0, 12));
            Path directory = nativeDirectory.resolve("onnxruntime-" + version);
            Files.createDirectories(directory);
            Path target = directory.resolve(FILE_NAME);
            synchronized (IN_PROCESS_LOCK) {
                try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                    if (matches(target, expected)) {
                        return new Extraction(target, version, true);
                    }
                    write(url, directory, target, expected);
                    return new Extraction(target, version, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + resource + " into " + nativeDirectory, e);
        }
    }

    private record Digest(long size, String sha256) {
    }

    private static boolean matches(Path file, Digest expected) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != expected.size()) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in).equals(expected);
        }
    }

    private static void write(URL url, Path directory, Path target, Digest expected) throws IOException {
        Path temporary = Files.createTempFile(directory, FILE_NAME + ".", ".tmp");
        try {
            try (InputStream in = url.openStream();
                 OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (!matches(temporary, expected)) {
                throw new IOException("the extracted library does not match the resource (disk full?)");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Digest digest(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return digest(in);
        }
    }

    private static Digest digest(InputStream in) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        long size;
        try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
            size = digesting.transferTo(OutputStream.nullOutputStream());
        }
        return new Digest(size, HexFormat.of().formatHex(sha.digest()));
    }

    /** The jar's Implementation-Version, which names the native library's release. */
    private static java.util.Optional<String> versionOf(URL url) {
        try {
            if (url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                Manifest manifest = jar.getManifest();
                if (manifest != null) {
                    String version = manifest.getMainAttributes().getValue("Implementation-Version");
                    if (version != null && version.matches("[0-9A-Za-z.+-]+")) {
                        return java.util.Optional.of(version);
                    }
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}
