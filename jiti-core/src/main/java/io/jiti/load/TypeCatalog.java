package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.JitiException;
import io.jiti.spi.ProviderFactory;
import io.jiti.spi.Providers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The particle types of one provider with their spec schemas, outputs and connections: the portable types
 * as core describes them (what every provider must honour and give), extended by what the provider adds
 * ({@link ProviderFactory#typeSchemas()}).
 */
public final class TypeCatalog {
    private static final String ROOT = "/io/jiti/schema/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile TypeCatalog portable;
    private static final Map<String, TypeCatalog> BY_PROVIDER = new java.util.concurrent.ConcurrentHashMap<>();
    private final String provider;
    private final Map<String, TypeInfo> types;
    private final Map<String, String> unsupported;
    private final JsonNode stackSchema;

    private TypeCatalog(String provider, Map<String, TypeInfo> types, Map<String, String> unsupported,
            JsonNode stackSchema) {
        this.provider = provider;
        this.types = types;
        this.unsupported = unsupported;
        this.stackSchema = stackSchema;
    }

    /** The portable types alone, as core describes them: the contract every provider honours. */
    public static TypeCatalog portable() {
        TypeCatalog c = portable;
        if (c == null) {
            synchronized (TypeCatalog.class) {
                if (portable == null) {
                    portable = load();
                }
                c = portable;
            }
        }
        return c;
    }

    /**
     * The types of the provider of that id on the class path: the portable ones with its additions.
     *
     * @throws io.jiti.spi.UnknownProviderException when no provider of that id is on the class path
     */
    public static TypeCatalog forProvider(String id) {
        TypeCatalog known = BY_PROVIDER.get(id);
        if (known != null) {
            return known;
        }
        ProviderFactory factory = Providers.factory(id).orElseThrow(() -> Providers.unknown(id));
        return BY_PROVIDER.computeIfAbsent(id, k -> portable().extendedBy(id, factory.typeSchemas()));
    }

    /**
     * These types extended by {@code provider}'s additions (see {@link ProviderFactory#typeSchemas()}): a type
     * whose addition says {@code x-jiti-unsupported} is left out, with that reason.
     */
    public TypeCatalog extendedBy(String provider, Map<String, JsonNode> additions) {
        Map<String, TypeInfo> out = new LinkedHashMap<>(types);
        Map<String, String> refused = new LinkedHashMap<>();
        additions.forEach((type, overlay) -> {
            TypeInfo base = types.get(type);
            if (base == null) {
                throw new JitiException("provider '" + provider + "' extends type '" + type
                        + "', which is not a portable type (" + String.join(", ", ids()) + ")");
            }
            if (overlay.has("x-jiti-unsupported")) {
                out.remove(type);
                refused.put(type, overlay.get("x-jiti-unsupported").asText());
            } else {
                out.put(type, typeInfo(type, TypeOverlay.merge(provider, type, (ObjectNode) base.schema(), overlay)));
            }
        });
        return new TypeCatalog(provider, java.util.Collections.unmodifiableMap(out), Map.copyOf(refused),
                stackSchema);
    }

    /** The provider these types are of, or empty for the portable types alone. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** Why this catalog's provider does not offer a portable type, if it does not. */
    public Optional<String> unsupported(String type) {
        return Optional.ofNullable(unsupported.get(type));
    }

    private static TypeCatalog load() {
        Map<String, TypeInfo> types = new LinkedHashMap<>();
        try (InputStream in = resource("types/index.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String id;
            while ((id = r.readLine()) != null) {
                if (!id.isBlank()) {
                    types.put(id.trim(), typeInfo(id.trim()));
                }
            }
            try (InputStream s = resource("stack.schema.json")) {
                return new TypeCatalog(null, java.util.Collections.unmodifiableMap(types), Map.of(), JSON.readTree(s));
            }
        } catch (IOException e) {
            throw new JitiException("cannot read the built-in type schemas", e);
        }
    }

    private static TypeInfo typeInfo(String id) throws IOException {
        try (InputStream in = resource("types/" + id + ".schema.json")) {
            return typeInfo(id, (ObjectNode) JSON.readTree(in));
        }
    }

    private static TypeInfo typeInfo(String id, ObjectNode schema) {
        return new TypeInfo(id, schema.path("description").asText(), schema, texts(schema.path("x-jiti-outputs")),
                schema.path("x-jiti-stateful").asBoolean(false), ConnectTemplate.of(schema.get("x-jiti-connect")),
                texts(schema.path("x-jiti-actions")));
    }

    /** A mapping of strings, in its order. */
    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static InputStream resource(String name) {
        InputStream in = TypeCatalog.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new JitiException("missing resource " + ROOT + name);
        }
        return in;
    }

    /** The ids of the types that offer a connection ({@code x-jiti-connect}), sorted. */
    public List<String> connectable() {
        return types.values().stream().filter(t -> t.connect() != null).map(TypeInfo::id).sorted().toList();
    }

    /** The type of that id, if known. */
    public Optional<TypeInfo> type(String id) {
        return Optional.ofNullable(types.get(id));
    }

    /** Every known type id, sorted. */
    public SortedSet<String> ids() {
        return new TreeSet<>(types.keySet());
    }

    /** Every known type. */
    public Collection<TypeInfo> all() {
        return types.values();
    }

    /** The schema of a stack's structure (without per-type specs). */
    public JsonNode stackSchema() {
        return stackSchema;
    }

    /**
     * One schema for editors: the stack structure plus, per type, the spec schema selected by the
     * particle's {@code type}. Published as {@code schema/jiti.schema.json}.
     */
    public ObjectNode editorSchema() {
        ObjectNode root = stackSchema.deepCopy();
        root.put("$id", "https://jiti.io/schema/" + (provider == null || provider.equals("local") ? "jiti"
                : provider) + ".schema.json");

        ObjectNode defs = (ObjectNode) root.get("$defs");
        ObjectNode particle = (ObjectNode) defs.get("particle");
        ObjectNode type = (ObjectNode) particle.get("properties").get("type");
        type.remove("enum");
        ArrayNode anyOf = type.putArray("anyOf");
        anyOf.addObject().set("enum", JSON.valueToTree(ids()));
        anyOf.addObject().put("pattern", BLUEPRINT_TYPE).put("description",
                "A blueprint: blueprint:NAME@MAJOR or blueprint:NAME@MAJOR.MINOR (its parameters go in spec).");
        ArrayNode allOf = particle.putArray("allOf");
        for (TypeInfo t : types.values()) {
            ObjectNode spec = t.schema().deepCopy();
            spec.remove("$schema");
            String prefix = "spec-" + t.id();
            // the type's own definitions move to the root, where its "#/$defs/X" now point ("#/$defs/spec-T-X")
            JsonNode own = spec.remove("$defs");
            if (own != null) {
                own.fields().forEachRemaining(d -> {
                    rewriteRefs(d.getValue(), prefix);
                    defs.set(prefix + "-" + d.getKey(), d.getValue());
                });
            }
            rewriteRefs(spec, prefix);
            defs.set(prefix, spec);
            ObjectNode rule = allOf.addObject();
            rule.putObject("if").putObject("properties").putObject("type").put("const", t.id());
            rule.putObject("then").putObject("properties").putObject("spec").put("$ref", "#/$defs/spec-" + t.id());
        }
        return root;
    }

    /** What a blueprint type looks like ({@code blueprint:NAME@MAJOR[.MINOR]}). */
    static final String BLUEPRINT_TYPE = "^blueprint:[a-z][a-z0-9-]*@\\d+(\\.\\d+)?$";

    /** Points every local {@code $ref} in {@code node} from a type schema's own root to its place in the editor schema. */
    private static void rewriteRefs(JsonNode node, String prefix) {
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual()) {
                String r = ref.asText();
                if (r.equals("#")) {
                    o.put("$ref", "#/$defs/" + prefix);
                } else if (r.startsWith("#/$defs/")) {
                    o.put("$ref", "#/$defs/" + prefix + "-" + r.substring("#/$defs/".length()));
                } else if (r.startsWith("#/")) {
                    o.put("$ref", "#/$defs/" + prefix + r.substring(1));
                }
            }
            o.fields().forEachRemaining(e -> rewriteRefs(e.getValue(), prefix));
        } else if (node != null && node.isArray()) {
            node.forEach(n -> rewriteRefs(n, prefix));
        }
    }
}
