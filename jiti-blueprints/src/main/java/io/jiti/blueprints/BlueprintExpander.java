package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Diagnostic;
import io.jiti.load.Positions;
import io.jiti.load.Reference;
import io.jiti.load.References;
import io.jiti.load.SchemaCheck;
import io.jiti.load.StackExpander;
import io.jiti.spi.ProviderContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands particles of type {@code blueprint:NAME@MAJOR} (or {@code @MAJOR.MINOR}) into their members,
 * named {@code PARTICLE.MEMBER}: the particle's spec holds the parameters (checked against the
 * blueprint's schema, defaults filled in) and {@code overrides: {MEMBER: {...}}} (merged into a member's
 * spec). {@code ${PARTICLE.OUTPUT}} anywhere in the stack and {@code dependsOn: [PARTICLE]} are rewritten to
 * the members they stand for. Blueprints may use blueprints; a cycle is reported.
 */
public final class BlueprintExpander implements StackExpander {
    private static final String PREFIX = "blueprint:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE = Pattern.compile("blueprint:([a-z][a-z0-9-]*)@(\\d+(?:\\.\\d+)?)");
    private final Function<StackExpander.Source, Registry> registries;
    private final Renderer renderer = new Renderer();

    /** The expander the loader finds with ServiceLoader: blueprints from {@link Registry#forStack}. */
    public BlueprintExpander() {
        this(source -> Registry.forStack(source.baseDir(), ProviderContext.fromEnvironment()));
    }

    /** An expander with its own way to find blueprints (tests). */
    public BlueprintExpander(Function<StackExpander.Source, Registry> registries) {
        this.registries = registries;
    }

    @Override
    public boolean handles(String type) {
        return type.startsWith(PREFIX);
    }

    @Override
    public Expansion expand(List<JsonNode> particles, Source source) {
        Run run = new Run(registries.apply(source), source);
        List<JsonNode> out = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < particles.size(); i++) {
            JsonNode p = particles.get(i);
            String pointer = "/particles/" + i;
            if (!handles(p.path("type").asText(""))) {
                out.add(p.deepCopy());
                origins.add(pointer);
                continue;
            }
            Where where = new Where(source.file(), source.positions(), pointer);
            for (ObjectNode m : run.instance(p.path("name").asText(), p.path("type").asText(), p.path("spec"), where,
                    List.of())) {
                out.add(m);
                origins.add(pointer);
            }
        }
        if (run.problems.isEmpty()) {
            for (int i = 0; i < out.size(); i++) {
                run.rewrite((ObjectNode) out.get(i), origins.get(i));
            }
        }
        return new Expansion(out, origins, run.problems);
    }

    /** Where a blueprint particle was written: a file, its positions, and the particle's pointer. */
    private record Where(String file, Positions positions, String pointer) {
        Diagnostic at(String relative, String message) {
            int[] lc = positions.ofValue(pointer + relative);
            return new Diagnostic(file, lc[0], lc[1], message);
        }
    }

    /** One expansion of a stack. */
    private final class Run {
        private final Registry registry;
        private final Source source;
        private final List<Diagnostic> problems = new ArrayList<>();
        /** Per blueprint particle (full name): its outputs as references into its members (full names). */
        private final Map<String, Map<String, Reference>> outputs = new LinkedHashMap<>();
        /** Per blueprint particle (full name): its members' full names (leaves). */
        private final Map<String, List<String>> members = new LinkedHashMap<>();

        private final String environment;

        Run(Registry registry, Source source) {
            this.registry = registry;
            this.source = source;
            this.environment = ProviderContext.fromEnvironment().env().getOrDefault("JITI_ENVIRONMENT", "local");
        }

        List<ObjectNode> instance(String name, String type, JsonNode spec, Where where, List<String> chain) {
            Matcher t = TYPE.matcher(type);
            if (!t.matches()) {
                problems.add(where.at("/type", "a blueprint type is blueprint:NAME@MAJOR or blueprint:NAME@MAJOR.MINOR, not '"
                        + type + "'"));
                return List.of();
            }
            var found = registry.find(t.group(1), t.group(2));
            if (found.isEmpty()) {
                problems.add(where.at("/type", "unknown blueprint " + t.group(1) + "@" + t.group(2) + " (known: "
                        + (registry.known().isEmpty() ? "none" : String.join(", ", registry.known())) + ")"));
                return List.of();
            }
            Blueprint b = found.get();
            if (chain.contains(b.name())) {
                List<String> cycle = new ArrayList<>(chain);
                cycle.add(b.name());
                problems.add(where.at("/type", "blueprint cycle: " + String.join(" -> ", cycle)));
                return List.of();
            }
            ObjectNode params = spec.isObject() ? ((ObjectNode) spec).deepCopy() : JsonNodeFactory.instance.objectNode();
            JsonNode overrides = params.remove("overrides");
            if (params.has("permissions")) {
                problems.add(where.at("/spec/permissions", "permissions of a blueprint particle are not supported yet"));
            }
            int before = problems.size();
            problems.addAll(SchemaCheck.check(b.parameters(), params, where.pointer() + "/spec", where.positions(),
                    where.file()));
            checkOverrides(b, overrides, where);
            if (problems.size() > before) {
                return List.of();
            }
            b.parameters().path("properties").fields().forEachRemaining(f -> {
                if (f.getValue().has("default") && !params.has(f.getKey())) {
                    params.set(f.getKey(), f.getValue().get("default").deepCopy());
                }
            });
            Map<String, Object> context = new LinkedHashMap<>();
            params.fields().forEachRemaining(f -> context.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class)));
            context.put("stack", source.stack());
            context.put("name", name);
            context.put("environment", environment);
            List<String> local = new ArrayList<>();
            b.members().fieldNames().forEachRemaining(local::add);
            List<ObjectNode> out = new ArrayList<>();
            List<String> leaves = new ArrayList<>();
            List<String> nextChain = new ArrayList<>(chain);
            nextChain.add(b.name());
            for (String m : local) {
                String pointer = "/members/" + m;
                ObjectNode rendered = (ObjectNode) renderer.render(b.members().get(m), pointer, context, b, problems);
                JsonNode when = rendered.remove("when");
                if (when != null && !(when.isBoolean() ? when.asBoolean() : when.asText().trim().equalsIgnoreCase("true"))) {
                    continue;
                }
                if (overrides != null && overrides.has(m)) {
                    ObjectNode spec2 = rendered.has("spec") ? (ObjectNode) rendered.get("spec")
                            : rendered.putObject("spec");
                    merge(spec2, overrides.get(m));
                }
                String full = name + "." + m;
                prefixSiblings(rendered, name, local);
                String memberType = rendered.path("type").asText();
                if (handles(memberType)) {
                    List<ObjectNode> nested = instance(full, memberType, rendered.path("spec"),
                            new Where(b.file(), b.positions(), pointer), nextChain);
                    out.addAll(nested);
                    leaves.addAll(members.getOrDefault(full, List.of()));
                    continue;
                }
                ObjectNode particle = JsonNodeFactory.instance.objectNode();
                particle.put("name", full);
                particle.setAll(rendered);
                out.add(particle);
                leaves.add(full);
            }
            Map<String, Reference> outs = new LinkedHashMap<>();
            b.outputs().forEach((o, ref) -> outs.put(o, References.find(prefixRefs(ref, name, local), new ArrayList<>())
                    .get(0))); // the bundle schema makes each output one reference
            outputs.put(name, outs);
            members.put(name, leaves);
            return out;
        }

        private void checkOverrides(Blueprint b, JsonNode overrides, Where where) {
            if (overrides == null) {
                return;
            }
            if (!overrides.isObject()) {
                problems.add(where.at("/spec/overrides", "overrides is a mapping MEMBER: {spec fields}"));
                return;
            }
            overrides.fieldNames().forEachRemaining(m -> {
                if (!b.members().has(m)) {
                    List<String> names = new ArrayList<>();
                    b.members().fieldNames().forEachRemaining(names::add);
                    problems.add(where.at("/spec/overrides/" + m, "blueprint " + b.id() + " has no member '" + m
                            + "' (members: " + String.join(", ", names) + ")"));
                } else if (!overrides.get(m).isObject()) {
                    problems.add(where.at("/spec/overrides/" + m, "an override is a mapping of spec fields"));
                }
            });
        }

        /** Rewrites references to blueprint outputs and dependencies on blueprint particles. */
        void rewrite(ObjectNode particle, String origin) {
            JsonNode spec = particle.get("spec");
            if (spec != null) {
                particle.set("spec", rewriteRefs(spec, origin));
            }
            JsonNode deps = particle.get("dependsOn");
            if (deps != null && deps.isArray()) {
                ArrayNode next = JsonNodeFactory.instance.arrayNode();
                for (JsonNode d : deps) {
                    List<String> leaves = members.get(d.asText());
                    if (leaves == null) {
                        next.add(d);
                    } else {
                        leaves.forEach(next::add);
                    }
                }
                particle.set("dependsOn", next);
            }
        }

        /** Each reference to a blueprint particle's output, followed through nested blueprints. */
        private JsonNode rewriteRefs(JsonNode node, String origin) {
            return mapStrings(node, text -> {
                for (int round = 0; round < 10; round++) {
                    String next = References.rewrite(text, r -> output(r, origin));
                    if (next.equals(text)) {
                        break;
                    }
                    text = next;
                }
                return text;
            });
        }

        private Reference output(Reference r, String origin) {
            Map<String, Reference> outs = outputs.get(r.particle());
            if (outs == null) {
                return r;
            }
            Reference to = outs.get(r.output());
            if (to == null) {
                int[] lc = source.positions().ofValue(origin);
                problems.add(new Diagnostic(source.file(), lc[0], lc[1], "blueprint particle " + r.particle()
                        + " has no output '" + r.output() + "' (outputs: " + String.join(", ", outs.keySet()) + ")"));
                return r;
            }
            return to;
        }
    }

    /** Member-local names in {@code dependsOn} and references become full names. */
    private static void prefixSiblings(ObjectNode member, String name, List<String> local) {
        JsonNode deps = member.get("dependsOn");
        if (deps != null && deps.isArray()) {
            ArrayNode next = JsonNodeFactory.instance.arrayNode();
            deps.forEach(d -> next.add(local.contains(d.asText()) ? name + "." + d.asText() : d.asText()));
            member.set("dependsOn", next);
        }
        JsonNode spec = member.get("spec");
        if (spec != null) {
            member.set("spec", mapStrings(spec, text -> prefixRefs(text, name, local)));
        }
    }

    /** {@code ${MEMBER.OUTPUT}} of a sibling member becomes {@code ${NAME.MEMBER.OUTPUT}}. */
    static String prefixRefs(String text, String name, List<String> local) {
        return References.rewrite(text, r -> local.contains(r.particle())
                ? new Reference(name + "." + r.particle(), r.output()) : r);
    }

    /** A copy of {@code node} with {@code change} applied to every string in it. */
    private static JsonNode mapStrings(JsonNode node, UnaryOperator<String> change) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(change.apply(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey(), mapStrings(f.getValue(), change)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(mapStrings(n, change)));
            return out;
        }
        return node;
    }

    /** Deep merge of {@code patch} into {@code target} (mappings merge, everything else replaces). */
    static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(f -> {
            JsonNode old = target.get(f.getKey());
            if (old != null && old.isObject() && f.getValue().isObject()) {
                merge((ObjectNode) old, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue().deepCopy());
            }
        });
    }
}
