package org.jfoundry.adapters.ort.completion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.inference.ToolDefinition;

/**
 * The output shape of a forced tool call (tool_choice required or a named function), for both engines: one JSON call
 * {@code {"name": <a callable tool's name>, "arguments": <its parameters>}}, so the arguments validate against the
 * function's schema on any model. The answer is read back as a call by the REST adapter.
 */
public final class ToolCallFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolCallFormat() {
    }

    /** The parameters to generate with: a forced call's format in place of free text, else unchanged. */
    public static GenerationParameters apply(Prompt prompt, GenerationParameters parameters) {
        if (prompt instanceof Prompt.Chat chat && chat.tools().forced()) {
            return parameters.withResponseFormat(of(chat.tools()));
        }
        return parameters;
    }

    /**
     * One option per callable tool. Definitions of a single tool move to the root so its references still resolve;
     * several tools with definitions cannot share one root, so they must be named one at a time.
     */
    static ResponseFormat.JsonSchemaFormat of(ChatTools tools) {
        List<ToolDefinition> callable = tools.callable();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode options = JSON.createArrayNode();
        for (ToolDefinition tool : callable) {
            ObjectNode parameters = parse(tool);
            for (String definitions : List.of("$defs", "definitions")) {
                if (parameters.has(definitions)) {
                    if (callable.size() > 1) {
                        throw new InvalidRequestException("tools[].function.parameters with " + definitions
                                + " can be required only one at a time: name the function in tool_choice", "tools");
                    }
                    root.set(definitions, parameters.remove(definitions));
                }
            }
            ObjectNode option = options.addObject();
            option.put("type", "object");
            ObjectNode properties = option.putObject("properties");
            properties.putObject("name").put("const", tool.name());
            properties.set("arguments", parameters);
            option.putArray("required").add("name").add("arguments");
            option.put("additionalProperties", false);
        }
        if (options.size() == 1) {
            root.setAll((ObjectNode) options.get(0));
        } else {
            root.set("anyOf", options);
        }
        Map<String, Object> tree = JSON.convertValue(root, new TypeReference<>() { });
        return new ResponseFormat.JsonSchemaFormat("tool_call", root.toString(), JsonSchema.parse(tree, "tools"),
                true);
    }

    private static ObjectNode parse(ToolDefinition tool) {
        try {
            return (ObjectNode) JSON.readTree(tool.parametersJson());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new InvalidRequestException("tools: the parameters of '" + tool.name() + "' must be a JSON schema"
                    + " object", "tools");
        }
    }
}
