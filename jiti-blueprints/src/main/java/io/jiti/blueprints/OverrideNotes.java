package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.plan.Diffs;
import java.util.ArrayList;
import java.util.List;

/**
 * What the author of a blueprint particle changed against the blueprint's defaults, one line each, for
 * plans: parameters set to other values than their defaults, member spec fields patched with
 * {@code overrides}, permissions added with {@code permissions.extra}. A parameter marked
 * {@code writeOnly} in the schema, and any value whose name the plan masks ({@code password}, {@code token}…),
 * shows as {@code (sensitive)}.
 */
final class OverrideNotes {
    private OverrideNotes() {
    }

    static List<String> of(Blueprint b, JsonNode given, JsonNode overrides, JsonNode extra) {
        List<String> out = new ArrayList<>();
        JsonNode properties = b.parameters().path("properties");
        given.fields().forEachRemaining(f -> {
            JsonNode schema = properties.path(f.getKey());
            JsonNode dflt = schema.get("default");
            if (dflt != null && !dflt.equals(f.getValue())) {
                out.add("parameter " + f.getKey() + " = " + show(f.getValue(), schema, f.getKey()) + " (default "
                        + show(dflt, schema, f.getKey()) + ")");
            }
        });
        if (overrides != null) {
            overrides.fields().forEachRemaining(m -> JsonTrees.leaves(m.getValue(), "", (path, value) ->
                    out.add("member " + m.getKey() + ": spec." + path + " = " + (Diffs.sensitive(path) ? Diffs.MASK
                            : value))));
        }
        if (extra != null) {
            extra.fields().forEachRemaining(m -> m.getValue().forEach(s -> out.add("member " + m.getKey()
                    + ": extra permission " + String.join(", ", JsonTrees.texts(s.path("actions"))) + " on "
                    + String.join(", ", JsonTrees.texts(s.path("resources"))))));
        }
        return out;
    }

    private static String show(JsonNode value, JsonNode schema, String name) {
        return schema.path("writeOnly").asBoolean(false) || Diffs.sensitive(name) ? Diffs.MASK : value.toString();
    }
}
