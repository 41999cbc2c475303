package io.jiti.platform.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.api.JitiException;
import java.util.List;
import java.util.Map;

/** The JSON columns' reading and writing. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JitiException("cannot write JSON", e);
        }
    }

    static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JitiException("a stored value is not JSON", e);
        }
    }

    static Map<String, Object> map(String text) {
        try {
            return MAPPER.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new JitiException("a stored value is not a JSON object", e);
        }
    }

    static Map<String, String> strings(String text) {
        try {
            return MAPPER.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new JitiException("a stored value is not a JSON object of strings", e);
        }
    }

    static List<String> list(String text) {
        try {
            return MAPPER.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new JitiException("a stored value is not a JSON array of strings", e);
        }
    }
}
