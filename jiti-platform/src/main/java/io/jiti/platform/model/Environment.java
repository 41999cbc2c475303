package io.jiti.platform.model;

import io.jiti.blueprints.BlueprintVersion;
import java.time.Instant;
import java.util.Map;

/**
 * Shared infrastructure of one target, made from an environment template and deployed as a stack of its own.
 *
 * @param name     its name (also its stack's name)
 * @param template the environment template
 * @param version  the template version it is pinned to
 * @param inputs   the template's parameters
 * @param labels   labels policies read (such as {@code tier: prod})
 * @param provider where it runs ({@code local} for now)
 * @param protect  whether its particles are protected (the default)
 * @param created  when it was created
 */
public record Environment(String name, String template, BlueprintVersion version, Map<String, Object> inputs,
                          Map<String, String> labels, String provider, boolean protect, Instant created) {

    public Environment {
        inputs = Map.copyOf(inputs);
        labels = Map.copyOf(labels);
    }

    /** The deployment target it is. */
    public Target target() {
        return Target.environment(name);
    }
}
