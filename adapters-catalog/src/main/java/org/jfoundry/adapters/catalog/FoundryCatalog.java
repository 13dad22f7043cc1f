package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CatalogSource;

/**
 * The Azure AI Foundry catalog: one paged query per device type, entities mapped to catalog models. The last good
 * answer is saved as {@code foundry.modelinfo.json} in the cache folder and served when the service cannot be reached.
 */
final class FoundryCatalog implements CatalogSource {
    static final String SAVED_FILE = "foundry.modelinfo.json";
    private static final System.Logger LOG = System.getLogger(FoundryCatalog.class.getName());
    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 200;
    private static final Duration OFFLINE_RETRY = Duration.ofMinutes(1);

    private final HttpSupport http;
    private final URI endpoint;
    private final Path savedCopy;
    private final Map<DeviceType, Set<ExecutionProvider>> devices;
    private final Duration refreshAfter;
    private List<CatalogModel> remembered;
    private long freshUntilNanos;

    FoundryCatalog(HttpSupport http, URI base, String region, Path cacheDirectory,
                   Map<DeviceType, Set<ExecutionProvider>> devices, Duration refreshAfter) {
        this.http = http;
        this.endpoint = URI.create(base + "/api/" + region + "/ux/v1.0/entities/crossRegion");
        this.savedCopy = cacheDirectory.resolve(SAVED_FILE);
        this.devices = new EnumMap<>(devices);
        this.refreshAfter = refreshAfter;
    }

    /** Each device type with every provider that ships variants for it (OpenVINO has CPU, GPU and NPU variants). */
    static Map<DeviceType, Set<ExecutionProvider>> allDevices() {
        Map<DeviceType, Set<ExecutionProvider>> devices = new EnumMap<>(DeviceType.class);
        for (ExecutionProvider provider : ExecutionProvider.values()) {
            devices.computeIfAbsent(provider.typicalDevice(), d -> new LinkedHashSet<>()).add(provider);
        }
        devices.get(DeviceType.CPU).add(ExecutionProvider.OPENVINO);
        devices.get(DeviceType.NPU).add(ExecutionProvider.OPENVINO);
        return devices;
    }

    @Override
    public String name() {
        return "foundry";
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public synchronized List<CatalogModel> listModels() {
        long now = System.nanoTime();
        if (remembered != null && now - freshUntilNanos < 0) {
            return remembered;
        }
        List<CatalogModel> models;
        try {
            models = fetch();
        } catch (IOException | RuntimeException unreachable) {
            if (unreachable instanceof CancelledException cancelled) {
                throw cancelled;
            }
            List<CatalogModel> fallback = savedOrFail(unreachable);
            // Offline, ask the network again soon rather than at every call, nor only after the full refresh time.
            remembered = fallback;
            freshUntilNanos = now + Math.min(refreshAfter.toNanos(), OFFLINE_RETRY.toNanos());
            return fallback;
        }
        save(models);
        remembered = models;
        freshUntilNanos = now + refreshAfter.toNanos();
        return models;
    }

    private List<CatalogModel> fetch() throws IOException {
        Map<ModelId, CatalogModel> byId = new LinkedHashMap<>();
        for (var device : devices.entrySet()) {
            for (JsonNode entity : fetchDevice(device.getKey(), device.getValue())) {
                try {
                    CatalogModel model = FoundryEntities.toCatalogModel(entity);
                    byId.putIfAbsent(model.id(), model);
                } catch (RuntimeException unusable) {
                    // One odd entity must not hide the rest of the catalog.
                    LOG.log(System.Logger.Level.WARNING, "skipping catalog entity {0}: {1}",
                            text(entity, "entityId"), unusable.getMessage());
                }
            }
        }
        return List.copyOf(byId.values());
    }

    private List<JsonNode> fetchDevice(DeviceType device, Set<ExecutionProvider> providers) throws IOException {
        List<JsonNode> entities = new ArrayList<>();
        Integer skip = null;
        String token = null;
        Set<String> seenPages = new LinkedHashSet<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            if (!seenPages.add(skip + "|" + token)) {
                throw new IOException("the catalog repeated a page (skip " + skip + "), paging stopped");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .header("User-Agent", "AzureAiStudio")
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(requestBody(device, providers, skip, token).toString()));
            JsonNode reply = MAPPER.readTree(http.send(request, new CancellationSignal()).body());
            JsonNode response = reply.get("indexEntitiesResponse");
            if (response == null || !response.isObject()) {
                throw new IOException("the catalog reply has no indexEntitiesResponse");
            }
            JsonNode values = response.get("value");
            if (values != null && values.isArray()) {
                values.forEach(entities::add);
            }
            JsonNode nextSkip = response.get("nextSkip");
            skip = nextSkip != null && nextSkip.canConvertToInt() && nextSkip.asInt() > 0 ? nextSkip.asInt() : null;
            token = text(response, "continuationToken");
            if (skip == null && token == null) {
                return entities;
            }
        }
        throw new IOException("the catalog has more than " + MAX_PAGES + " pages for " + device);
    }

    static ObjectNode requestBody(DeviceType device, Set<ExecutionProvider> providers, Integer skip, String token) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode resource = body.putArray("resourceIds").addObject();
        resource.put("resourceId", "azureml");
        resource.put("entityContainerType", "Registry");
        ObjectNode index = body.putObject("indexEntitiesRequest");
        ArrayNode filters = index.putArray("filters");
        filter(filters, "type", List.of("models"));
        filter(filters, "kind", List.of("Versioned"));
        filter(filters, "labels", List.of("latest"));
        filter(filters, "annotations/tags/foundryLocal", List.of(""));
        filter(filters, "properties/variantInfo/variantMetadata/device", List.of(device.name().toLowerCase(Locale.ROOT)));
        filter(filters, "properties/variantInfo/variantMetadata/executionProvider",
                providers.stream().map(p -> p.ortName().toLowerCase(Locale.ROOT)).toList());
        index.put("pageSize", PAGE_SIZE);
        if (skip == null) {
            index.putNull("skip");
        } else {
            index.put("skip", skip);
        }
        if (token == null) {
            index.putNull("continuationToken");
        } else {
            index.put("continuationToken", token);
        }
        return body;
    }

    private static void filter(ArrayNode filters, String field, List<String> values) {
        ObjectNode filter = filters.addObject();
        filter.put("field", field);
        filter.put("operator", "eq");
        values.forEach(filter.putArray("values")::add);
    }

    private void save(List<CatalogModel> models) {
        try {
            JsonSupport.writeAtomically(savedCopy, CatalogJson.writeAll(models));
        } catch (IOException e) {
            // Listing still works online; only the offline copy is stale.
            LOG.log(System.Logger.Level.WARNING, "could not save the catalog to {0}: {1}", savedCopy, e.getMessage());
        }
    }

    private List<CatalogModel> savedOrFail(Exception unreachable) {
        if (remembered != null) {
            return remembered;
        }
        if (Files.isRegularFile(savedCopy)) {
            try {
                List<CatalogModel> saved = new ArrayList<>();
                for (JsonNode entry : MAPPER.readTree(savedCopy.toFile())) {
                    saved.add(CatalogJson.read(entry));
                }
                LOG.log(System.Logger.Level.INFO, "the Foundry catalog is unreachable ({0}); using {1}",
                        unreachable.getMessage(), savedCopy);
                return List.copyOf(saved);
            } catch (IOException | RuntimeException unreadable) {
                throw new DownloadFailedException("The Foundry catalog at " + endpoint + " could not be read ("
                        + unreachable.getMessage() + ") and the saved copy " + savedCopy + " is unreadable ("
                        + unreadable.getMessage() + ")", unreachable);
            }
        }
        throw new DownloadFailedException("The Foundry catalog at " + endpoint + " could not be read ("
                + Objects.requireNonNullElse(unreachable.getMessage(), unreachable.toString())
                + ") and no saved copy exists at " + savedCopy, unreachable);
    }
}
