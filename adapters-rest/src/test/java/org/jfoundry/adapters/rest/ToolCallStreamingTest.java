package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model writing its own tool-call markup (tool_choice auto), token by token, at the SSE level: the text before the
 * markup streams as content, then the call as OpenAI streams it (index, id, type and name first, then argument
 * fragments as they are generated), and the stream adds up to the whole answer; the Responses API the same with its
 * function-call events.
 */
class ToolCallStreamingTest {
    private static final List<String> TOKENS = List.of("Let", " me", " check", ".", "\n<", "tool", "_call", ">\n",
            "{\"name\": \"", "get_weather", "\", \"arguments\": ", "{\"city\"", ": \"Os", "lo\", ", "\"days\"", ": 3}",
            "}\n</", "tool_call", ">");
    private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":"
            + "{\"type\":\"integer\"}}}}}]";
    private static FakeFoundry foundry;
    private static RunningServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        foundry.engine.scriptedChunks(TOKENS);
        server = RestServer.start(foundry.core, RestSettings.loopback(0));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        server.stop();
        foundry.close();
    }

    @Test
    void contentStreamsUntilTheMarkupThenTheCallArrivesNameFirstAndArgumentsInFragments() throws Exception {
        List<JsonNode> chunks = events("/v1/chat/completions", "{\"model\":\"" + FakeFoundry.CHAT_ALIAS
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]" + TOOLS + "}");

        StringBuilder content = new StringBuilder();
        List<JsonNode> toolDeltas = new ArrayList<>();
        String finish = null;
        for (JsonNode chunk : chunks) {
            JsonNode delta = chunk.at("/choices/0/delta");
            content.append(delta.path("content").asText(""));
            delta.path("tool_calls").forEach(toolDeltas::add);
            if (chunk.at("/choices/0/finish_reason").isTextual()) {
                finish = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertThat(content.toString()).isEqualTo("Let me check.");
        JsonNode first = toolDeltas.getFirst();
        assertThat(first.path("index").asInt()).isZero();
        assertThat(first.path("id").asText()).startsWith("call_");
        assertThat(first.path("type").asText()).isEqualTo("function");
        assertThat(first.at("/function/name").asText()).isEqualTo("get_weather");
        List<String> fragments = toolDeltas.subList(1, toolDeltas.size()).stream()
                .map(delta -> delta.at("/function/arguments").asText()).toList();
        assertThat(fragments).hasSizeGreaterThanOrEqualTo(4).allSatisfy(f -> assertThat(f).isNotEmpty());
        assertThat(toolDeltas.subList(1, toolDeltas.size())).allSatisfy(delta -> {
            assertThat(delta.path("index").asInt()).isZero();
            assertThat(delta.has("id")).isFalse();
        });
        String arguments = String.join("", fragments);
        assertThat(arguments).isEqualTo("{\"city\": \"Oslo\", \"days\": 3}");
        assertThat(finish).isEqualTo("tool_calls");

        JsonNode whole = Json.MAPPER.readTree(post("/v1/chat/completions", "{\"model\":\"" + FakeFoundry.CHAT_ALIAS
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]" + TOOLS + "}").body());
        assertThat(whole.at("/choices/0/message/content").asText()).isEqualTo(content.toString());
        assertThat(whole.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo(arguments);
        assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo(finish);
    }

    @Test
    void theResponsesApiStreamsTheMessageThenTheFunctionCallsArgumentsAsTheyAreGenerated() throws Exception {
        List<JsonNode> events = events("/v1/responses", "{\"model\":\"" + FakeFoundry.CHAT_ALIAS
                + "\",\"stream\":true,\"input\":\"Weather?\",\"tools\":[{\"type\":\"function\",\"name\":"
                + "\"get_weather\",\"parameters\":{\"type\":\"object\"}}]}");

        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        int added = types.indexOf("response.output_item.added");
        assertThat(events.get(added).at("/item/type").asText()).isEqualTo("message");
        int callAdded = types.lastIndexOf("response.output_item.added");
        JsonNode callItem = events.get(callAdded).path("item");
        assertThat(callItem.path("type").asText()).isEqualTo("function_call");
        assertThat(callItem.path("name").asText()).isEqualTo("get_weather");
        assertThat(events.get(callAdded).path("output_index").asInt()).isEqualTo(1);
        List<JsonNode> deltas = events.stream()
                .filter(e -> e.path("type").asText().equals("response.function_call_arguments.delta")).toList();
        assertThat(deltas).hasSizeGreaterThanOrEqualTo(4);
        assertThat(types.indexOf("response.function_call_arguments.delta")).isGreaterThan(callAdded);
        assertThat(types.indexOf("response.function_call_arguments.done")).isLessThan(types.indexOf("response.completed"));
        String arguments = String.join("", deltas.stream().map(d -> d.path("delta").asText()).toList());
        assertThat(arguments).isEqualTo("{\"city\": \"Oslo\", \"days\": 3}");
        String text = String.join("", events.stream()
                .filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .map(e -> e.path("delta").asText()).toList());
        assertThat(text).isEqualTo("Let me check.");
        JsonNode completed = events.getLast().path("response");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo(text);
        assertThat(completed.at("/output/1/arguments").asText()).isEqualTo(arguments);
        assertThat(completed.at("/output/1/call_id").asText()).isEqualTo(callItem.path("call_id").asText());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The stream's data events as JSON, up to (without) {@code [DONE]}. */
    private static List<JsonNode> events(String path, String body) throws Exception {
        HttpResponse<String> answer = post(path, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                events.add(Json.MAPPER.readTree(line.substring("data: ".length())));
            }
        }
        return events;
    }
}
