package org.jfoundry.adapters.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;

/** Reads and writes catalog entries in the camelCase shape of {@code /foundry/list}. */
public final class CatalogJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogJson() {
    }

    /**
     * Reads every entry of a {@code /foundry/list} array. Entries this client cannot represent (an unknown execution
     * provider, a malformed id) are skipped, as the service might know providers this CLI does not.
     */
    public static List<CatalogModel> readList(JsonNode array) {
        List<CatalogModel> models = new ArrayList<>();
        for (JsonNode entry : array) {
            read(entry).ifPresent(models::add);
        }
        return models;
    }

    static Optional<CatalogModel> read(JsonNode e) {
        try {
            JsonNode runtime = e.path("runtime");
            Optional<ExecutionProvider> provider = ExecutionProvider.find(runtime.path("executionProvider").asText(null));
            if (provider.isEmpty() || !runtime.hasNonNull("deviceType")) {
                return Optional.empty();
            }
            ModelRuntime modelRuntime = new ModelRuntime(DeviceType.parse(runtime.get("deviceType").asText()), provider.get());
            List<Map<String, Object>> parameters = new ArrayList<>();
            for (JsonNode p : e.path("modelSettings").path("parameters")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = JSON.convertValue(p, Map.class);
                parameters.add(map);
            }
            return Optional.of(new CatalogModel(ModelId.parse(e.path("name").asText()), text(e, "displayName"),
                    text(e, "providerType"), e.path("uri").asText(), text(e, "modelType"),
                    promptTemplate(e.path("promptTemplate")), text(e, "publisher"), text(e, "task"), modelRuntime,
                    e.path("fileSizeMb").asLong(0), parameters, text(e, "alias"),
                    e.path("supportsToolCalling").asBoolean(false), text(e, "license"), text(e, "licenseDescription"),
                    text(e, "parentModelUri"), e.hasNonNull("maxOutputTokens") ? e.get("maxOutputTokens").asInt() : null,
                    text(e, "minFLVersion")));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** The entry as {@code /foundry/list} shows it, for {@code --json} output and {@code model info}. */
    public static ObjectNode write(CatalogModel m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", m.id().toString());
        o.put("displayName", m.displayName());
        o.put("providerType", m.providerType());
        o.put("uri", m.uri());
        o.put("version", m.version());
        o.put("modelType", m.modelType());
        if (m.promptTemplate() == null) {
            o.putNull("promptTemplate");
        } else {
            o.set("promptTemplate", promptTemplate(m.promptTemplate()));
        }
        o.put("publisher", m.publisher());
        o.put("task", m.task());
        ObjectNode runtime = o.putObject("runtime");
        runtime.put("deviceType", m.runtime().deviceType().name());
        runtime.put("executionProvider", m.runtime().executionProvider().ortName());
        o.put("fileSizeMb", m.fileSizeMb());
        o.putObject("modelSettings").set("parameters", JSON.valueToTree(m.modelSettingsParameters()));
        o.put("alias", m.alias());
        o.put("supportsToolCalling", m.supportsToolCalling());
        o.put("license", m.license());
        o.put("licenseDescription", m.licenseDescription());
        o.put("parentModelUri", m.parentModelUri());
        if (m.maxOutputTokens() == null) {
            o.putNull("maxOutputTokens");
        } else {
            o.put("maxOutputTokens", m.maxOutputTokens());
        }
        o.put("minFLVersion", m.minFLVersion());
        return o;
    }

    static ObjectNode promptTemplate(PromptTemplate t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("system", t.system());
        o.put("user", t.user());
        o.put("assistant", t.assistant());
        o.put("prompt", t.prompt());
        return o;
    }

    private static PromptTemplate promptTemplate(JsonNode t) {
        if (!t.isObject()) {
            return null;
        }
        return new PromptTemplate(text(t, "system"), text(t, "user"), text(t, "assistant"), text(t, "prompt"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
