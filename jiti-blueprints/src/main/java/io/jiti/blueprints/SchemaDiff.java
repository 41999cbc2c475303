package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.blueprints.Incompatibility.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parameter and output rules of a minor version: nothing a stack written for the old version may
 * set or reference goes away, nothing it could leave out becomes required, no value it could use becomes
 * invalid. A parameter removed while one with the same schema appears is reported as renamed.
 */
final class SchemaDiff {
    private SchemaDiff() {
    }

    static List<Incompatibility> between(Blueprint old, Blueprint next) {
        List<Incompatibility> out = new ArrayList<>();
        JsonNode was = old.parameters().path("properties");
        JsonNode is = next.parameters().path("properties");
        Set<String> required = strings(next.parameters().path("required"));
        Set<String> wasRequired = strings(old.parameters().path("required"));
        is.fields().forEachRemaining(f -> {
            boolean newlyRequired = required.contains(f.getKey()) && !wasRequired.contains(f.getKey());
            if (newlyRequired && !f.getValue().has("default")) {
                out.add(new Incompatibility(Kind.NEW_REQUIRED_PARAMETER, "parameter '" + f.getKey()
                        + "' is required in " + next.version() + " and has no default: stacks written for "
                        + old.version() + " do not set it (give it a default, or make it optional)"));
            }
        });
        was.fields().forEachRemaining(f -> {
            String name = f.getKey();
            JsonNode now = is.get(name);
            if (now == null) {
                String renamed = renamedTo(f.getValue(), was, is);
                out.add(new Incompatibility(Kind.REMOVED_PARAMETER, "parameter '" + name + "' "
                        + (renamed == null ? "was removed" : "was renamed to '" + renamed + "'")
                        + ": stacks that set it fail (keep it, maybe as deprecated, until the next major)"));
                return;
            }
            narrowed(f.getValue(), now).forEach(why -> out.add(new Incompatibility(Kind.NARROWED_PARAMETER,
                    "parameter '" + name + "': " + why)));
        });
        if (old.parameters().path("additionalProperties").asBoolean(true)
                && !next.parameters().path("additionalProperties").asBoolean(true)) {
            out.add(new Incompatibility(Kind.NARROWED_PARAMETER,
                    "parameters: additionalProperties became false, so parameters it did not declare now fail"));
        }
        for (Map.Entry<String, String> o : old.outputs().entrySet()) {
            if (!next.outputs().containsKey(o.getKey())) {
                String renamed = next.outputs().entrySet().stream()
                        .filter(e -> e.getValue().equals(o.getValue()) && !old.outputs().containsKey(e.getKey()))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                out.add(new Incompatibility(Kind.REMOVED_OUTPUT, "output '" + o.getKey() + "' "
                        + (renamed == null ? "was removed" : "was renamed to '" + renamed + "'")
                        + ": stacks that reference ${PARTICLE." + o.getKey() + "} fail"));
            }
        }
        return out;
    }

    private static String renamedTo(JsonNode schema, JsonNode was, JsonNode is) {
        var it = is.fields();
        while (it.hasNext()) {
            var f = it.next();
            if (!was.has(f.getKey()) && f.getValue().equals(schema)) {
                return f.getKey();
            }
        }
        return null;
    }

    /** Why {@code now} accepts less than {@code was} did. */
    static List<String> narrowed(JsonNode was, JsonNode now) {
        List<String> out = new ArrayList<>();
        Set<String> wasTypes = types(was);
        Set<String> nowTypes = types(now);
        if (!nowTypes.isEmpty()) {
            Set<String> lost = new LinkedHashSet<>(wasTypes.isEmpty() ? Set.of("any type") : wasTypes);
            lost.removeIf(t -> nowTypes.contains(t) || (t.equals("integer") && nowTypes.contains("number")));
            if (!lost.isEmpty()) {
                out.add("type narrowed from " + (wasTypes.isEmpty() ? "any" : String.join("|", wasTypes)) + " to "
                        + String.join("|", nowTypes));
            }
        }
        if (now.has("enum")) {
            Set<String> allowed = texts(now.get("enum"));
            if (!was.has("enum")) {
                out.add("values restricted to the enum " + allowed);
            } else {
                Set<String> lost = texts(was.get("enum"));
                lost.removeAll(allowed);
                if (!lost.isEmpty()) {
                    out.add("enum narrowed: " + lost + " no longer allowed");
                }
            }
        }
        bound(was, now, "minimum", true, out);
        bound(was, now, "exclusiveMinimum", true, out);
        bound(was, now, "minLength", true, out);
        bound(was, now, "minItems", true, out);
        bound(was, now, "maximum", false, out);
        bound(was, now, "exclusiveMaximum", false, out);
        bound(was, now, "maxLength", false, out);
        bound(was, now, "maxItems", false, out);
        if (now.has("pattern") && !Objects.equals(was.path("pattern").asText(null), now.get("pattern").asText())) {
            out.add("pattern " + (was.has("pattern") ? "changed from " + was.get("pattern") + " to " : "added: ")
                    + now.get("pattern"));
        }
        return out;
    }

    private static void bound(JsonNode was, JsonNode now, String key, boolean lower, List<String> out) {
        if (!now.has(key)) {
            return;
        }
        double n = now.get(key).asDouble();
        if (!was.has(key) || (lower ? n > was.get(key).asDouble() : n < was.get(key).asDouble())) {
            out.add(key + " " + (was.has(key) ? "narrowed from " + was.get(key) + " to " : "added: ") + now.get(key));
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode t = schema.get("type");
        Set<String> out = new LinkedHashSet<>();
        if (t != null && t.isArray()) {
            t.forEach(x -> out.add(x.asText()));
        } else if (t != null) {
            out.add(t.asText());
        }
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        return new LinkedHashSet<>(JsonTrees.texts(array));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.toString()));
        return out;
    }
}
