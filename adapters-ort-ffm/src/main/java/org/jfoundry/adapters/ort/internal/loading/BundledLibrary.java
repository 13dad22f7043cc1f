package org.jfoundry.adapters.ort.internal.loading;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.Manifest;

/**
 * The {@code libonnxruntime.so} carried by the {@code com.microsoft.onnxruntime:onnxruntime} jar, read as a class-path
 * resource and extracted to {@code <native>/onnxruntime-<version>/}. An existing file is reused when its size and
 * SHA-256 match the resource, or, without hashing again, when it is unchanged since such a check (a stamp beside it);
 * otherwise it is rewritten through a temporary file and an atomic move, under a file lock, so two processes starting
 * at once never load a half-written library.
 */
public final class BundledLibrary {
    public static final String FILE_NAME = "libonnxruntime.so";
    /** Beside the library: what it looked like when last checked against the resource (see verifiedBefore). */
    static final String STAMP_FILE = FILE_NAME + ".verified";
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
            Optional<String> entry = entryStamp(url);
            Optional<String> knownVersion = versionOf(url);
            if (entry.isPresent() && knownVersion.isPresent()) {
                Optional<Extraction> verified = verifiedBefore(nativeDirectory, knownVersion.get(), entry.get());
                if (verified.isPresent()) {
                    return verified.get();
                }
            }
            Digest expected = digest(url);
            String version = knownVersion.orElse("sha-" + expected.sha256().substring(0, 12));
            Path directory = nativeDirectory.resolve("onnxruntime-" + version);
            Files.createDirectories(directory);
            Path target = directory.resolve(FILE_NAME);
            synchronized (IN_PROCESS_LOCK) {
                try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                    boolean reused = matches(target, expected);
                    if (!reused) {
                        write(url, directory, target, expected);
                    }
                    if (entry.isPresent()) {
                        writeStamp(directory, entry.get() + fileStamp(target));
                    }
                    return new Extraction(target, version, reused);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + resource + " into " + nativeDirectory, e);
        }
    }

    /**
     * The extraction found as it was left after its last check against the resource, or empty. Hashing the 20+ MB
     * library (and inflating the resource to hash it) on every start cost a good part of the service's start-up, so
     * a check leaves a stamp: the jar entry's size and CRC, and the file's size, times and inode. Any write to the file
     * changes its change time, which no one can set back, so a file that still matches its stamp is the one checked.
     */
    @SuppressWarnings("try")
    private static Optional<Extraction> verifiedBefore(Path nativeDirectory, String version, String entry)
            throws IOException {
        Path directory = nativeDirectory.resolve("onnxruntime-" + version);
        Path target = directory.resolve(FILE_NAME);
        Path stamp = directory.resolve(STAMP_FILE);
        if (!Files.isRegularFile(target) || !Files.isRegularFile(stamp)) {
            return Optional.empty();
        }
        synchronized (IN_PROCESS_LOCK) {
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                String expected = entry + fileStamp(target);
                return Files.readString(stamp, StandardCharsets.UTF_8).equals(expected)
                        ? Optional.of(new Extraction(target, version, true)) : Optional.empty();
            }
        }
    }

    /** The jar entry's size and CRC-32 from the jar's directory, without inflating it; empty outside a jar. */
    private static Optional<String> entryStamp(URL url) {
        try {
            if (url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                JarEntry entry = jar.getJarEntry();
                if (entry != null && entry.getSize() >= 0 && entry.getCrc() >= 0) {
                    return Optional.of("resource=" + jar.getJarFileURL() + "!" + entry.getName() + " size="
                            + entry.getSize() + " crc=" + Long.toHexString(entry.getCrc()) + "\n");
                }
            }
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String fileStamp(Path file) throws IOException {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev");
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            // Without a change time a stamp could be fooled; such a file system gets the full check every time.
            return "unstamped " + System.nanoTime();
        }
        return "file size=" + unix.get("size") + " mtime=" + unix.get("lastModifiedTime") + " ctime=" + unix.get("ctime")
                + " inode=" + unix.get("dev") + ":" + unix.get("ino") + "\n";
    }

    private static void writeStamp(Path directory, String content) throws IOException {
        Path temporary = Files.createTempFile(directory, STAMP_FILE + ".", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve(STAMP_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
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
