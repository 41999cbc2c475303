package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a stack document (as a tree with positions) and collects every problem: structure, unknown
 * types, per-type spec schemas, duplicate names, unknown dependencies and references, and cycles.
 */
public final class StackValidator {
    private final TypeCatalog catalog;

    public StackValidator(TypeCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every problem of {@code root}, sorted by position; empty when the stack is valid. */
    public List<Diagnostic> validate(JsonNode root, Positions positions, String file) {
        List<Diagnostic> out = new ArrayList<>();
        Located at = new Located(positions, file, out);
        for (SchemaErrors.Problem p : SchemaErrors.check(catalog.stackSchema(), root, "")) {
            at.add(p);
        }
        JsonNode particles = root.path("particles");
        Map<String, Integer> byName = new LinkedHashMap<>();
        Map<String, String> typeOf = new LinkedHashMap<>();
        for (int i = 0; i < particles.size(); i++) {
            JsonNode p = particles.get(i);
            String name = p.path("name").asText(null);
            if (name != null && p.get("name").isTextual()) {
                if (byName.containsKey(name)) {
                    at.value("/particles/" + i + "/name", "duplicate particle name '" + name + "' (first defined at line "
                            + positions.ofValue("/particles/" + byName.get(name) + "/name")[0] + ")");
                } else {
                    byName.put(name, i);
                }
            }
            checkType(p, i, at).ifPresent(t -> typeOf.put(name, t));
        }
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (int i = 0; i < particles.size(); i++) {
            JsonNode p = particles.get(i);
            String name = p.path("name").asText("");
            List<String> deps = new ArrayList<>();
            JsonNode dependsOn = p.path("dependsOn");
            for (int d = 0; d < dependsOn.size(); d++) {
                String dep = dependsOn.get(d).asText();
                if (!byName.containsKey(dep)) {
                    at.value("/particles/" + i + "/dependsOn/" + d, "dependsOn names an unknown particle '" + dep
                            + "'" + known(byName));
                } else {
                    deps.add(dep);
                }
            }
            checkConnect(p.path("spec").path("connect"), "/particles/" + i + "/spec/connect", byName, typeOf, deps, at);
            checkReferences(p.path("spec"), "/particles/" + i + "/spec", byName, typeOf, deps, at);
            new PermissionCheck(catalog).check(p.path("permissions"), "/particles/" + i + "/permissions", typeOf,
                    at::value);
            edges.put(name, deps);
        }
        Cycles.find(edges).ifPresent(cycle -> at.value("/particles/" + byName.getOrDefault(cycle.get(0), 0) + "/name",
                "dependency cycle: " + String.join(" -> ", cycle)));
        out.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return out;
    }

    private Optional<String> checkType(JsonNode p, int i, Located at) {
        JsonNode type = p.get("type");
        if (type == null || !type.isTextual()) {
            return Optional.empty();
        }
        Optional<TypeInfo> info = catalog.type(type.asText());
        if (info.isEmpty()) {
            Optional<String> refused = catalog.unsupported(type.asText());
            at.value("/particles/" + i + "/type", refused.isPresent()
                    ? "type '" + type.asText() + "' is not supported on provider '" + catalog.provider().orElse("")
                            + "': " + refused.get() + " (types there: " + String.join(", ", catalog.ids()) + ")"
                    : "unknown type '" + type.asText() + "' (known types: " + String.join(", ", catalog.ids()) + ")");
            return Optional.empty();
        }
        checkName(p.get("name"), info.get(), "/particles/" + i + "/name", at);
        JsonNode spec = p.get("spec");
        if (spec == null || spec.isObject()) {
            for (SchemaErrors.Problem problem : SchemaErrors.check(info.get().schema(),
                    spec == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : spec,
                    spec == null ? "/particles/" + i : "/particles/" + i + "/spec")) {
                at.add(spec == null ? new SchemaErrors.Problem(problem.pointer(), problem.atKey(),
                        problem.message() + " in spec (the particle has no spec)") : problem);
            }
        }
        return Optional.of(type.asText());
    }

    /**
     * A type whose particle name becomes a name in a protocol (a bucket, a table) narrows it with
     * {@code x-jiti-name}, a JSON Schema for the name.
     */
    private static void checkName(JsonNode name, TypeInfo type, String pointer, Located at) {
        JsonNode rule = type.schema().get("x-jiti-name");
        if (rule == null || name == null || !name.isTextual()) {
            return;
        }
        for (SchemaErrors.Problem problem : SchemaErrors.check(rule, name, pointer)) {
            at.add(new SchemaErrors.Problem(pointer, false, "invalid name for a " + type.id() + ": "
                    + problem.message() + " (" + rule.path("description").asText() + ")"));
        }
    }

    private void checkReferences(JsonNode node, String pointer, Map<String, Integer> byName,
                                 Map<String, String> typeOf, List<String> deps, Located at) {
        if (node.isTextual()) {
            List<String> malformed = new ArrayList<>();
            for (Reference ref : References.find(node.asText(), malformed)) {
                if (!byName.containsKey(ref.particle())) {
                    at.value(pointer, "reference " + ref + " names an unknown particle '" + ref.particle() + "'"
                            + known(byName));
                    continue;
                }
                String type = typeOf.get(ref.particle());
                Map<String, String> outputs = type == null ? null : catalog.type(type).map(TypeInfo::outputs).orElse(null);
                if (outputs != null && !outputs.containsKey(ref.output())) {
                    at.value(pointer, "reference " + ref + " names an unknown output '" + ref.output() + "' of '"
                            + ref.particle() + "' (type " + type + " has: " + String.join(", ", new java.util.TreeSet<>(outputs.keySet())) + ")");
                    continue;
                }
                if (!deps.contains(ref.particle())) {
                    deps.add(ref.particle());
                }
            }
            for (String bad : malformed) {
                at.value(pointer, "malformed reference " + bad + ": write ${particle.output}, or $${ for a literal ${");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkReferences(e.getValue(), pointer + "/" + YamlTree.escape(e.getKey()), byName, typeOf, deps, at);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkReferences(node.get(i), pointer + "/" + i, byName, typeOf, deps, at);
            }
        }
    }

    /** {@code connect} names particles whose types offer a connection; they become dependencies. */
    private void checkConnect(JsonNode connect, String pointer, Map<String, Integer> byName,
                              Map<String, String> typeOf, List<String> deps, Located at) {
        for (int j = 0; j < connect.size(); j++) {
            String name = connect.get(j).asText();
            if (!byName.containsKey(name)) {
                at.value(pointer + "/" + j, "connect names an unknown particle '" + name + "'" + known(byName));
                continue;
            }
            String type = typeOf.get(name);
            if (type != null && catalog.type(type).map(TypeInfo::connect).isEmpty()) {
                at.value(pointer + "/" + j, "cannot connect to '" + name + "': type " + type
                        + " offers no connection (types that do: " + String.join(", ", catalog.connectable()) + ")");
                continue;
            }
            if (!deps.contains(name)) {
                deps.add(name);
            }
        }
    }

    private static String known(Map<String, Integer> byName) {
        return byName.isEmpty() ? "" : " (particles: " + String.join(", ", byName.keySet()) + ")";
    }

    /** Adds located diagnostics. */
    private record Located(Positions positions, String file, List<Diagnostic> out) {
        void add(SchemaErrors.Problem p) {
            int[] lc = p.atKey() ? positions.ofKey(p.pointer()) : positions.ofValue(p.pointer());
            out.add(new Diagnostic(file, lc[0], lc[1], p.message()));
        }

        void value(String pointer, String message) {
            int[] lc = positions.ofValue(pointer);
            out.add(new Diagnostic(file, lc[0], lc[1], message));
        }
    }
}
