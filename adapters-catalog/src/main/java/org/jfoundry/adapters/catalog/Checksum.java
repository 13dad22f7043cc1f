package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** An expected digest of a file: SHA-256 from catalogs and Hugging Face, MD5 from Azure blob listings. */
record Checksum(String algorithm, byte[] expected) {

    static Checksum sha256Hex(String hex) {
        if (hex == null || hex.isBlank()) {
            return null;
        }
        String clean = hex.trim().toLowerCase(Locale.ROOT);
        if (!clean.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 '" + hex + "' is not 64 hexadecimal digits");
        }
        return new Checksum("SHA-256", HexFormat.of().parseHex(clean));
    }

    static Checksum md5Base64(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        return new Checksum("MD5", Base64.getDecoder().decode(base64.trim()));
    }

    /** Null when the file matches, else a sentence saying what differs. */
    String mismatch(Path file) throws IOException {
        byte[] actual = digest(file);
        if (MessageDigest.isEqual(actual, expected)) {
            return null;
        }
        return algorithm + " mismatch: expected " + HexFormat.of().formatHex(expected)
                + ", got " + HexFormat.of().formatHex(actual);
    }

    private byte[] digest(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return digest.digest();
    }
}
