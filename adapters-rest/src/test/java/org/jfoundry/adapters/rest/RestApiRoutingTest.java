package org.jfoundry.adapters.rest;

import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;

/** The suite in-process, without a socket. */
@RoutingTest
class RestApiRoutingTest extends RestApiSuite {
    RestApiRoutingTest(DirectClient client) {
        super(client);
    }
}
