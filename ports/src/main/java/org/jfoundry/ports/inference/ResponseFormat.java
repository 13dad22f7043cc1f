package org.jfoundry.ports.inference;

/** The OpenAI {@code response_format} types this service accepts. */
public enum ResponseFormat {
    TEXT, JSON_OBJECT
}
