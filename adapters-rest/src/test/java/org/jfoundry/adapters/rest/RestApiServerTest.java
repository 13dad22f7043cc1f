package org.jfoundry.adapters.rest;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;

/** The suite over a real port. */
@ServerTest
class RestApiServerTest extends RestApiSuite {
    RestApiServerTest(Http1Client client) {
        super(client);
    }
}
