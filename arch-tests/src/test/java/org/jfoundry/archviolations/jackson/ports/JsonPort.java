package org.jfoundry.archviolations.jackson.ports;

import com.fasterxml.jackson.databind.JsonNode;

/** Breaks "Jackson is never used in the ports or the domain". */
public interface JsonPort {
    JsonNode describe();
}
