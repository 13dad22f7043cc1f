package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Files of an {@code azureml://} model: the model registry answers with {@code blobSasUri}, a storage container URL
 * (possibly with a folder after the container name) carrying a SAS query; the container is listed with the Azure Blob
 * REST call {@code ?restype=container&comp=list&prefix=...} (paged by {@code NextMarker}) and each blob fetched with
 * the same SAS query. Assumption: the SAS grants list and read on the container, as Foundry Local's own SDK relies on.
 */
final class AzureRegistryFiles implements FileResolver {
    private final HttpSupport http;
    private final URI registryBase;

    AzureRegistryFiles(HttpSupport http, URI registryBase) {
        this.http = http;
        this.registryBase = registryBase;
    }

    @Override
    public boolean handles(String uri) {
        return uri.startsWith("azureml://");
    }

    @Override
    public ModelFiles resolve(CatalogModel model, CancellationSignal cancel) throws IOException {
        URI blobSasUri = containerUri(model, cancel);
        return new ModelFiles(listBlobs(blobSasUri, cancel)).rootedAtModel();
    }

    private URI containerUri(CatalogModel model, CancellationSignal cancel) throws IOException {
        URI lookup = URI.create(registryBase + "/modelregistry/v1.0/registry/models/nonazureaccount?assetId="
                + URLEncoder.encode(model.uri(), StandardCharsets.UTF_8));
        String body;
        try {
            body = http.get(lookup, Map.of("Accept", "application/json"), cancel).body();
        } catch (HttpStatusFailure failure) {
            if (failure.notFound()) {
                throw new ModelNotFoundException(model.id().toString(),
                        "The model registry does not know " + model.uri() + " (model " + model.id() + ")");
            }
            throw failure;
        }
        String sas = text(MAPPER.readTree(body), "blobSasUri");
        if (sas == null) {
            throw new IOException("the model registry reply for " + model.uri() + " has no blobSasUri");
        }
        return URI.create(sas);
    }

    private List<RemoteFile> listBlobs(URI blobSasUri, CancellationSignal cancel) throws IOException {
        String path = blobSasUri.getRawPath() == null ? "" : blobSasUri.getRawPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        String container = slash < 0 ? trimmed : trimmed.substring(0, slash);
        String prefix = slash < 0 ? "" : decode(trimmed.substring(slash + 1));
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        String origin = blobSasUri.getScheme() + "://" + blobSasUri.getRawAuthority() + "/" + container;
        String sas = blobSasUri.getRawQuery() == null ? "" : blobSasUri.getRawQuery();

        List<RemoteFile> files = new ArrayList<>();
        String marker = null;
        do {
            StringBuilder query = new StringBuilder("restype=container&comp=list&prefix=")
                    .append(URLEncoder.encode(prefix, StandardCharsets.UTF_8));
            if (marker != null) {
                query.append("&marker=").append(URLEncoder.encode(marker, StandardCharsets.UTF_8));
            }
            if (!sas.isEmpty()) {
                query.append('&').append(sas);
            }
            Document listing = parse(http.get(URI.create(origin + "?" + query), Map.of(), cancel).body());
            NodeList blobs = listing.getElementsByTagName("Blob");
            for (int i = 0; i < blobs.getLength(); i++) {
                Element blob = (Element) blobs.item(i);
                String name = childText(blob, "Name");
                if (name == null || name.endsWith("/") || !name.startsWith(prefix)) {
                    continue;
                }
                String length = childText(blob, "Content-Length");
                URI source = URI.create(origin + "/" + encodePath(name) + (sas.isEmpty() ? "" : "?" + sas));
                files.add(new RemoteFile(name.substring(prefix.length()), source,
                        length == null ? -1 : Long.parseLong(length.trim()), Checksum.md5Base64(childText(blob, "Content-MD5"))));
            }
            marker = childText(listing.getDocumentElement(), "NextMarker");
        } while (marker != null);
        return files;
    }

    private static Document parse(String xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A listing never needs a DTD; refusing them closes the door to external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the blob listing is not valid XML: " + e.getMessage(), e);
        }
    }

    /** The text of the first descendant element with that name, or null when missing or empty. */
    private static String childText(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        if (found.getLength() == 0) {
            return null;
        }
        String text = found.item(0).getTextContent();
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String decode(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String encodePath(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            parts.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }
}
