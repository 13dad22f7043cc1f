package org.jfoundry.adapters.cli.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A package index on the loopback interface that serves wheels from a local folder through PyPI's simple JSON API
 * (PEP 691), so the product's package source fetches a real wheel the way it fetches from PyPI, without the network
 * and without downloading it again on every run. Point {@code PIP_INDEX_URL} at {@link #url()}.
 */
final class LocalPackageIndex implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    /** Serves {@code wheel} as the only file of {@code project}. */
    LocalPackageIndex(String project, Path wheel) throws IOException {
        String fileName = wheel.getFileName().toString();
        String digest = sha256(wheel);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/simple/" + project + "/", exchange -> {
            ObjectNode page = JSON.createObjectNode();
            page.putObject("meta").put("api-version", "1.1");
            page.put("name", project);
            ObjectNode file = page.putArray("files").addObject();
            file.put("filename", fileName);
            file.put("url", "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + "/files/" + fileName);
            file.putObject("hashes").put("sha256", digest);
            file.put("size", Files.size(wheel));
            byte[] body = JSON.writeValueAsBytes(page);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.pypi.simple.v1+json");
            send(exchange, 200, body);
        });
        server.createContext("/files/" + fileName, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(wheel));
            try (InputStream in = Files.newInputStream(wheel); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        });
        server.createContext("/", exchange -> send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    /** The index's base URL, as {@code PIP_INDEX_URL} takes it. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/simple/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
