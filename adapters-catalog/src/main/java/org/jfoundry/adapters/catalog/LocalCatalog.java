package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.out.CatalogSource;

/**
 * A catalog kept in a JSON file (a path, a {@code file:} URL or an {@code http(s):} URL): an array of catalog models in
 * the {@code /foundry/list} shape. Each entry's {@code uri} is a folder holding the model's files (relative uris are
 * resolved against the catalog file) and may come with {@code files: [{"path","size","sha256"}]}. The file is read on
 * every listing, so edits show up without a restart.
 */
final class LocalCatalog implements CatalogSource {

    /** A catalog entry with the files the catalog lists for it, or null when it lists none. */
    record Entry(CatalogModel model, List<RemoteFile> files) {
    }

    private final URI location;
    private final HttpSupport http;

    LocalCatalog(URI location, HttpSupport http) {
        this.location = location;
        this.http = http;
    }

    /** A path (relative paths count from {@code baseDirectory}) or a file:, http: or https: URL. */
    static URI locate(String pathOrUrl, Path baseDirectory) {
        String text = pathOrUrl.trim();
        if (text.startsWith("http://") || text.startsWith("https://") || text.startsWith("file:")) {
            try {
                return URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("local catalog location '" + text + "' is not a valid URL", "catalog");
            }
        }
        try {
            return baseDirectory.resolve(text).toAbsolutePath().normalize().toUri();
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("local catalog location '" + text + "' is not a valid path", "catalog");
        }
    }

    URI location() {
        return location;
    }

    @Override
    public String name() {
        return "local:" + location;
    }

    @Override
    public List<CatalogModel> listModels() {
        return entries().stream().map(Entry::model).toList();
    }

    List<Entry> entries() {
        JsonNode root;
        try {
            root = MAPPER.readTree(read());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("local catalog " + location + " is not valid JSON: " + e.getOriginalMessage(), "catalog");
        } catch (IOException e) {
            throw new DownloadFailedException("local catalog " + location + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new InvalidRequestException("local catalog " + location + " must hold a JSON array of catalog models", "catalog");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            try {
                entries.add(entry(node));
            } catch (InvalidRequestException | IllegalArgumentException e) {
                throw CatalogJson.badEntry("local catalog " + location, i, node, e);
            }
        }
        return entries;
    }

    private Entry entry(JsonNode node) {
        CatalogModel listed = CatalogJson.read(node);
        URI folder = asFolder(location.resolve(URI.create(listed.uri().trim())));
        CatalogModel model = new CatalogModel(listed.id(), listed.displayName(), listed.providerType(), folder.toString(),
                listed.modelType(), listed.promptTemplate(), listed.publisher(), listed.task(), listed.runtime(),
                listed.fileSizeMb(), listed.modelSettingsParameters(), listed.alias(), listed.supportsToolCalling(),
                listed.license(), listed.licenseDescription(), listed.parentModelUri(), listed.maxOutputTokens(),
                listed.minFLVersion());
        JsonNode files = node.get("files");
        if (files == null || files.isNull()) {
            return new Entry(model, null);
        }
        if (!files.isArray()) {
            throw new IllegalArgumentException("'files' must be an array of {\"path\",\"size\",\"sha256\"}");
        }
        List<RemoteFile> remote = new ArrayList<>();
        for (JsonNode file : files) {
            String path = text(file, "path");
            if (path == null) {
                throw new IllegalArgumentException("a file has no 'path'");
            }
            String safe = SafePaths.requireRelative(path);
            long size = file.hasNonNull("size") ? file.get("size").asLong(-1) : -1;
            remote.add(new RemoteFile(safe, folder.resolve(AzureRegistryFiles.encodePath(safe)), size,
                    Checksum.sha256Hex(text(file, "sha256"))));
        }
        return new Entry(model, List.copyOf(remote));
    }

    /** Folder URLs end with '/', so that file names resolve inside them rather than beside them. */
    static URI asFolder(URI uri) {
        String text = uri.toString();
        boolean folderLike = uri.getScheme() != null
                && (uri.getScheme().equals("file") || uri.getScheme().startsWith("http"));
        return folderLike && !text.endsWith("/") && uri.getRawQuery() == null ? URI.create(text + "/") : uri;
    }

    private String read() throws IOException {
        if ("file".equals(location.getScheme())) {
            return Files.readString(Path.of(location));
        }
        if (location.getScheme() != null && location.getScheme().startsWith("http")) {
            return http.get(location, Map.of("Accept", "application/json"), new CancellationSignal()).body();
        }
        throw new IOException("unsupported location scheme in " + location);
    }

}
