package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;

/**
 * Files of a model kept in a plain folder ({@code file:}, {@code http:}, {@code https:}): the file list comes from the
 * local catalog entry with that uri; a {@code file:} folder without one is taken whole. An http folder cannot be
 * listed, so it needs the catalog's {@code files}.
 */
final class FolderFiles implements FileResolver {
    private final Supplier<List<LocalCatalog>> catalogs;

    FolderFiles(Supplier<List<LocalCatalog>> catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public boolean handles(String uri) {
        return uri.startsWith("file:") || uri.startsWith("http://") || uri.startsWith("https://");
    }

    @Override
    public ModelFiles resolve(CatalogModel model, CancellationSignal cancel) throws IOException {
        URI folder = LocalCatalog.asFolder(URI.create(model.uri()));
        List<RemoteFile> listed = listedFiles(folder);
        if (listed != null) {
            return new ModelFiles(listed);
        }
        if ("file".equals(folder.getScheme())) {
            return new ModelFiles(walk(model, Path.of(folder)));
        }
        throw new DownloadFailedException("No file list for " + model.id() + " at " + Redaction.redact(folder)
                + ": an http folder cannot be listed, so its local catalog entry needs a 'files' array");
    }

    private List<RemoteFile> listedFiles(URI folder) {
        for (LocalCatalog catalog : catalogs.get()) {
            List<LocalCatalog.Entry> entries;
            try {
                entries = catalog.entries();
            } catch (RuntimeException unreadable) {
                continue; // another catalog may still describe this folder
            }
            for (LocalCatalog.Entry entry : entries) {
                if (entry.files() != null && LocalCatalog.asFolder(URI.create(entry.model().uri())).equals(folder)) {
                    return entry.files();
                }
            }
        }
        return null;
    }

    private static List<RemoteFile> walk(CatalogModel model, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ModelNotFoundException(model.id().toString(),
                    "The folder " + folder + " for model " + model.id() + " does not exist");
        }
        List<RemoteFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.filter(Files::isRegularFile).sorted().forEach(file -> {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                try {
                    files.add(new RemoteFile(relative, file.toUri(), Files.size(file), null));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }
}
