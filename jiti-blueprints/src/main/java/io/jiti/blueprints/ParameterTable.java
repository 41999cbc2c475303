package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A blueprint's reference in Markdown, generated from its bundle: parameters table, outputs, members. */
public final class ParameterTable {
    private ParameterTable() {
    }

    /** The Markdown section of {@code b}. */
    public static String markdown(Blueprint b) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(b.name()).append(" ").append(b.version()).append("\n\n");
        out.append(b.description().strip()).append("\n\n");
        out.append("Use: `type: blueprint:").append(b.name()).append('@').append(b.version().major()).append("`\n\n");
        out.append("| parameter | type | default | description |\n|---|---|---|---|\n");
        Set<String> required = new java.util.HashSet<>(JsonTrees.texts(b.parameters().path("required")));
        b.parameters().path("properties").fields().forEachRemaining(f -> {
            JsonNode s = f.getValue();
            out.append("| `").append(f.getKey()).append('`').append(required.contains(f.getKey()) ? " (required)" : "")
                    .append(" | ").append(type(s)).append(" | ")
                    .append(s.has("default") ? "`" + s.get("default") + "`" : "")
                    .append(" | ").append(cell(s.path("description").asText(""))).append(" |\n");
        });
        if (!b.outputs().isEmpty()) {
            out.append("\nOutputs: ");
            List<String> outs = new ArrayList<>();
            b.outputs().forEach((k, v) -> outs.add("`" + k + "` (" + v.substring(2, v.length() - 1) + ")"));
            out.append(String.join(", ", outs)).append(".\n");
        }
        List<String> members = new ArrayList<>();
        b.members().fields().forEachRemaining(m -> members.add("`" + m.getKey() + "` (" + m.getValue().path("type")
                .asText() + ")"));
        out.append("\nMembers: ").append(String.join(", ", members)).append(".\n");
        if (b.permissions().size() > 0) {
            List<String> perms = new ArrayList<>();
            b.permissions().fields().forEachRemaining(m -> m.getValue().forEach(s -> perms.add("`" + m.getKey() + "`: "
                    + String.join(", ", JsonTrees.texts(s.path("actions"))) + " on "
                    + String.join(", ", JsonTrees.texts(s.path("resources"))))));
            out.append("\nDefault permissions: ").append(String.join("; ", perms)).append(".\n");
        }
        return out.toString();
    }

    private static String type(JsonNode s) {
        if (s.has("enum")) {
            List<String> values = new ArrayList<>();
            s.get("enum").forEach(v -> values.add(v.toString()));
            return String.join(" \\| ", values);
        }
        String t = s.path("type").isArray() ? String.join(" \\| ", JsonTrees.texts(s.get("type")))
                : s.path("type").asText("any");
        List<String> limits = new ArrayList<>();
        for (String k : List.of("minimum", "exclusiveMinimum", "maximum", "pattern")) {
            if (s.has(k)) {
                limits.add(k.replace("exclusiveMinimum", ">").replace("minimum", ">=").replace("maximum", "<=")
                        + (k.equals("pattern") ? " `" + s.get(k).asText() + "`" : " " + s.get(k)));
            }
        }
        return t + (limits.isEmpty() ? "" : " (" + String.join(", ", limits) + ")");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
