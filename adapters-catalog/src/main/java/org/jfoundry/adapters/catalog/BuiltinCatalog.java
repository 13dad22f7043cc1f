package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CatalogSource;

/**
 * The catalog shipped inside this module ({@code builtin-catalog.json}): models built from registry packages, listed
 * without a network. Each entry is a catalog model plus a {@code package} object ({@link PackageSpec}) telling the
 * downloader how to build it.
 */
final class BuiltinCatalog implements CatalogSource {
    static final String NAME = "builtin";
    static final String RESOURCE = "builtin-catalog.json";

    /** A built-in model and how to build it. */
    record Entry(CatalogModel model, PackageSpec spec) {
    }

    private final List<Entry> entries;

    BuiltinCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalog this module ships; a broken resource is a build error, so it fails loudly. */
    static BuiltinCatalog shipped() {
        try (InputStream in = BuiltinCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the adapters-catalog jar");
            }
            return new BuiltinCatalog(parse(MAPPER.readTree(in), RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> parse(JsonNode root, String where) {
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(where + " must hold a JSON array of catalog models");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            try {
                entries.add(new Entry(CatalogJson.read(node), PackageSpec.read(node.get("package"))));
            } catch (RuntimeException e) {
                throw CatalogJson.badEntry(where, i, node, e);
            }
        }
        return entries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CatalogModel> listModels() {
        return entries.stream().map(Entry::model).toList();
    }

    Optional<PackageSpec> spec(ModelId id) {
        return entries.stream().filter(e -> e.model().id().equals(id)).map(Entry::spec).findFirst();
    }
}
