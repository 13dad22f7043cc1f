package org.jfoundry.adapters.ort.completion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.Role;
import org.jfoundry.ports.inference.ToolCall;
import org.jfoundry.ports.inference.ToolDefinition;

/**
 * Tools, assistant tool calls and tool results on their way into a prompt. A chat template that reads the
 * {@code tools} variable (Qwen2.5, Llama 3.x, Mistral...) gets them as Hugging Face passes them: {@link #templateTools}
 * and {@link #templateMessages}; one that reads a system message's {@code tools} field (Phi-4-mini) gets them there as
 * JSON text. Any other template, and Foundry's prompt templates, get the documented fallback,
 * {@link #hermesFallback}: the tools described in the system message in the Hermes format that Qwen, SmolLM and
 * Hermes models are trained on, calls written as {@code <tool_call>} blocks, results as {@code <tool_response>} blocks.
 */
public final class ToolPrompts {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The template reads a variable named tools (not, say, a message field such as message.tools). */
    private static final Pattern READS_TOOLS = Pattern.compile("(?<![\\w.'\"\\[])tools(?![\\w'\"])");
    /** The template reads the tools from the system message, as Phi-4-mini's does. */
    private static final Pattern READS_MESSAGE_TOOLS = Pattern.compile("message(\\[['\"]tools['\"]]|\\.tools\\b)");

    private ToolPrompts() {
    }

    /** Whether a Jinja chat template renders the {@code tools} variable itself. */
    public static boolean templateTakesTools(String chatTemplate) {
        return chatTemplate != null && (READS_TOOLS.matcher(chatTemplate).find()
                || READS_MESSAGE_TOOLS.matcher(chatTemplate).find());
    }

    /** Whether the conversation or the request holds anything tool-related that a prompt must show. */
    public static boolean involvesTools(List<ChatMessage> messages, ChatTools tools) {
        return tools.active() || messages.stream().anyMatch(m -> !m.toolCalls().isEmpty() || m.role() == Role.TOOL);
    }

    /** {@code [{"type": "function", "function": {"name", "description", "parameters"}}]}, or null when inactive. */
    public static List<Map<String, Object>> templateTools(ChatTools tools) {
        if (!tools.active()) {
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (ToolDefinition tool : tools.definitions()) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", tool.name());
            function.put("description", tool.description());
            function.put("parameters", parse(tool.parametersJson()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", "function");
            entry.put("function", function);
            list.add(entry);
        }
        return list;
    }

    /**
     * Messages as Hugging Face passes them to templates: role and content; an assistant's {@code tool_calls} with
     * {@code {"id", "type": "function", "function": {"name", "arguments"}}} and arguments as an object (templates
     * write them with {@code tojson}), or written into its content when the template never reads tool_calls; a tool
     * message's {@code tool_call_id}; the system message's {@code tools} (JSON text) for templates that read it there.
     */
    public static List<Map<String, Object>> templateMessages(List<ChatMessage> messages, ChatTools tools,
                                                             String chatTemplate) {
        boolean readsCalls = chatTemplate != null && chatTemplate.contains("tool_calls");
        List<Map<String, Object>> list = new ArrayList<>();
        for (ChatMessage message : messages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", message.role().wireName());
            entry.put("content", readsCalls ? message.content() : callsAsText(message));
            if (readsCalls && !message.toolCalls().isEmpty()) {
                List<Map<String, Object>> calls = new ArrayList<>();
                for (ToolCall call : message.toolCalls()) {
                    Map<String, Object> function = new LinkedHashMap<>();
                    function.put("name", call.name());
                    function.put("arguments", parse(call.argumentsJson()));
                    Map<String, Object> entryCall = new LinkedHashMap<>();
                    entryCall.put("id", call.id());
                    entryCall.put("type", "function");
                    entryCall.put("function", function);
                    calls.add(entryCall);
                }
                entry.put("tool_calls", calls);
            }
            if (message.toolCallId() != null) {
                entry.put("tool_call_id", message.toolCallId());
            }
            list.add(entry);
        }
        if (tools.active() && chatTemplate != null && READS_MESSAGE_TOOLS.matcher(chatTemplate).find()) {
            if (list.isEmpty() || !"system".equals(list.getFirst().get("role"))) {
                Map<String, Object> system = new LinkedHashMap<>();
                system.put("role", "system");
                system.put("content", "");
                list.addFirst(system);
            }
            list.getFirst().put("tools", write(templateTools(tools)));
        }
        return list;
    }

    /** The conversation with tools, calls and results written as plain message text (see the class comment). */
    public static List<ChatMessage> hermesFallback(List<ChatMessage> messages, ChatTools tools) {
        List<ChatMessage> rendered = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (!message.toolCalls().isEmpty()) {
                rendered.add(ChatMessage.assistant(callsAsText(message)));
            } else if (message.role() == Role.TOOL) {
                rendered.add(new ChatMessage(Role.TOOL, "<tool_response>\n" + message.content()
                        + "\n</tool_response>"));
            } else {
                rendered.add(new ChatMessage(message.role(), message.content()));
            }
        }
        if (!tools.active()) {
            return rendered;
        }
        StringBuilder text = new StringBuilder("# Tools\n\nYou may call one or more functions. Their signatures,"
                + " within <tools></tools> XML tags:\n<tools>");
        for (Map<String, Object> tool : templateTools(tools)) {
            text.append('\n').append(write(tool));
        }
        text.append("\n</tools>\n\nFor each call, return a json object with function name and arguments within"
                + " <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\":"
                + " <args-json-object>}\n</tool_call>");
        if (rendered.getFirst().role() == Role.SYSTEM) {
            rendered.set(0, ChatMessage.system(rendered.getFirst().content() + "\n\n" + text));
        } else {
            rendered.addFirst(ChatMessage.system(text.toString()));
        }
        return rendered;
    }

    private static String callsAsText(ChatMessage message) {
        StringBuilder text = new StringBuilder(message.content());
        for (ToolCall call : message.toolCalls()) {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("name", call.name());
            written.put("arguments", parse(call.argumentsJson()));
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("<tool_call>\n").append(write(written)).append("\n</tool_call>");
        }
        return text.toString();
    }

    /** JSON text as plain values (maps keep their order); text that is not JSON stays a string. */
    private static Object parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Object>() { });
        } catch (JsonProcessingException notJson) {
            return json;
        }
    }

    /** As JSON text, for templates and for GenAI's chat template function. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialise", e);
        }
    }
}
