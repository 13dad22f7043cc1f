package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.PromptTemplate;

/** A catalog model in the camelCase shape of Foundry Local's {@code /foundry/list}. */
final class CatalogJson {
    private CatalogJson() {
    }

    static ObjectNode of(CatalogModel model) {
        ObjectNode node = Json.object();
        node.put("name", model.id().toString());
        node.put("displayName", model.displayName());
        node.put("providerType", model.providerType());
        node.put("uri", model.uri());
        node.put("version", model.version());
        node.put("modelType", model.modelType());
        node.set("promptTemplate", promptTemplate(model.promptTemplate()));
        node.put("publisher", model.publisher());
        node.put("task", model.task());
        ObjectNode runtime = node.putObject("runtime");
        runtime.put("deviceType", model.runtime().deviceType().name());
        runtime.put("executionProvider", model.runtime().executionProvider().ortName());
        node.put("fileSizeMb", model.fileSizeMb());
        ArrayNode parameters = node.putObject("modelSettings").putArray("parameters");
        for (Map<String, Object> parameter : model.modelSettingsParameters()) {
            parameters.add(Json.MAPPER.valueToTree(parameter));
        }
        node.put("alias", model.alias());
        node.put("supportsToolCalling", model.supportsToolCalling());
        node.put("license", model.license());
        node.put("licenseDescription", model.licenseDescription());
        node.put("parentModelUri", model.parentModelUri());
        node.put("maxOutputTokens", model.maxOutputTokens());
        node.put("minFLVersion", model.minFLVersion());
        return node;
    }

    static ObjectNode promptTemplate(PromptTemplate template) {
        if (template == null) {
            return null;
        }
        ObjectNode node = Json.object();
        node.put("system", template.system());
        node.put("user", template.user());
        node.put("assistant", template.assistant());
        node.put("prompt", template.prompt());
        return node;
    }
}
