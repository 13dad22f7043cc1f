package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolCallSyntaxTest {

    private static final Set<String> TOOLS = Set.of("get_weather", "get_time");

    private static List<String> calls(ToolCallSyntax.Parsed parsed) {
        return parsed.calls().stream().map(call -> call.name() + call.arguments()).toList();
    }

    @Test
    void readsHermesQwenAndSmolLmCallsAndKeepsTheMarkupOutOfTheContent() {
        ToolCallSyntax.Parsed parsed = ToolCallSyntax.parse("Let me check.\n<tool_call>\n{\"name\": \"get_weather\","
                + " \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", "
                + "\"arguments\": {}}\n</tool_call>", TOOLS);

        assertThat(calls(parsed)).containsExactly("get_weather{\"city\":\"Oslo\"}", "get_time{}");
        assertThat(parsed.content()).isEqualTo("Let me check.");
        assertThat(parsed.calls()).allSatisfy(call -> assertThat(call.id()).matches("call_[A-Za-z0-9]{24}"));
    }

    @Test
    void readsPhi4Calls() {
        ToolCallSyntax.Parsed parsed = ToolCallSyntax.parse("<|tool_call|>[{\"name\": \"get_weather\", \"arguments\":"
                + " {\"city\": \"Rome\"}}]<|/tool_call|>", TOOLS);

        assertThat(calls(parsed)).containsExactly("get_weather{\"city\":\"Rome\"}");
        assertThat(parsed.content()).isEmpty();
    }

    @Test
    void readsMistralCallsInBothSyntaxes() {
        assertThat(calls(ToolCallSyntax.parse("[TOOL_CALLS][{\"name\": \"get_time\", \"arguments\": {\"tz\": \"UTC\"}}]",
                TOOLS))).containsExactly("get_time{\"tz\":\"UTC\"}");
        assertThat(calls(ToolCallSyntax.parse("[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Lima\"}", TOOLS)))
                .containsExactly("get_weather{\"city\":\"Lima\"}");
    }

    @Test
    void readsLlamaJsonCallsWithParameters() {
        assertThat(calls(ToolCallSyntax.parse("<|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\":"
                + " \"Kyiv\"}}; {\"name\": \"get_time\", \"parameters\": {}}", TOOLS)))
                .containsExactly("get_weather{\"city\":\"Kyiv\"}", "get_time{}");
    }

    @Test
    void textWithoutCallsOrWithCallsOfUnknownToolsStaysContent() {
        String plain = "The weather is fine, {\"not\": \"a call\"}";
        assertThat(ToolCallSyntax.parse(plain, TOOLS)).isEqualTo(new ToolCallSyntax.Parsed(plain, List.of()));
        String unknown = "<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call>";
        assertThat(ToolCallSyntax.parse(unknown, TOOLS).calls()).isEmpty();
        assertThat(ToolCallSyntax.parse("{\"name\": \"get_time\", \"arguments\": \"not an object\"}", TOOLS).calls())
                .isEmpty();
    }

    @Test
    void aForcedAnswerIsOneCallsJson() {
        assertThat(calls(ToolCallSyntax.forced("{\"name\":\"get_time\",\"arguments\":{\"tz\":\"CET\"}}", TOOLS)))
                .containsExactly("get_time{\"tz\":\"CET\"}");
    }
}
