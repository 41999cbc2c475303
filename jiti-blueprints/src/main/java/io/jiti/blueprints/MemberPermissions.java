package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The permissions of one member: the blueprint's defaults for it (rendered like the members) and the
 * author's {@code permissions.extra} for it. Resources naming a sibling member become its full name;
 * resources naming a member that does not exist (its {@code when} was false) are dropped, and so is a
 * statement left without resources. Each statement's note says where it came from.
 */
final class MemberPermissions {
    private MemberPermissions() {
    }

    static ArrayNode of(JsonNode defaults, JsonNode extra, Blueprint b, String name, List<String> local,
            Set<String> present) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        add(out, defaults, "default of " + b.id(), name, local, present);
        add(out, extra, "extra", name, local, present);
        return out;
    }

    private static void add(ArrayNode out, JsonNode statements, String note, String name, List<String> local,
            Set<String> present) {
        if (statements == null) {
            return;
        }
        for (JsonNode s : statements) {
            ArrayNode resources = JsonNodeFactory.instance.arrayNode();
            for (JsonNode r : s.path("resources")) {
                String resource = r.asText();
                if (!local.contains(resource)) {
                    resources.add(resource);
                } else if (present.contains(resource)) {
                    resources.add(name + "." + resource);
                }
            }
            if (resources.isEmpty()) {
                continue;
            }
            ObjectNode statement = out.addObject();
            statement.set("actions", s.path("actions").deepCopy());
            statement.set("resources", resources);
            statement.put("note", s.has("note") ? note + ": " + s.get("note").asText() : note);
        }
    }
}
