package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.JitiException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A provider's additions to one portable type's schema (see {@link io.jiti.spi.ProviderFactory#typeSchemas()}),
 * merged into a copy of the portable schema: the provider adds fields, constraints, outputs and its connection
 * variables; it cannot take away a portable field or output.
 */
final class TypeOverlay {
    /** The overlay keys a provider may set, each replacing the portable schema's (constraints it owns). */
    private static final Set<String> OWNED = Set.of("anyOf", "oneOf", "allOf", "dependentRequired", "description",
            "x-jiti-connect");
    private static final Set<String> KNOWN = Set.of("properties", "required", "x-jiti-outputs",
            "x-jiti-unsupported", "anyOf", "oneOf", "allOf", "dependentRequired", "description", "x-jiti-connect");

    private TypeOverlay() {
    }

    /** The portable schema with {@code overlay} merged in; a key it does not know is the provider's bug. */
    static ObjectNode merge(String provider, String type, ObjectNode portable, JsonNode overlay) {
        ObjectNode out = portable.deepCopy();
        overlay.fieldNames().forEachRemaining(k -> {
            if (!KNOWN.contains(k)) {
                throw new JitiException("provider '" + provider + "' extends type '" + type + "' with '" + k
                        + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(KNOWN)) + ")");
            }
        });
        overlay.fieldNames().forEachRemaining(key -> { // in the overlay's order: the schema prints the same every time
            if (OWNED.contains(key)) {
                out.set(key, overlay.get(key).deepCopy());
            }
        });
        mergeObject(out, "properties", overlay.get("properties"));
        mergeObject(out, "x-jiti-outputs", overlay.get("x-jiti-outputs"));
        JsonNode required = overlay.get("required");
        if (required != null) {
            Set<String> all = new LinkedHashSet<>();
            out.path("required").forEach(r -> all.add(r.asText()));
            required.forEach(r -> all.add(r.asText()));
            ArrayNode list = out.putArray("required");
            all.forEach(list::add);
        }
        return out;
    }

    private static void mergeObject(ObjectNode target, String key, JsonNode additions) {
        if (additions == null || !additions.isObject()) {
            return;
        }
        ObjectNode into = target.has(key) ? (ObjectNode) target.get(key) : target.putObject(key);
        additions.fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue().deepCopy()));
    }
}
