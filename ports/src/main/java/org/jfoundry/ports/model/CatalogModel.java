package org.jfoundry.ports.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One variant in the catalog, with the fields of an element of {@code /foundry/list}.
 * Optional fields are null when the catalog does not give them.
 */
public record CatalogModel(
        ModelId id,
        String displayName,
        String providerType,
        String uri,
        String modelType,
        PromptTemplate promptTemplate,
        String publisher,
        String task,
        ModelRuntime runtime,
        long fileSizeMb,
        List<Map<String, Object>> modelSettingsParameters,
        String alias,
        boolean supportsToolCalling,
        String license,
        String licenseDescription,
        String parentModelUri,
        Integer maxOutputTokens,
        String minFLVersion) {

    public CatalogModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(uri, "uri");
        if (alias != null) {
            ModelNames.requireSafe(alias, "alias");
        }
        if (publisher != null) {
            ModelNames.requireSafe(publisher, "publisher");
        }
        displayName = displayName == null ? id.name() : displayName;
        modelSettingsParameters = modelSettingsParameters == null ? List.of() : List.copyOf(modelSettingsParameters);
        if (fileSizeMb < 0) {
            throw new IllegalArgumentException("fileSizeMb must not be negative");
        }
    }

    /** A minimal entry, for tests and local catalogs. */
    public static CatalogModel of(ModelId id, String alias, String uri, ModelRuntime runtime, String task) {
        return new CatalogModel(id, id.name(), "AzureFoundry", uri, "ONNX", null, "Microsoft", task, runtime, 0,
                List.of(), alias, false, null, null, null, null, null);
    }

    public String version() {
        return id.version();
    }
}
