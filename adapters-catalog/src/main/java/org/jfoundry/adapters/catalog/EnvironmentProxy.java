package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy conventions of curl and most command-line tools ({@code HTTPS_PROXY}, {@code HTTP_PROXY},
 * {@code NO_PROXY}, lower case too), which the JDK does not read by itself; companies that mirror models often
 * require them. Proxy credentials are not supported.
 */
final class EnvironmentProxy extends ProxySelector {
    private final URI httpsProxy;
    private final URI httpProxy;
    private final List<String> noProxy;

    private EnvironmentProxy(URI httpsProxy, URI httpProxy, List<String> noProxy) {
        this.httpsProxy = httpsProxy;
        this.httpProxy = httpProxy;
        this.noProxy = noProxy;
    }

    /** Null when the environment names no proxy, so that the JDK's own default applies. */
    static ProxySelector from(Map<String, String> env) {
        URI https = proxyUri(first(env, "HTTPS_PROXY", "https_proxy"));
        URI http = proxyUri(first(env, "HTTP_PROXY", "http_proxy"));
        if (https == null && http == null) {
            return null;
        }
        String exclusions = first(env, "NO_PROXY", "no_proxy");
        List<String> noProxy = exclusions == null ? List.of()
                : List.of(exclusions.toLowerCase(Locale.ROOT).trim().split("\\s*,\\s*"));
        return new EnvironmentProxy(https, http, noProxy);
    }

    @Override
    public List<Proxy> select(URI uri) {
        URI proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
        if (proxy == null || excluded(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    private boolean excluded(String host) {
        if (host == null) {
            return true;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        for (String rule : noProxy) {
            if (rule.isEmpty()) {
                continue;
            }
            if (rule.equals("*")) {
                return true;
            }
            String domain = rule.startsWith(".") ? rule.substring(1) : rule;
            if (lower.equals(domain) || lower.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // the request itself reports the failure
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static URI proxyUri(String text) {
        if (text == null) {
            return null;
        }
        URI uri = URI.create(text.contains("://") ? text : "http://" + text);
        if (uri.getHost() == null) {
            throw new org.jfoundry.ports.failure.InvalidRequestException("proxy '" + text + "' names no host", "proxy");
        }
        return uri;
    }
}
