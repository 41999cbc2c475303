package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.load.StackExpander;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Expands particles of type {@code blueprint:NAME@MAJOR} (or {@code @MAJOR.MINOR}) into their members,
 * named {@code PARTICLE.MEMBER}: the particle's spec holds the parameters (checked against the
 * blueprint's schema, defaults filled in), {@code overrides: {MEMBER: {...}}} (merged into a member's
 * spec) and {@code permissions: {extra: {MEMBER: [...]}}} (added to the blueprint's default permissions).
 * {@code ${PARTICLE.OUTPUT}} anywhere in the stack, {@code dependsOn: [PARTICLE]} and permissions on
 * {@code PARTICLE} are rewritten to the members they stand for. Blueprints may use blueprints; a cycle is
 * reported.
 */
public final class BlueprintExpander implements StackExpander {
    private static final String PREFIX = "blueprint:";
    private final Function<StackExpander.Source, Registry> registries;

    /** The expander the loader finds with ServiceLoader: blueprints from {@link Registry#forStack}. */
    public BlueprintExpander() {
        this(source -> Registry.forStack(source.baseDir(), source.context()));
    }

    /** An expander with its own way to find blueprints (tests). */
    public BlueprintExpander(Function<StackExpander.Source, Registry> registries) {
        this.registries = registries;
    }

    static boolean isBlueprint(String type) {
        return type.startsWith(PREFIX);
    }

    @Override
    public boolean handles(String type) {
        return isBlueprint(type);
    }

    @Override
    public Expansion expand(List<JsonNode> particles, Source source) {
        ExpansionRun run = new ExpansionRun(registries.apply(source), source,
                source.context().env().getOrDefault("JITI_ENVIRONMENT", "local"));
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
            ExpansionRun.Where where = new ExpansionRun.Where(source.file(), source.positions(), pointer);
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
        return new Expansion(out, origins, run.problems, run.expanded);
    }
}
