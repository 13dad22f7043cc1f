package org.jfoundry.adapters.cli;

import java.net.URI;

/** Where the running service listens, and its process id. */
public record ServiceEndpoint(long pid, URI url) {
    /** The URL as the SDKs expect it, with a trailing slash: {@code http://127.0.0.1:5272/}. */
    public String urlWithSlash() {
        String text = url.toString();
        return text.endsWith("/") ? text : text + "/";
    }

    public String urlWithoutSlash() {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
