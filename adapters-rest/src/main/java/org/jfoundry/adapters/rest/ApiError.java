package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One error as OpenAI clients expect it: a status and {@code {"error":{"message","type","param","code"}}}.
 *
 * @param retryAfterSeconds sent as {@code Retry-After} when positive
 */
record ApiError(int status, String type, String code, String param, String message, long retryAfterSeconds) {

    ObjectNode toJson() {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }

    boolean isServerError() {
        return status >= 500;
    }
}
