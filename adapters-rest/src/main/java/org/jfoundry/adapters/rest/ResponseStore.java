package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.ports.inference.ChatMessage;

/**
 * Responses kept for {@code GET}, {@code DELETE}, {@code input_items} and {@code previous_response_id}: in memory
 * only, the oldest dropped past {@link #CAPACITY}.
 */
final class ResponseStore {

    static final int CAPACITY = 1_000;

    /**
     * @param response     the response object as answered
     * @param inputItems   the request's input, as items
     * @param conversation what the model saw, then its answer: the start of a follow-up's conversation
     */
    record Stored(ObjectNode response, ArrayNode inputItems, List<ChatMessage> conversation) {
    }

    private final Map<String, Stored> byId = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void put(String id, Stored stored) {
        byId.put(id, stored);
    }

    synchronized Optional<Stored> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized boolean remove(String id) {
        return byId.remove(id) != null;
    }
}
