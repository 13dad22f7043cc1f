package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * {@code inference_model.json}: Foundry's {@code {"Name": id, "PromptTemplate": {...}}}, plus {@code Task} and
 * {@code Alias} so that the store can report them for downloaded models.
 */
record InferenceModelJson(String name, String alias, String task, PromptTemplate promptTemplate) {

    static InferenceModelJson read(Path folder) throws IOException {
        JsonNode root = MAPPER.readTree(folder.resolve(ModelLayout.INFERENCE_MODEL).toFile());
        if (root == null || !root.isObject()) {
            throw new IOException("inference_model.json does not hold a JSON object");
        }
        PromptTemplate template;
        try {
            template = CatalogJson.promptTemplate(root.get("PromptTemplate"));
        } catch (InvalidRequestException | IllegalArgumentException e) {
            throw new IOException("inference_model.json: " + e.getMessage(), e);
        }
        return new InferenceModelJson(text(root, "Name"), text(root, "Alias"), text(root, "Task"), template);
    }

    static void write(Path folder, ModelId id, String alias, String task, PromptTemplate template) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("Name", id.toString());
        root.set("PromptTemplate", template == null ? MAPPER.createObjectNode() : CatalogJson.writeTemplate(template));
        if (task != null) {
            root.put("Task", task);
        }
        if (alias != null) {
            root.put("Alias", alias);
        }
        JsonSupport.writeAtomically(folder.resolve(ModelLayout.INFERENCE_MODEL), root);
    }
}
