package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;

class EnvironmentProxyTest {

    private static String proxyFor(ProxySelector selector, String uri) {
        Proxy proxy = selector.select(URI.create(uri)).getFirst();
        if (proxy.type() == Proxy.Type.DIRECT) {
            return "direct";
        }
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return address.getHostString() + ":" + address.getPort();
    }

    @Test
    void noProxyVariablesLeaveTheJdkDefault() {
        assertThat(EnvironmentProxy.from(Map.of())).isNull();
    }

    @Test
    void eachSchemeUsesItsOwnProxyAndNoProxyHostsGoDirect() {
        ProxySelector selector = EnvironmentProxy.from(Map.of(
                "HTTPS_PROXY", "http://proxy.corp:3128", "http_proxy", "plain.corp", "NO_PROXY", "localhost, .mirror.corp"));

        assertThat(proxyFor(selector, "https://huggingface.co/api/models")).isEqualTo("proxy.corp:3128");
        assertThat(proxyFor(selector, "http://example.org/catalog.json")).isEqualTo("plain.corp:80");
        assertThat(proxyFor(selector, "https://models.mirror.corp/x")).isEqualTo("direct");
        assertThat(proxyFor(selector, "http://localhost:5272/")).isEqualTo("direct");
    }

    @Test
    void aProxyWithoutAHostIsRejected() {
        assertThatThrownBy(() -> EnvironmentProxy.from(Map.of("HTTPS_PROXY", "http://:8080")))
                .isInstanceOf(InvalidRequestException.class);
    }
}
