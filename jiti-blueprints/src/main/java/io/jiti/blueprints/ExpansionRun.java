package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.Expanded;
import io.jiti.load.Positions;
import io.jiti.load.Reference;
import io.jiti.load.References;
import io.jiti.load.SchemaCheck;
import io.jiti.load.StackExpander;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One expansion of a stack: instantiates blueprint particles (recursively) and then rewrites what the
 * rest of the stack says of them (outputs, dependencies, permission resources) to their members.
 */
final class ExpansionRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE = Pattern.compile("blueprint:([a-z][a-z0-9-]*)@(\\d+(?:\\.\\d+)?)");
    private static final JsonNode PARTICLE_SCHEMA = load();
    /** Types that run code: the members a permission given to a nested blueprint member goes to. */
    private static final Set<String> WORKLOADS = Set.of("service", "job");
    private final Registry registry;
    private final StackExpander.Source source;
    private final String environment;
    private final Renderer renderer = new Renderer();
    final List<Diagnostic> problems = new ArrayList<>();
    final List<Expanded> expanded = new ArrayList<>();
    /** Per blueprint particle (full name): its outputs as references into its members (full names). */
    private final Map<String, Map<String, Reference>> outputs = new LinkedHashMap<>();
    /** Per blueprint particle (full name): its members' full names (leaves) and their types. */
    private final Map<String, Map<String, String>> members = new LinkedHashMap<>();

    ExpansionRun(Registry registry, StackExpander.Source source, String environment) {
        this.registry = registry;
        this.source = source;
        this.environment = environment;
    }

    private static JsonNode load() {
        try (InputStream in = ExpansionRun.class.getResourceAsStream("particle.schema.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a blueprint particle was written: a file, its positions, and the particle's pointer. */
    record Where(String file, Positions positions, String pointer) {
        Diagnostic at(String relative, String message) {
            int[] lc = positions.ofValue(pointer + relative);
            return new Diagnostic(file, lc[0], lc[1], message);
        }
    }

    /** The members (leaf particles) of the blueprint particle {@code name}; empty after a problem. */
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
        int before = problems.size();
        problems.addAll(SchemaCheck.check(PARTICLE_SCHEMA, params, where.pointer() + "/spec", where.positions(),
                where.file()));
        JsonNode overrides = params.remove("overrides");
        JsonNode extra = params.has("permissions") ? params.remove("permissions").get("extra") : null;
        problems.addAll(SchemaCheck.check(b.parameters(), params, where.pointer() + "/spec", where.positions(),
                where.file()));
        knownMembers(b, overrides, "/spec/overrides", where);
        knownMembers(b, extra, "/spec/permissions/extra", where);
        if (problems.size() > before) {
            return List.of();
        }
        List<String> notes = chain.isEmpty() ? OverrideNotes.of(b, params, overrides, extra) : List.of();
        Map<String, Object> context = context(b, params, name);
        List<String> local = new ArrayList<>();
        b.members().fieldNames().forEachRemaining(local::add);
        Map<String, ObjectNode> rendered = new LinkedHashMap<>();
        for (String m : local) {
            ObjectNode r = (ObjectNode) renderer.render(b.members().get(m), "/members/" + m, context, b, problems);
            JsonNode when = r.remove("when");
            if (when == null || (when.isBoolean() ? when.asBoolean() : when.asText().trim().equalsIgnoreCase("true"))) {
                rendered.put(m, r);
            }
        }
        List<String> nextChain = new ArrayList<>(chain);
        nextChain.add(b.name());
        List<ObjectNode> out = new ArrayList<>();
        Map<String, String> leaves = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : rendered.entrySet()) {
            String m = e.getKey();
            ObjectNode member = e.getValue();
            if (overrides != null && overrides.has(m)) {
                JsonTrees.merge(member.has("spec") ? (ObjectNode) member.get("spec") : member.putObject("spec"),
                        overrides.get(m));
            }
            JsonNode defaults = b.permissions().has(m)
                    ? renderer.render(b.permissions().get(m), "/permissions/" + m, context, b, problems) : null;
            ArrayNode permissions = MemberPermissions.of(defaults, extra == null ? null : extra.get(m), b, name, local,
                    rendered.keySet());
            String full = name + "." + m;
            prefixSiblings(member, name, local);
            String memberType = member.path("type").asText();
            if (BlueprintExpander.isBlueprint(memberType)) {
                List<ObjectNode> nested = instance(full, memberType, member.path("spec"),
                        new Where(b.file(), b.positions(), "/members/" + m), nextChain);
                nested.stream().filter(n -> WORKLOADS.contains(n.path("type").asText()))
                        .forEach(n -> append(n, permissions));
                out.addAll(nested);
                leaves.putAll(members.getOrDefault(full, Map.of()));
                continue;
            }
            ObjectNode particle = JsonNodeFactory.instance.objectNode();
            particle.put("name", full);
            particle.setAll(member);
            append(particle, permissions);
            out.add(particle);
            leaves.put(full, memberType);
        }
        Map<String, Reference> outs = new LinkedHashMap<>();
        b.outputs().forEach((o, ref) -> outs.put(o, References.find(prefixRefs(ref, name, local), new ArrayList<>())
                .get(0))); // the bundle schema makes each output one reference
        outputs.put(name, outs);
        members.put(name, leaves);
        if (chain.isEmpty()) {
            Map<String, String> resolved = new LinkedHashMap<>();
            outs.forEach((o, ref) -> resolved.put(o, leaf(ref).toString()));
            expanded.add(new Expanded(name, b.id(), List.copyOf(leaves.keySet()), notes, resolved));
        }
        return out;
    }

    private Map<String, Object> context(Blueprint b, ObjectNode params, String name) {
        Map<String, Object> context = new LinkedHashMap<>();
        b.parameters().path("properties").fields().forEachRemaining(f -> context.put(f.getKey(),
                f.getValue().has("default") ? JSON.convertValue(f.getValue().get("default"), Object.class) : null));
        params.fields().forEachRemaining(f -> context.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class)));
        context.put("stack", source.stack());
        context.put("name", name);
        context.put("environment", environment);
        return context;
    }

    private static void append(ObjectNode particle, ArrayNode permissions) {
        if (permissions.isEmpty()) {
            return;
        }
        JsonNode had = particle.get("permissions");
        ArrayNode all = had != null && had.isArray() ? (ArrayNode) had : particle.putArray("permissions");
        permissions.forEach(p -> all.add(p.deepCopy()));
    }

    private void knownMembers(Blueprint b, JsonNode byMember, String relative, Where where) {
        if (byMember == null || !byMember.isObject()) {
            return;
        }
        byMember.fieldNames().forEachRemaining(m -> {
            if (!b.members().has(m)) {
                List<String> names = new ArrayList<>();
                b.members().fieldNames().forEachRemaining(names::add);
                problems.add(where.at(relative + "/" + m, "blueprint " + b.id() + " has no member '" + m
                        + "' (members: " + String.join(", ", names) + ")"));
            }
        });
    }

    /**
     * Rewrites what {@code particle} says of blueprint particles: references to their outputs, dependencies
     * and connections to them (all their members) and permissions on them (their members of the actions'
     * type).
     */
    void rewrite(ObjectNode particle, String origin) {
        JsonNode spec = particle.get("spec");
        if (spec != null && spec.isObject()) {
            ObjectNode next = (ObjectNode) JsonTrees.mapStrings(spec, text -> followOutputs(text, origin));
            if (next.path("connect").isArray()) {
                next.set("connect", members(next.get("connect"), type -> true));
            }
            particle.set("spec", next);
        }
        if (particle.path("dependsOn").isArray()) {
            particle.set("dependsOn", members(particle.get("dependsOn"), type -> true));
        }
        for (JsonNode statement : particle.path("permissions")) {
            if (statement.isObject() && statement.path("resources").isArray()) {
                Set<String> types = new LinkedHashSet<>();
                statement.path("actions").forEach(a -> types.add(a.asText().replaceFirst(":[^:]*$", "")));
                ((ObjectNode) statement).set("resources", members(statement.get("resources"), types::contains));
            }
        }
    }

    /**
     * The names in {@code names}, a blueprint particle's standing for its members whose type is
     * {@code wanted}.
     */
    private ArrayNode members(JsonNode names, Predicate<String> wanted) {
        ArrayNode next = JsonNodeFactory.instance.arrayNode();
        for (JsonNode d : names) {
            Map<String, String> leaves = members.get(d.asText());
            if (leaves == null) {
                next.add(d);
            } else {
                leaves.forEach((leaf, type) -> {
                    if (wanted.test(type)) {
                        next.add(leaf);
                    }
                });
            }
        }
        return next;
    }

    /** Each reference to a blueprint particle's output, followed through nested blueprints. */
    private String followOutputs(String text, String origin) {
        for (int round = 0; round < 10; round++) {
            String next = References.rewrite(text, r -> output(r, origin));
            if (next.equals(text)) {
                break;
            }
            text = next;
        }
        return text;
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

    /** The member output {@code ref} stands for, followed through nested blueprints' outputs. */
    private Reference leaf(Reference ref) {
        Reference r = ref;
        for (int round = 0; round < 10 && outputs.containsKey(r.particle()); round++) {
            Reference to = outputs.get(r.particle()).get(r.output());
            if (to == null) {
                break;
            }
            r = to;
        }
        return r;
    }

    /** Member-local names in {@code dependsOn}, {@code connect} and references become full names. */
    private static void prefixSiblings(ObjectNode member, String name, List<String> local) {
        JsonNode deps = member.get("dependsOn");
        if (deps != null && deps.isArray()) {
            ArrayNode next = JsonNodeFactory.instance.arrayNode();
            deps.forEach(d -> next.add(local.contains(d.asText()) ? name + "." + d.asText() : d.asText()));
            member.set("dependsOn", next);
        }
        JsonNode spec = member.get("spec");
        if (spec != null) {
            ObjectNode next = (ObjectNode) JsonTrees.mapStrings(spec, text -> prefixRefs(text, name, local));
            JsonNode connect = next.get("connect");
            if (connect != null && connect.isArray()) {
                ArrayNode names = next.putArray("connect");
                connect.forEach(c -> names.add(local.contains(c.asText()) ? name + "." + c.asText() : c.asText()));
            }
            member.set("spec", next);
        }
    }

    /** {@code ${MEMBER.OUTPUT}} of a sibling member becomes {@code ${NAME.MEMBER.OUTPUT}}. */
    static String prefixRefs(String text, String name, List<String> local) {
        return References.rewrite(text, r -> local.contains(r.particle())
                ? new Reference(name + "." + r.particle(), r.output()) : r);
    }
}
