package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks a particle's {@code permissions}: every resource names a particle, all resources of a statement
 * have one type, and every action is {@code TYPE:VERB} of that type with a verb the type offers
 * ({@code x-jiti-actions}) or {@code *}. The schema has checked the shape already.
 */
final class PermissionCheck {
    private final TypeCatalog catalog;

    PermissionCheck(TypeCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Reports through {@code problem} (pointer, message) each bad statement of {@code permissions} at
     * {@code pointer}; {@code typeOf} maps the stack's particle names to their types.
     */
    void check(JsonNode permissions, String pointer, Map<String, String> typeOf, BiConsumer<String, String> problem) {
        for (int i = 0; i < permissions.size(); i++) {
            JsonNode statement = permissions.get(i);
            String at = pointer + "/" + i;
            Set<String> types = new LinkedHashSet<>();
            JsonNode resources = statement.path("resources");
            for (int r = 0; r < resources.size(); r++) {
                String name = resources.get(r).asText();
                String type = typeOf.get(name);
                if (type == null) {
                    problem.accept(at + "/resources/" + r, "a permission names an unknown particle '" + name
                            + "' (particles: " + String.join(", ", typeOf.keySet()) + ")");
                } else {
                    types.add(type);
                }
            }
            if (types.size() > 1) {
                problem.accept(at + "/resources", "the resources of one permission have one type (here: "
                        + String.join(", ", types) + "); write one permission per type");
                continue;
            }
            JsonNode actions = statement.path("actions");
            for (int a = 0; a < actions.size(); a++) {
                checkAction(actions.get(a).asText(), types.isEmpty() ? null : types.iterator().next(),
                        at + "/actions/" + a, problem);
            }
        }
    }

    private void checkAction(String action, String resourceType, String pointer, BiConsumer<String, String> problem) {
        int colon = action.lastIndexOf(':');
        if (colon < 0) {
            return; // the schema's pattern reports it
        }
        String type = action.substring(0, colon);
        String verb = action.substring(colon + 1);
        var info = catalog.type(type);
        if (info.isEmpty() || info.get().actions().isEmpty()) {
            problem.accept(pointer, "unknown action '" + action + "': types with actions are "
                    + String.join(", ", catalog.ids().stream().filter(t -> !catalog.type(t).orElseThrow().actions()
                    .isEmpty()).toList()));
            return;
        }
        if (!verb.equals("*") && !info.get().actions().containsKey(verb)) {
            problem.accept(pointer, "unknown action '" + action + "' (allowed: " + String.join(", ",
                    info.get().actions().keySet().stream().map(v -> type + ":" + v).toList()) + ", " + type + ":*)");
            return;
        }
        if (resourceType != null && !resourceType.equals(type)) {
            problem.accept(pointer, "action '" + action + "' does not apply to a " + resourceType + " (allowed: "
                    + String.join(", ", catalog.type(resourceType).map(t -> t.actions().keySet().stream()
                    .map(v -> resourceType + ":" + v).toList()).orElse(java.util.List.of())) + ")");
        }
    }
}
