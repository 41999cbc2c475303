package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON values as plain Java values (maps, lists, strings, numbers, booleans) for the template engine. */
final class PlainValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainValues() {
    }

    static Object plain(JsonNode value) {
        return JSON.convertValue(value, Object.class);
    }
}
