package io.jiti.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Expanded;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.BlueprintExpander;
import io.jiti.blueprints.BlueprintReader;
import io.jiti.blueprints.Registry;
import io.jiti.load.StackLoader;
import io.jiti.load.TypeCatalog;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The stack a deployment applies: one particle of the template version (named after the environment's
 * template or the service) with the inputs as its parameters, an instance's components beside it, and for
 * an instance the environment's outputs bound into {@code ${environment.NAME}}.
 */
public final class StackBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Registry registry;
    private final Path workDir;
    private final java.util.function.Function<String, TypeCatalog> types;

    /**
     * @param registry where the blueprints templates use are found (the standard set, a company's jars)
     * @param workDir  the directory relative paths of a stack resolve against (one per stack below it)
     * @param types    the types of a provider, by id, that a stack on it is checked against
     */
    public StackBuilder(Registry registry, Path workDir, java.util.function.Function<String, TypeCatalog> types) {
        this.registry = registry;
        this.workDir = workDir;
        this.types = types;
    }

    /**
     * A built stack.
     *
     * @param stack    the stack, validated
     * @param template what the template particle expanded to, with its outputs' references
     */
    public record Built(Stack stack, Expanded template) {
    }

    /**
     * The stack of {@code target} from {@code version} with {@code inputs} and {@code components}, bound to
     * {@code environment} (an instance's environment outputs; null renders them as placeholders). Bad inputs or
     * components are bad input in {@code inputs} or {@code components}.
     */
    public Built build(Target target, String provider, TemplateVersion version, Map<String, Object> inputs,
            JsonNode components, Map<String, String> environment) {
        Blueprint b = BlueprintReader.read(version.bundle(), version.id());
        Blueprint used = environment == null ? b.placeholders() : b.bound(environment);
        String particle = target.isInstance() ? target.service() : version.name();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("stack", target.stack());
        doc.put("provider", provider);
        ArrayNode particles = doc.putArray("particles");
        ObjectNode p = particles.addObject();
        p.put("name", particle);
        p.put("type", "blueprint:" + version.id());
        p.set("spec", JSON.valueToTree(inputs));
        StackLoader loader = new StackLoader(types,
                List.of(new BlueprintExpander(source -> registry.preferring(used))));
        Stack stack = parse(loader, doc, target, "inputs");
        if (components != null && components.isArray() && !components.isEmpty()) {
            components.forEach(c -> particles.add(c.deepCopy()));
            stack = parse(loader, doc, target, "components");
        }
        Expanded expanded = stack.expanded().stream().filter(x -> x.name().equals(particle)).findFirst().orElseThrow();
        return new Built(stack, expanded);
    }

    /**
     * The stack of an instance built from its source: the commit's stack file (every particle of a type the
     * service's template allows: the template itself as {@code blueprint:NAME@MAJOR}, or its components), run from
     * the commit's files, bound to {@code environment}, with one secret per config variable ({@code fromEnv} of
     * {@link SourceBuilds#PREFIX}, replaced when the config file changes) referenced in every service's and job's
     * environment. Problems are bad input in {@code source}, at the file's line and column.
     */
    public Built buildSource(Target target, String provider, TemplateVersion version, SourceBuilds.Prepared prepared,
                             Map<String, String> environment) {
        SourceStack source = new SourceStack(version, prepared);
        Blueprint b = BlueprintReader.read(version.bundle(), version.id());
        Blueprint used = environment == null ? b.placeholders() : b.bound(environment);
        StackLoader loader = new StackLoader(types,
                List.of(new BlueprintExpander(src -> registry.preferring(used))));
        ObjectNode doc = source.document(b.contract().components());
        try {
            loader.parse(source.text(), source.label(), prepared.checkout());
        } catch (InvalidStackException e) {
            throw PlatformException.badInput("source", e.getMessage());
        }
        doc.put("stack", target.stack());
        doc.put("provider", provider);
        source.addConfigSecrets((ArrayNode) doc.get("particles"));
        Stack stack;
        try {
            stack = loader.parse(doc.toPrettyString(), source.label(), prepared.checkout());
        } catch (InvalidStackException e) {
            throw PlatformException.badInput("source", e.getMessage());
        }
        stack = source.withConfigInEnvironment(stack);
        Expanded template = stack.expanded().stream().filter(x -> x.from().startsWith(version.name() + "@"))
                .findFirst().orElse(null);
        return new Built(stack, template);
    }

    private Stack parse(StackLoader loader, ObjectNode doc, Target target, String field) {
        try {
            return loader.parse(doc.toPrettyString(), target.toString(), workDir.resolve(target.stack()));
        } catch (InvalidStackException e) {
            throw PlatformException.badInput(field, e.getMessage());
        }
    }
}
