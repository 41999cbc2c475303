package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.DesiredState;
import io.jiti.api.Diagnostic;
import io.jiti.api.Expanded;
import io.jiti.api.InvalidStackException;
import io.jiti.api.JitiException;
import io.jiti.api.Particle;
import io.jiti.api.Permission;
import io.jiti.api.Stack;
import io.jiti.command.Invocation;
import io.jiti.spi.ProviderContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads {@code jiti.yaml} into a validated {@link Stack}, or throws {@link InvalidStackException} with every problem. */
public final class StackLoader {
    /** The file looked for when a directory is given. */
    public static final String FILE_NAME = "jiti.yaml";
    /** The most a stack file may hold in bytes: YAML parsing stops at 3 MB of text anyway. */
    public static final int MAX_FILE_BYTES = 12 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, TypeCatalog> catalogs;
    private final List<StackExpander> expanders;
    private final Invocation invocation;
    private final String provider;

    /** A loader for {@code catalog}'s types whatever provider a stack names, without expanders. */
    public StackLoader(TypeCatalog catalog) {
        this(catalog, List.of());
    }

    /**
     * A loader for {@code catalog}'s types whatever provider a stack names, that lets {@code expanders} expand
     * particles first.
     */
    public StackLoader(TypeCatalog catalog, List<StackExpander> expanders) {
        this(id -> catalog, expanders, null, null);
    }

    /**
     * A loader that checks each stack against {@code catalogs}' types for the provider it names, and lets
     * {@code expanders} expand particles first.
     */
    public StackLoader(Function<String, TypeCatalog> catalogs, List<StackExpander> expanders) {
        this(catalogs, expanders, null, null);
    }

    private StackLoader(Function<String, TypeCatalog> catalogs, List<StackExpander> expanders, Invocation invocation,
            String provider) {
        this.catalogs = catalogs;
        this.expanders = List.copyOf(expanders);
        this.invocation = invocation;
        this.provider = provider;
    }

    /**
     * A loader that checks each stack against the types of the provider it names ({@code provider:}, default
     * {@code local}; {@link TypeCatalog#forProvider}), with the expanders on the class path ({@link StackExpander}).
     */
    public static StackLoader builtIn() {
        return withExpanders(TypeCatalog::forProvider);
    }

    /** A loader for {@code catalogs}' types per provider id, with the expanders on the class path. */
    public static StackLoader withExpanders(Function<String, TypeCatalog> catalogs) {
        List<StackExpander> found = new ArrayList<>();
        java.util.ServiceLoader.load(StackExpander.class).forEach(found::add);
        return new StackLoader(catalogs, found);
    }

    /**
     * This loader for {@code invocation}: relative paths are relative to its working directory (and named as
     * given in diagnostics), expanders see its home and settings instead of this JVM's.
     */
    public StackLoader forInvocation(Invocation invocation) {
        return new StackLoader(catalogs, expanders, invocation, provider);
    }

    /**
     * This loader with the stacks' provider set to {@code id} whatever they name ({@code --provider}); null
     * keeps what they name.
     */
    public StackLoader onProvider(String id) {
        return new StackLoader(catalogs, expanders, invocation, id);
    }

    private ProviderContext context() {
        return invocation == null ? ProviderContext.fromEnvironment() : invocation.context();
    }

    /** The stack file for a path: the path itself, or {@code jiti.yaml} inside a directory. */
    public static Path stackFile(Path path) {
        return Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    }

    /** Loads and validates the stack at {@code path} (a file, or a directory holding {@code jiti.yaml}). */
    public Stack load(Path path) {
        Path given = invocation == null ? path : invocation.resolve(path);
        boolean directory = Files.isDirectory(given);
        Path file = directory ? given.resolve(FILE_NAME) : given;
        String label = (directory ? path.resolve(FILE_NAME) : path).toString(); // as the caller wrote it
        String text;
        try {
            text = read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidStackException(List.of(new Diagnostic(label, 0, 0, "no such file"
                    + (directory ? " (a directory must hold " + FILE_NAME + ")" : ""))));
        } catch (IOException e) {
            throw new InvalidStackException(List.of(new Diagnostic(label, 0, 0, "cannot read: " + e.getMessage())));
        }
        return parse(text, label, file.toAbsolutePath().getParent());
    }

    /**
     * The text of a stack file: a regular file (never a device or a pipe, which could be endless) of at most
     * {@link #MAX_FILE_BYTES}, read no further than that.
     */
    private static String read(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IOException("larger than " + (MAX_FILE_BYTES >> 20) + " MiB (a stack holds at most 3 MB of text)");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Parses and validates stack text; {@code label} names it in diagnostics. */
    public Stack parse(String text, String label, Path baseDir) {
        YamlDocument doc = YamlDocument.parse(text, label);
        JsonNode root = doc.root();
        if (root == null) {
            throw new InvalidStackException(List.of(new Diagnostic(label, 1, 1,
                    "empty stack file: expected 'stack' (the name) and 'particles'")));
        }
        List<Diagnostic> problems = new ArrayList<>();
        List<Expanded> expanded = new ArrayList<>();
        TypeCatalog catalog = null;
        if (!root.isObject()) {
            problems.add(new Diagnostic(label, 1, 1, "a stack file is a mapping with 'stack' and 'particles'"));
        } else {
            if (provider != null) {
                ((ObjectNode) root).put("provider", provider);
            }
            catalog = catalog(root.path("provider").asText(Stack.DEFAULT_PROVIDER), doc.positions(), label, problems);
            problems.addAll(dottedNames(root.path("particles"), doc.positions(), label));
            Positions positions = expand((ObjectNode) root, doc.positions(), label, baseDir, problems, expanded);
            if (catalog != null) {
                problems.addAll(new StackValidator(catalog).validate(root, positions, label));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStackException(problems);
        }
        return toStack(root, baseDir, label, expanded, catalog);
    }

    /** The types of provider {@code id}; null, with the problem added, when there is no such provider. */
    private TypeCatalog catalog(String id, Positions at, String label, List<Diagnostic> problems) {
        try {
            return catalogs.apply(id);
        } catch (io.jiti.spi.UnknownProviderException e) {
            int[] lc = provider != null ? new int[] {0, 0} : at.ofValue("/provider");
            problems.add(new Diagnostic(label, lc[0], lc[1], (provider != null ? "--provider: " : "")
                    + e.getMessage()));
            return null;
        }
    }

    /**
     * Lets each expander replace the particles it handles (in place in {@code root}); returns the positions
     * for the particles as they are then. Problems of an expansion end the load.
     */
    private Positions expand(ObjectNode root, Positions positions, String label, Path baseDir,
            List<Diagnostic> found, List<Expanded> expanded) {
        Positions at = positions;
        for (StackExpander expander : expanders) {
            JsonNode particles = root.path("particles");
            List<JsonNode> list = new ArrayList<>();
            particles.forEach(list::add);
            if (!particles.isArray() || list.stream().noneMatch(p -> expander.handles(p.path("type").asText("")))) {
                continue;
            }
            StackExpander.Expansion e = expander.expand(list,
                    new StackExpander.Source(root.path("stack").asText(""), label, baseDir, at, context()));
            List<Diagnostic> problems = new ArrayList<>(found);
            problems.addAll(e.problems());
            if (!problems.isEmpty()) {
                throw new InvalidStackException(problems);
            }
            ArrayNode replaced = root.putArray("particles");
            e.particles().forEach(replaced::add);
            expanded.addAll(e.expanded());
            at = at.remap(e.origins());
        }
        return at;
    }

    /**
     * Names written with a dot: the schema lets member names ({@code PARTICLE.MEMBER}) through, a stack file
     * may not use them itself.
     */
    private static List<Diagnostic> dottedNames(JsonNode particles, Positions at, String label) {
        List<Diagnostic> out = new ArrayList<>();
        for (int i = 0; i < particles.size(); i++) {
            String name = particles.get(i).path("name").asText("");
            if (name.contains(".")) {
                int[] lc = at.ofValue("/particles/" + i + "/name");
                out.add(new Diagnostic(label, lc[0], lc[1], "a particle name may not contain '.' ('" + name
                        + "'): names with dots are those of blueprint members (NAME.MEMBER)"));
            }
        }
        return out;
    }

    /** Validates a stack built in code with the same rules as a file. */
    public Stack check(Stack stack) {
        TypeCatalog catalog;
        try {
            catalog = catalogs.apply(stack.provider());
        } catch (io.jiti.spi.UnknownProviderException e) {
            throw new InvalidStackException(List.of(new Diagnostic(stack.source(), 0, 0, e.getMessage())));
        }
        List<Diagnostic> problems = new StackValidator(catalog).validate(toTree(stack), Positions.none(), stack.source());
        if (!problems.isEmpty()) {
            throw new InvalidStackException(problems);
        }
        return stack;
    }

    /** The document form of a stack. */
    public static ObjectNode toTree(Stack stack) {
        ObjectNode root = JSON.createObjectNode();
        root.put("stack", stack.name());
        root.put("provider", stack.provider());
        ArrayNode particles = root.putArray("particles");
        for (Particle p : stack.particles()) {
            ObjectNode o = particles.addObject();
            o.put("name", p.name());
            o.put("type", p.type());
            o.put("state", p.state().word());
            o.set("spec", JSON.valueToTree(p.spec()));
            o.set("dependsOn", JSON.valueToTree(p.dependsOn()));
            o.put("protect", p.protect());
            if (!p.permissions().isEmpty()) {
                o.set("permissions", JSON.valueToTree(p.permissions()));
            }
        }
        return root;
    }

    /**
     * The spec with the schema's defaults for the top-level fields it leaves out, as an API server applies
     * them: writing a default out or leaving it implicit is the same spec (so adding {@code fifo: false}
     * to a queue is no change, let alone a replace).
     */
    private static Map<String, Object> withDefaults(Map<String, Object> spec, String type, TypeCatalog catalog) {
        JsonNode properties = catalog.type(type).map(t -> t.schema().path("properties")).orElse(null);
        if (properties == null) {
            return spec;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(spec);
        properties.fields().forEachRemaining(f -> {
            if (f.getValue().has("default") && !out.containsKey(f.getKey())) {
                out.put(f.getKey(), JSON.convertValue(f.getValue().get("default"), Object.class));
            }
        });
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Stack toStack(JsonNode root, Path baseDir, String label, List<Expanded> expanded, TypeCatalog catalog) {
        List<Particle> particles = new ArrayList<>();
        Map<String, String> typeOf = new java.util.HashMap<>();
        root.path("particles").forEach(p -> typeOf.put(p.get("name").asText(), p.get("type").asText()));
        for (JsonNode p : root.path("particles")) {
            Map<String, Object> spec = p.has("spec") ? JSON.convertValue(p.get("spec"), Map.class) : Map.of();
            spec = withDefaults(Connections.expand(spec, typeOf, catalog), p.get("type").asText(), catalog);
            List<String> deps = new ArrayList<>();
            p.path("dependsOn").forEach(d -> deps.add(d.asText()));
            DesiredState state = DesiredState.parse(p.path("state").asText("running"))
                    .orElseThrow(() -> new JitiException("unreachable: state was validated"));
            String type = p.get("type").asText();
            boolean stateful = catalog.type(type).map(TypeInfo::stateful).orElse(false);
            List<Permission> permissions = new ArrayList<>();
            for (JsonNode s : p.path("permissions")) {
                permissions.add(new Permission(strings(s.path("actions")), strings(s.path("resources")),
                        s.path("note").asText("")));
            }
            particles.add(new Particle(p.get("name").asText(), type, state, spec, deps,
                    p.path("protect").asBoolean(stateful), permissions));
        }
        return new Stack(root.get("stack").asText(), root.path("provider").asText(Stack.DEFAULT_PROVIDER), particles,
                baseDir, label, expanded);
    }
}
