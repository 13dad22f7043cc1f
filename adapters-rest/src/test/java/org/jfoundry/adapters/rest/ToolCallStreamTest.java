package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ToolCallStreamTest {

    private static final Set<String> TOOLS = Set.of("get_weather", "get_time");

    private static List<String> calls(ToolCallStream.Parsed parsed) {
        return parsed.calls().stream().map(call -> call.name() + call.arguments()).toList();
    }

    private static ToolCallStream.Parsed parse(String text) {
        return ToolCallStream.read(text, TOOLS, true, false);
    }

    /** What a listener hears when the text arrives in pieces of {@code size} characters. */
    private static List<String> heard(String text, int size, boolean forced) {
        List<String> heard = new ArrayList<>();
        ToolCallStream stream = new ToolCallStream(TOOLS, true, forced, new ToolCallStream.Listener() {
            @Override
            public void content(String chunk) {
                heard.add("content:" + chunk);
            }

            @Override
            public void callStarted(int index, String id, String name) {
                heard.add("call " + index + ":" + name);
            }

            @Override
            public void arguments(int index, String fragment) {
                heard.add("arguments " + index + ":" + fragment);
            }
        });
        for (int at = 0; at < text.length(); at += size) {
            stream.accept(text.substring(at, Math.min(text.length(), at + size)));
        }
        stream.finish();
        return heard;
    }

    @Test
    void readsHermesQwenAndSmolLmCallsAndKeepsTheMarkupOutOfTheContent() {
        ToolCallStream.Parsed parsed = parse("Let me check.\n<tool_call>\n{\"name\": \"get_weather\","
                + " \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", "
                + "\"arguments\": {}}\n</tool_call>");

        assertThat(calls(parsed)).containsExactly("get_weather{\"city\": \"Oslo\"}", "get_time{}");
        assertThat(parsed.content()).isEqualTo("Let me check.");
        assertThat(parsed.textFirst()).isTrue();
        assertThat(parsed.calls()).allSatisfy(call -> assertThat(call.id()).matches("call_[A-Za-z0-9]{24}"));
    }

    @Test
    void readsPhi4Calls() {
        ToolCallStream.Parsed parsed = parse("<|tool_call|>[{\"name\": \"get_weather\", \"arguments\":"
                + " {\"city\": \"Rome\"}}]<|/tool_call|>");

        assertThat(calls(parsed)).containsExactly("get_weather{\"city\": \"Rome\"}");
        assertThat(parsed.content()).isEmpty();
    }

    @Test
    void readsMistralCallsInBothSyntaxes() {
        assertThat(calls(parse("[TOOL_CALLS][{\"name\": \"get_time\", \"arguments\": {\"tz\": \"UTC\"}}]")))
                .containsExactly("get_time{\"tz\": \"UTC\"}");
        assertThat(calls(parse("[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Lima\"}[TOOL_CALLS]get_time[ARGS]{}")))
                .containsExactly("get_weather{\"city\": \"Lima\"}", "get_time{}");
    }

    @Test
    void readsLlamaJsonCallsWithParameters() {
        assertThat(calls(parse("<|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\":"
                + " \"Kyiv\"}}; {\"name\": \"get_time\", \"parameters\": {}}")))
                .containsExactly("get_weather{\"city\": \"Kyiv\"}", "get_time{}");
        assertThat(calls(parse("  {\"name\": \"get_time\", \"parameters\": {\"tz\": \"CET\"}}")))
                .containsExactly("get_time{\"tz\": \"CET\"}");
    }

    @Test
    void argumentsWrittenBeforeTheNameOrAsTextAreReadWhenTheCallCloses() {
        assertThat(calls(parse("<tool_call>{\"arguments\": {\"tz\": \"UTC\"}, \"name\": \"get_time\"}</tool_call>")))
                .containsExactly("get_time{\"tz\": \"UTC\"}");
        assertThat(calls(parse("<tool_call>{\"name\": \"get_time\", \"arguments\": \"{\\\"tz\\\": 1}\"}</tool_call>")))
                .containsExactly("get_time{\"tz\": 1}");
    }

    @Test
    void textWithoutCallsOrWithCallsOfUnknownToolsStaysContent() {
        String plain = "The weather is fine, {\"not\": \"a call\"} <b>really</b> [see]  ";
        assertThat(parse(plain)).isEqualTo(new ToolCallStream.Parsed(plain, List.of(), true));
        String unknown = "<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call>";
        assertThat(parse(unknown)).isEqualTo(new ToolCallStream.Parsed(unknown, List.of(), true));
        String notAnObject = "{\"name\": \"get_time\", \"arguments\": \"not an object\"}";
        assertThat(parse(notAnObject)).isEqualTo(new ToolCallStream.Parsed(notAnObject, List.of(), true));
    }

    @Test
    void withoutParallelCallsOnlyTheFirstCounts() {
        ToolCallStream.Parsed parsed = ToolCallStream.read("<tool_call>{\"name\": \"get_time\", \"arguments\": {}}"
                + "</tool_call><tool_call>{\"name\": \"get_weather\", \"arguments\": {}}</tool_call>", TOOLS, false,
                false);

        assertThat(calls(parsed)).containsExactly("get_time{}");
    }

    @Test
    void aForcedAnswerIsOneCallsJson() {
        assertThat(calls(ToolCallStream.read("{\"name\":\"get_time\",\"arguments\":{\"tz\":\"CET\"}}", TOOLS, true,
                true))).containsExactly("get_time{\"tz\":\"CET\"}");
    }

    @Test
    void contentStreamsUntilTheMarkerAndTheArgumentsFollowInFragments() {
        List<String> heard = heard("Sure.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": "
                + "{\"city\": \"Oslo\", \"days\": 3}}\n</tool_call>", 4, false);

        assertThat(heard.getFirst()).isEqualTo("content:Sure");
        assertThat(String.join("", heard.stream().filter(h -> h.startsWith("content:"))
                .map(h -> h.substring("content:".length())).toList())).isEqualTo("Sure.");
        assertThat(heard).contains("call 0:get_weather");
        List<String> fragments = heard.stream().filter(h -> h.startsWith("arguments 0:")).toList();
        assertThat(fragments).hasSizeGreaterThan(3);
        assertThat(String.join("", fragments.stream().map(f -> f.substring("arguments 0:".length())).toList()))
                .isEqualTo("{\"city\": \"Oslo\", \"days\": 3}");
        assertThat(heard.indexOf("call 0:get_weather")).isLessThan(heard.indexOf(fragments.getFirst()));
    }

    @ParameterizedTest(name = "in pieces of {0}")
    @ValueSource(ints = {1, 2, 3, 5, 7, 11, 1000})
    void aStreamAddsUpToTheWholeAnswerHoweverTheTextIsCut(int size) {
        for (String text : List.of(
                "Let me check. <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"<tool_call>\"}}"
                        + "\n</tool_call>\n<tool_call>{\"name\": \"get_time\", \"arguments\": {}}</tool_call> done",
                "<|tool_call|>[{\"name\": \"get_time\", \"arguments\": {\"a\": [1, {\"b\": \"}\"}]}}]<|/tool_call|>",
                "<|python_tag|>{\"name\": \"get_time\", \"parameters\": {\"x\": true}}",
                "A [link] and a <tag> and < and [TOOL but no call.",
                "<tool_call>{\"name\": \"nope\", \"arguments\": {}}</tool_call> then text")) {
            ToolCallStream.Parsed whole = parse(text);
            List<String> heard = heard(text, size, false);
            String content = String.join("", heard.stream().filter(h -> h.startsWith("content:"))
                    .map(h -> h.substring("content:".length())).toList());

            assertThat(content).as(text).isEqualTo(whole.content());
            assertThat(heard.stream().filter(h -> h.startsWith("call ")).map(h -> h.substring(h.indexOf(':') + 1))
                    .toList()).as(text).isEqualTo(whole.calls().stream().map(ToolCallStream.Call::name).toList());
            if (!whole.calls().isEmpty()) {
                assertThat(content).as(text).doesNotContain("<tool_call>", "<|tool_call|>", "<|python_tag|>",
                        "\"arguments\"");
            }
        }
    }
}
