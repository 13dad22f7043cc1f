package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.path;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.CatalogModelFields;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * Maps one entity of the Azure AI Foundry index ({@code indexEntitiesResponse.value[]}) to a catalog model, as the
 * contract describes: name and version from {@code properties}, the uri from {@code assetId}, the runtime from
 * {@code properties.variantInfo.variantMetadata}, the rest from {@code annotations.tags} (all strings there).
 */
final class FoundryEntities {
    private static final System.Logger LOG = System.getLogger(FoundryEntities.class.getName());
    private static final long MEBIBYTE = 1024 * 1024;

    private FoundryEntities() {
    }

    static CatalogModel toCatalogModel(JsonNode entity) {
        JsonNode properties = path(entity, "properties");
        JsonNode tags = path(entity, "annotations", "tags");
        JsonNode system = path(entity, "annotations", "systemCatalogData");
        JsonNode variant = path(properties, "variantInfo", "variantMetadata");

        String name = text(properties, "name");
        String version = text(properties, "version");
        if (name == null || version == null) {
            throw new IllegalArgumentException("the entity has no properties.name or properties.version");
        }
        String uri = text(entity, "assetId");
        if (uri == null) {
            throw new IllegalArgumentException("'" + name + "' has no assetId");
        }
        return new CatalogModel(
                new ModelId(name, version),
                firstOf(text(system, "displayName"), name),
                "AzureFoundry",
                uri,
                firstOf(text(variant, "modelType"), "ONNX"),
                promptTemplate(name, tags),
                publisher(firstOf(text(system, "publisher"), text(tags, "publisher"))),
                text(tags, "task"),
                runtime(variant),
                fileSizeMb(variant, properties, tags),
                List.of(),
                text(tags, "alias"),
                CatalogModelFields.flag(text(tags, "supportsToolCalling")),
                text(tags, "license"),
                text(tags, "licenseDescription"),
                parentUri(properties),
                CatalogModelFields.wholeNumber(text(tags, "maxOutputTokens"), "maxOutputTokens"),
                firstOf(text(properties, "minFLVersion"), text(tags, "minFLVersion")));
    }

    /** A damaged template costs the entry its template, not its place in the catalog. */
    private static PromptTemplate promptTemplate(String name, JsonNode tags) {
        try {
            return CatalogJson.promptTemplate(tags == null ? null : tags.get("promptTemplate"));
        } catch (InvalidRequestException | IllegalArgumentException damaged) {
            LOG.log(System.Logger.Level.WARNING, "{0}: ignoring its prompt template: {1}", name, damaged.getMessage());
            return null;
        }
    }

    private static ModelRuntime runtime(JsonNode variant) {
        String device = text(variant, "device");
        String provider = text(variant, "executionProvider");
        if (device == null || provider == null) {
            throw new IllegalArgumentException("variantMetadata has no device or executionProvider");
        }
        ExecutionProvider ep = ExecutionProvider.find(provider)
                .orElseThrow(() -> new IllegalArgumentException("unknown execution provider '" + provider + "'"));
        return new ModelRuntime(DeviceType.parse(device), ep);
    }

    private static long fileSizeMb(JsonNode... holders) {
        for (JsonNode holder : holders) {
            String bytes = text(holder, "fileSizeBytes");
            if (bytes != null) {
                try {
                    return Math.max(0, Long.parseLong(bytes.trim()) / MEBIBYTE);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("fileSizeBytes '" + bytes + "' is not a number");
                }
            }
        }
        return 0;
    }

    private static String parentUri(JsonNode properties) {
        JsonNode parents = path(properties, "variantInfo", "parents");
        if (parents != null && parents.isArray() && !parents.isEmpty()) {
            return text(parents.get(0), "assetId");
        }
        return null;
    }

    /** Publishers name cache folders, so a display form such as "Mistral AI" becomes "Mistral-AI". */
    static String publisher(String raw) {
        if (raw == null) {
            return "Microsoft";
        }
        String safe = raw.trim().replaceAll("[\\s/\\\\:]+", "-").replace("..", ".");
        return safe.isEmpty() ? "Microsoft" : safe;
    }

    private static String firstOf(String first, String second) {
        return first != null ? first : second;
    }
}
