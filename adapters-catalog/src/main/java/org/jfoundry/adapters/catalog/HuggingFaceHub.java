package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;

/**
 * The Hugging Face Hub: lists a repository folder with {@code /api/models/{repo}/tree/{revision}/{path}?recursive=true}
 * (following the {@code Link: rel="next"} pages the Hub sends for big folders) and downloads from
 * {@code /{repo}/resolve/{revision}/{file}}. LFS files carry their SHA-256, which the download checks.
 */
final class HuggingFaceHub implements FileResolver {
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private final HttpSupport http;
    private final URI base;
    private final String token;

    HuggingFaceHub(HttpSupport http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    @Override
    public boolean handles(String uri) {
        return HuggingFaceRef.isRef(uri);
    }

    @Override
    public ModelFiles resolve(CatalogModel model, CancellationSignal cancel) throws IOException {
        return list(HuggingFaceRef.parse(model.uri()), cancel);
    }

    /** The files under the reference's folder, with paths relative to it. */
    ModelFiles list(HuggingFaceRef ref, CancellationSignal cancel) throws IOException {
        String folderPrefix = ref.subfolder().isEmpty() ? "" : ref.subfolder() + "/";
        URI page = URI.create(base + "/api/models/" + ref.repoId() + "/tree/" + encode(ref.revision())
                + (ref.subfolder().isEmpty() ? "" : "/" + AzureRegistryFiles.encodePath(ref.subfolder()))
                + "?recursive=true");
        List<RemoteFile> files = new ArrayList<>();
        while (page != null) {
            HttpResponse<String> response;
            try {
                response = http.get(page, headers(), cancel);
            } catch (HttpStatusFailure failure) {
                if (failure.notFound() || failure.status() == 401) {
                    // The Hub answers 401 for repositories that do not exist as well as for gated ones.
                    throw new ModelNotFoundException(ref.toString(), "Hugging Face has no folder " + ref
                            + " (HTTP " + failure.status() + ")");
                }
                throw failure;
            }
            JsonNode entries = MAPPER.readTree(response.body());
            if (!entries.isArray()) {
                throw new IOException("the Hugging Face listing of " + ref + " is not a JSON array");
            }
            for (JsonNode entry : entries) {
                String path = text(entry, "path");
                if (!"file".equals(text(entry, "type")) || path == null || !path.startsWith(folderPrefix)) {
                    continue;
                }
                JsonNode lfs = entry.get("lfs");
                String sha256 = lfs == null ? null : text(lfs, "oid");
                long size = entry.hasNonNull("size") ? entry.get("size").asLong() : -1;
                URI source = URI.create(base + "/" + ref.repoId() + "/resolve/" + encode(ref.revision()) + "/"
                        + AzureRegistryFiles.encodePath(path));
                files.add(new RemoteFile(path.substring(folderPrefix.length()), source, size,
                        Checksum.sha256Hex(sha256), headers()));
            }
            page = nextPage(response);
        }
        if (files.isEmpty()) {
            throw new ModelNotFoundException(ref.toString(), "Hugging Face folder " + ref + " holds no files");
        }
        return new ModelFiles(files);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    private static URI nextPage(HttpResponse<String> response) {
        for (String link : response.headers().allValues("Link")) {
            Matcher next = NEXT_LINK.matcher(link);
            if (next.find()) {
                return response.uri().resolve(next.group(1));
            }
        }
        return null;
    }

    private static String encode(String revision) {
        return URLEncoder.encode(revision, StandardCharsets.UTF_8);
    }
}
