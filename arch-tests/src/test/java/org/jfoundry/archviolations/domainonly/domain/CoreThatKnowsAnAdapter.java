package org.jfoundry.archviolations.domainonly.domain;

import org.jfoundry.archviolations.domainonly.adapters.rest.Endpoint;

/** Breaks "the domain depends only on the JDK and the ports": it calls an adapter. */
public final class CoreThatKnowsAnAdapter {
    String serve(Endpoint endpoint) {
        return endpoint.toString();
    }
}
