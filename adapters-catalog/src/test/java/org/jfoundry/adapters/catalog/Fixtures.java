package org.jfoundry.adapters.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

/** Shapes of the real services' replies, and quick settings for tests. */
final class Fixtures {
    private Fixtures() {
    }

    static HttpSupport fastHttp() {
        return new HttpSupport(HttpSupport.newClient(Duration.ofSeconds(5), null), Duration.ofSeconds(10), 3,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    static DownloadOptions fastDownloads() {
        return DownloadOptions.defaults()
                .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(50))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withProgressInterval(Duration.ZERO)
                .withFreeSpace(folder -> Long.MAX_VALUE, 0);
    }

    /** An entity of {@code indexEntitiesResponse.value[]} as the Azure AI Foundry catalog returns it. */
    static ObjectNode entity(String name, String version, String device, String provider, String alias) {
        ObjectNode entity = JsonSupport.MAPPER.createObjectNode();
        entity.put("entityId", "azureml://registries/azureml/models/" + name + "/versions/" + version);
        entity.put("assetId", "azureml://registries/azureml/models/" + name + "/versions/" + version);
        ObjectNode properties = entity.putObject("properties");
        properties.put("name", name);
        properties.put("version", Integer.parseInt(version));
        ObjectNode variantInfo = properties.putObject("variantInfo");
        variantInfo.putArray("parents").addObject().put("assetId", "azureml://registries/azureml/models/" + alias + "-parent/versions/1");
        ObjectNode metadata = variantInfo.putObject("variantMetadata");
        metadata.put("device", device);
        metadata.put("executionProvider", provider);
        metadata.put("fileSizeBytes", 5L * 1024 * 1024 * 1024);
        metadata.put("modelType", "ONNX");
        ObjectNode annotations = entity.putObject("annotations");
        annotations.putObject("systemCatalogData").put("publisher", "Microsoft").put("displayName", name + " display");
        ObjectNode tags = annotations.putObject("tags");
        tags.put("alias", alias);
        tags.put("foundryLocal", "");
        tags.put("task", "chat-completion");
        tags.put("license", "MIT");
        tags.put("supportsToolCalling", "true");
        tags.put("maxOutputTokens", "2048");
        tags.put("promptTemplate", "{\"system\":\"<|system|>{Content}<|end|>\",\"user\":\"<|user|>{Content}<|end|>\","
                + "\"assistant\":\"<|assistant|>{Content}<|end|>\",\"prompt\":\"<|user|>{Content}<|end|><|assistant|>\"}");
        return entity;
    }

    static String page(Integer nextSkip, String token, JsonNode... entities) {
        ObjectNode root = JsonSupport.MAPPER.createObjectNode();
        ObjectNode response = root.putObject("indexEntitiesResponse");
        response.put("totalCount", entities.length);
        var values = response.putArray("value");
        for (JsonNode entity : entities) {
            values.add(entity);
        }
        if (nextSkip != null) {
            response.put("nextSkip", nextSkip);
        }
        if (token != null) {
            response.put("continuationToken", token);
        }
        return root.toString();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5Base64(byte[] content) {
        try {
            return java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
