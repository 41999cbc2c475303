package io.jiti.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named set of particles: normally the file {@code jiti.yaml} of an application, or built in code.
 *
 * @param name      the stack name; every live resource is marked with it
 * @param provider  where the particles become real ({@code local} by default)
 * @param particles the particles, in definition order
 * @param baseDir   the directory relative paths in specs are resolved against
 * @param source    the file the stack was loaded from, or a label such as {@code <java>}
 * @param expanded  the particles of the file that were expanded into others (blueprints), for plans
 */
public record Stack(String name, String provider, List<Particle> particles, Path baseDir, String source,
                    List<Expanded> expanded) {

    /** The provider used when a stack names none. */
    public static final String DEFAULT_PROVIDER = "local";

    public Stack {
        Objects.requireNonNull(name, "name");
        provider = provider == null ? DEFAULT_PROVIDER : provider;
        particles = List.copyOf(particles);
        baseDir = baseDir == null ? Path.of("").toAbsolutePath() : baseDir.toAbsolutePath();
        source = source == null ? "<java>" : source;
        expanded = expanded == null ? List.of() : List.copyOf(expanded);
    }

    /** A stack in which nothing was expanded. */
    public Stack(String name, String provider, List<Particle> particles, Path baseDir, String source) {
        this(name, provider, particles, baseDir, source, List.of());
    }

    /**
     * The permissions the stack needs: the union of its particles' statements, one grant per principal,
     * action and resource, in definition order.
     */
    public List<Grant> permissions() {
        Map<String, Grant> out = new LinkedHashMap<>();
        for (Particle p : particles) {
            for (Permission s : p.permissions()) {
                for (String resource : s.resources()) {
                    for (String action : s.actions()) {
                        out.putIfAbsent(p.name() + " " + action + " " + resource,
                                new Grant(p.name(), action, resource, s.note()));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The particle of that name, if any. */
    public Optional<Particle> particle(String particleName) {
        return particles.stream().filter(p -> p.name().equals(particleName)).findFirst();
    }

    /** The particles by name, in definition order. */
    public Map<String, Particle> byName() {
        Map<String, Particle> out = new LinkedHashMap<>();
        particles.forEach(p -> out.put(p.name(), p));
        return out;
    }

    /** Starts a stack in code. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Fluent builder for {@link Stack}. */
    public static final class Builder {
        private final String name;
        private String provider = DEFAULT_PROVIDER;
        private final List<Particle> particles = new ArrayList<>();
        private Path baseDir;

        private Builder(String name) {
            this.name = name;
        }

        public Builder provider(String id) {
            this.provider = id;
            return this;
        }

        public Builder baseDir(Path dir) {
            this.baseDir = dir;
            return this;
        }

        public Builder particle(Particle particle) {
            particles.add(particle);
            return this;
        }

        public Builder particle(Particle.Builder particle) {
            return particle(particle.build());
        }

        public Stack build() {
            return new Stack(name, provider, particles, baseDir, "<java>");
        }
    }
}
