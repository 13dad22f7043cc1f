package org.jfoundry.adapters.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Timings;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;

/**
 * The Foundry REST API over {@link HttpURLConnection}: synchronous, light to load, and a stream can be cut from
 * another thread with {@code disconnect()}, which is how Ctrl+C stops a reply.
 */
public final class HttpServiceClient implements ServiceClient {
    static final String CATALOG_UNREACHABLE = "X-Foundry-Catalog-Unreachable";
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
    private static final Pattern VALID_EPS = Pattern.compile("([A-Za-z]+ExecutionProvider)");
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    /** Management calls may fetch the online catalog or load a large model; generous, but not forever. */
    private static final int MANAGEMENT_READ_TIMEOUT_MS = 600_000;

    private final URI baseUrl;
    private final String apiKey;

    /** @param apiKey sent as a bearer token when the service requires one; null: none */
    public HttpServiceClient(URI baseUrl, String apiKey) {
        String text = baseUrl.toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    /** The service names unreachable catalog sources in a header of an otherwise ordinary list. */
    @Override
    public CatalogListing catalogListing() {
        HttpURLConnection connection = open("/foundry/list", "GET", MANAGEMENT_READ_TIMEOUT_MS);
        try (InputStream in = successfulBody(connection)) {
            List<CatalogModel> models = CatalogJson.readList(in.readAllBytes());
            List<String> unreachable = new ArrayList<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (CATALOG_UNREACHABLE.equalsIgnoreCase(name)) {
                    unreachable.addAll(values);
                }
            });
            return new CatalogListing(models, unreachable);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ServiceError(0, "The service answered /foundry/list with something that is not JSON");
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public List<ModelId> cachedModels() {
        return ids(getJson("/openai/models"));
    }

    @Override
    public ResolvedModel resolve(String name, ExecutionProvider provider) {
        String path = "/foundry/resolve/" + encode(name) + (provider == null ? "" : "?ep=" + provider.shortName());
        JsonNode answer = getJson(path);
        CatalogModel model = CatalogJson.read(answer.path("model")).orElseThrow(() -> new ServiceError(0,
                "The service answered " + path + " with a model this client cannot read: " + answer.path("model")));
        return new ResolvedModel(model, answer.path("cached").asBoolean());
    }

    @Override
    public ModelId removeCached(String name, boolean unloadFirst) {
        String path = "/openai/models/" + encode(name) + "?unload=" + unloadFirst;
        HttpURLConnection connection = open(path, "DELETE", MANAGEMENT_READ_TIMEOUT_MS);
        try (InputStream in = successfulBody(connection)) {
            return ModelId.parse(Json.MAPPER.readTree(in.readAllBytes()).path("name").asText());
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
            throw new ServiceError(0, "The service answered " + path + " with something that is not a removed model");
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public List<ModelId> loadedModels() {
        return ids(getJson("/openai/loadedmodels"));
    }

    @Override
    public ServiceInfo status() {
        JsonNode status = getJson("/openai/status");
        List<String> endpoints = new ArrayList<>();
        status.path("endpoints").forEach(e -> endpoints.add(e.asText()));
        List<String> providers = new ArrayList<>();
        Matcher m = VALID_EPS.matcher(status.path("autoRegistrationStatus").asText(""));
        while (m.find()) {
            providers.add(m.group(1));
        }
        return new ServiceInfo(endpoints, status.path("modelDirPath").asText(""), providers);
    }

    @Override
    public void load(String name, Duration ttl, ExecutionProvider provider) {
        StringBuilder path = new StringBuilder("/openai/load/").append(encode(name));
        char separator = '?';
        if (ttl != null) {
            path.append(separator).append("ttl=").append(ttl.toSeconds());
            separator = '&';
        }
        if (provider != null) {
            path.append(separator).append("ep=").append(provider.shortName());
        }
        get(path.toString());
    }

    @Override
    public void unload(String name, boolean force) {
        get("/openai/unload/" + encode(name) + "?force=" + force);
    }

    @Override
    public void download(CatalogModel model, DoubleConsumer percentDone) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode m = body.putObject("model");
        m.put("Name", model.id().toString());
        m.put("Uri", model.uri());
        m.put("Publisher", model.publisher());
        m.put("ProviderType", "AzureFoundryLocal");
        if (model.promptTemplate() != null) {
            m.set("PromptTemplate", CatalogJson.promptTemplate(model.promptTemplate()));
        }
        body.put("token", "");
        body.put("IgnorePipeReport", true);
        progressOf(open("/openai/download", "POST", 0), body, percentDone, "Download failed: ", "the download of " + model.id());
    }

    @Override
    public ModelId importModel(Path file, String alias, String precision, DoubleConsumer percentDone) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("path", file.toAbsolutePath().normalize().toString());
        body.put("alias", alias);
        body.put("precision", precision);
        JsonNode outcome = progressOf(open("/foundry/import", "POST", 0), body, percentDone, "Import failed: ",
                "the import of " + file);
        return ModelId.parse(outcome.path("name").asText());
    }

    /**
     * Sends the body and reads a progress stream ({@code Total 42% ...} lines, then a JSON outcome), reporting the
     * percentages; returns the outcome of a success and throws {@link ServiceError} for a failure.
     */
    private JsonNode progressOf(HttpURLConnection connection, JsonNode body, DoubleConsumer percentDone, String failurePrefix,
                                String what) {
        try {
            send(connection, body);
            try (BufferedReader lines = reader(connection)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("{")) {
                        JsonNode outcome = Json.MAPPER.readTree(trimmed);
                        if (!outcome.path("success").asBoolean(false)) {
                            throw new ServiceError(500, failurePrefix
                                    + outcome.path("errorMessage").asText("the service gave no reason"));
                        }
                        return outcome;
                    }
                    Matcher percent = PERCENT.matcher(trimmed);
                    if (percent.find()) {
                        percentDone.accept(Double.parseDouble(percent.group(1)));
                    }
                }
            }
            throw new ServiceError(0, "The service ended " + what + " without saying whether it worked");
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public ChatReply chat(String model, List<ChatMessage> messages, TokenSink sink, CancellationSignal cancel) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode array = body.putArray("messages");
        for (ChatMessage message : messages) {
            array.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);

        HttpURLConnection connection = open("/v1/chat/completions", "POST", 0);
        Runnable removeCallback = cancel.onCancel(connection::disconnect);
        StringBuilder text = new StringBuilder();
        Timings timings = null;
        int chunks = 0;
        Integer usageTokens = null;
        String finishReason = null;
        try {
            send(connection, body);
            try (BufferedReader lines = reader(connection)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.startsWith("data:")) {
                        continue;
                    }
                    String data = line.substring(5).trim();
                    if (data.equals("[DONE]")) {
                        break;
                    }
                    JsonNode event = Json.MAPPER.readTree(data);
                    if (event.has("error")) {
                        throw new ServiceError(500, event.path("error").path("message").asText("the reply failed"));
                    }
                    if (event.path("usage").has("completion_tokens")) {
                        usageTokens = event.path("usage").path("completion_tokens").asInt();
                    }
                    JsonNode choice = event.path("choices").path(0);
                    String content = choice.path("delta").path("content").asText("");
                    if (!content.isEmpty() && !cancel.isCancelled()) {
                        chunks++;
                        text.append(content);
                        sink.accept(content);
                    }
                    if (choice.hasNonNull("finish_reason")) {
                        finishReason = choice.get("finish_reason").asText();
                    }
                    if (event.has("timings")) {
                        timings = timings(event.get("timings"));
                    }
                }
            }
        } catch (IOException e) {
            if (!cancel.isCancelled()) {
                throw unreachable(e);
            }
        } catch (ServiceError e) {
            if (!cancel.isCancelled()) {
                throw e;
            }
        } finally {
            removeCallback.run();
            connection.disconnect();
        }
        boolean cancelled = cancel.isCancelled();
        return new ChatReply(text.toString(), usageTokens != null ? usageTokens : chunks, cancelled ? null : timings,
                cancelled ? null : finishReason, cancelled);
    }

    /** The service's {@code timings} extension: what its core measured, so the CLI shows the service's one figure. */
    private static Timings timings(JsonNode node) {
        return new Timings(Duration.ofNanos(Math.round(node.path("time_to_first_token_ms").asDouble() * 1e6)),
                Duration.ofNanos(Math.round(node.path("total_ms").asDouble() * 1e6)),
                node.path("tokens_per_second").asDouble());
    }

    @Override
    public String transcribe(String model, Path audio, String responseFormat, String language) {
        byte[] file;
        try {
            file = Files.readAllBytes(audio);
        } catch (IOException e) {
            throw new ServiceError(0, "Cannot read " + audio + ": " + e.getMessage());
        }
        String boundary = "jfoundry-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("model", model);
        fields.put("response_format", responseFormat);
        if (language != null) {
            fields.put("language", language);
        }
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        String fileName = audio.getFileName().toString().replace("\"", "");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        HttpURLConnection connection = open("/v1/audio/transcriptions", "POST", 0);
        try {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            try (InputStream in = successfulBody(connection)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            connection.disconnect();
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private JsonNode getJson(String path) {
        try {
            return Json.MAPPER.readTree(get(path));
        } catch (IOException e) {
            throw new ServiceError(0, "The service answered " + path + " with something that is not JSON");
        }
    }

    private String get(String path) {
        HttpURLConnection connection = open(path, "GET", MANAGEMENT_READ_TIMEOUT_MS);
        try (InputStream in = successfulBody(connection)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection open(String path, String method, int readTimeoutMs) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(readTimeoutMs);
            connection.setUseCaches(false);
            if (apiKey != null) {
                connection.setRequestProperty("Authorization", "Bearer " + apiKey);
            }
            return connection;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private static void send(HttpURLConnection connection, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
        }
    }

    private BufferedReader reader(HttpURLConnection connection) throws IOException {
        return new BufferedReader(new InputStreamReader(successfulBody(connection), StandardCharsets.UTF_8));
    }

    /** The body of a 2xx answer; any other status becomes a {@link ServiceError} with the service's message. */
    private static InputStream successfulBody(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        if (status >= 200 && status < 300) {
            return connection.getInputStream();
        }
        InputStream error = connection.getErrorStream();
        String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
        throw new ServiceError(status, errorMessage(status, body));
    }

    static String errorMessage(int status, String body) {
        try {
            JsonNode message = Json.MAPPER.readTree(body).path("error").path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        String raw = body.strip();
        return raw.isEmpty() ? "the service answered HTTP " + status : raw;
    }

    private static List<ModelId> ids(JsonNode array) {
        List<ModelId> ids = new ArrayList<>();
        for (JsonNode id : array) {
            if (id.isTextual() && ModelId.isFullId(id.asText())) {
                ids.add(ModelId.parse(id.asText()));
            }
        }
        return ids;
    }

    private ServiceUnreachable unreachable(IOException e) {
        return new ServiceUnreachable("The service at " + baseUrl + " did not answer: " + e.getMessage(), e);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Loaded on first use: {@code model list} reads its answer without databind, which costs ~40 ms to start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
