package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import io.jiti.load.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The template contract of a {@code blueprint.yaml} ({@code kind}, {@code provides}, {@code requires},
 * {@code environments}, {@code components}), read and checked beyond its schema: each key on the kind it
 * belongs to, each provided output one of the blueprint's outputs, each {@code ${environment.NAME}} in the
 * members a requirement.
 */
final class ContractCheck {
    private static final List<String> ENVIRONMENT_ONLY = List.of("provides");
    private static final List<String> SERVICE_ONLY = List.of("requires", "environments", "components");

    private ContractCheck() {
    }

    static List<Diagnostic> check(YamlDocument doc, String file) {
        JsonNode root = doc.root();
        List<Diagnostic> out = new ArrayList<>();
        String kind = root.path("kind").asText("");
        for (String key : ENVIRONMENT_ONLY) {
            if (root.has(key) && !kind.equals("environment")) {
                out.add(at(doc, file, "/" + key, "'" + key + "' belongs to an environment template (kind: environment)"));
            }
        }
        for (String key : SERVICE_ONLY) {
            if (root.has(key) && !kind.equals("service")) {
                out.add(at(doc, file, "/" + key, "'" + key + "' belongs to a service template (kind: service)"));
            }
        }
        types(root.path("provides")).keySet().forEach(name -> {
            if (!root.path("outputs").has(name)) {
                out.add(at(doc, file, "/provides/" + name.replace('.', '/'), "provides '" + name + "' but has no output"
                        + " of that name (outputs: " + String.join(", ", names(root.path("outputs"))) + ")"));
            }
        });
        Set<String> used = new LinkedHashSet<>();
        JsonTrees.mapStrings(root.path("members"), text -> {
            Matcher m = TemplateContract.ENVIRONMENT_REF.matcher(text);
            while (m.find()) {
                used.add(m.group(1));
            }
            return text;
        });
        Set<String> required = types(root.path("requires")).keySet();
        for (String name : used) {
            if (!required.contains(name)) {
                out.add(at(doc, file, "/members", "a member reads ${environment." + name + "}, which 'requires' does not"
                        + " declare" + (kind.equals("service") ? "" : " (only a service template reads its environment)")));
            }
        }
        return out;
    }

    static TemplateContract contract(JsonNode root) {
        return new TemplateContract(Optional.ofNullable(root.path("kind").textValue()), types(root.path("provides")),
                types(root.path("requires")), JsonTrees.texts(root.path("environments")),
                JsonTrees.texts(root.path("components")));
    }

    /**
     * Names and types, nested objects flattened: {@code db: {url: string}} is {@code db.url: string}; an object
     * with a textual {@code type} is a JSON Schema, not a nesting.
     */
    private static Map<String, String> types(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(node, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String name = prefix + e.getKey();
            if (v.isTextual()) {
                out.put(name, v.asText());
            } else if (v.path("type").isTextual()) {
                out.put(name, v.get("type").asText());
            } else if (v.isObject()) {
                flatten(v, name + ".", out);
            }
        });
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Diagnostic at(YamlDocument doc, String file, String pointer, String message) {
        int[] lc = doc.positions().ofKey(pointer);
        return new Diagnostic(file, lc[0], lc[1], message);
    }
}
