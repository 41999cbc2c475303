package io.jiti.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import io.jiti.platform.PlatformException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's JSON object, read field by field: a missing or mistyped field is bad input naming it. */
final class Body {
    private final JsonNode root;

    private Body(JsonNode root) {
        this.root = root;
    }

    /** The body of {@code ctx}: a JSON object (an empty body is an empty object). */
    static Body of(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return new Body(JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw PlatformException.badInput("body", "the body is a JSON object");
            }
            return new Body(node);
        } catch (JsonProcessingException e) {
            throw PlatformException.badInput("body", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** A required string. */
    String text(String field) {
        String v = optionalText(field);
        if (v == null) {
            throw PlatformException.badInput(field, field + " is required (a string)");
        }
        return v;
    }

    /** A string, or null when absent. */
    String optionalText(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw PlatformException.badInput(field, field + " is a string");
        }
        return v.asText();
    }

    /** A boolean, {@code fallback} when absent. */
    boolean bool(String field, boolean fallback) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw PlatformException.badInput(field, field + " is true or false");
        }
        return v.asBoolean();
    }

    /** A whole number in [min, max], or null when absent. */
    Long number(String field, long min, long max) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw PlatformException.badInput(field, field + " is a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }

    /** A JSON object as a map, or null when absent. */
    Map<String, Object> object(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw PlatformException.badInput(field, field + " is a JSON object");
        }
        return Json.MAPPER.convertValue(v, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** A JSON object of strings, or null when absent. */
    Map<String, String> strings(String field) {
        Map<String, Object> m = object(field);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!(v instanceof String s)) {
                throw PlatformException.badInput(field, field + "." + k + " is a string");
            }
            out.put(k, s);
        });
        return out;
    }

    /** A list of strings, or null when absent. */
    List<String> list(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw PlatformException.badInput(field, field + " is a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw PlatformException.badInput(field, field + " is a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A JSON array as it is, or null when absent. */
    JsonNode array(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw PlatformException.badInput(field, field + " is a list");
        }
        return v;
    }
}
