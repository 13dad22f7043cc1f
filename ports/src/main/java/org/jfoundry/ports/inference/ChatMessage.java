package org.jfoundry.ports.inference;

import java.util.List;
import java.util.Objects;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * One message of a conversation, with its content as plain text; an assistant message may carry the tool calls it
 * made, a tool message the id of the call it answers.
 *
 * @param toolCalls  the assistant's calls, empty for any other role
 * @param toolCallId the call a tool message answers, or null
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new InvalidRequestException("tool_calls may only be on an assistant message", "messages.tool_calls");
        }
        if (toolCallId != null && role != Role.TOOL) {
            throw new InvalidRequestException("tool_call_id may only be on a tool message", "messages.tool_call_id");
        }
    }

    public ChatMessage(Role role, String content) {
        this(role, content, List.of(), null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
    }

    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
    }
}
