package io.jiti.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource with a desired state.
 *
 * @param name      unique in its stack, {@code [a-z][a-z0-9-]*}; a blueprint member's is {@code PARTICLE.MEMBER}
 * @param type      a stable type id such as {@code service} or {@code aws.s3.bucket}
 * @param state     the desired state
 * @param spec      the type's settings (JSON-like: maps, lists, strings, numbers, booleans); strings may hold
 *                  references {@code ${other.output}}
 * @param dependsOn explicit dependencies (references add implicit ones)
 * @param protect   never deleted or replaced without {@code --force}
 * @param permissions what this particle may do to others ({@link Permission}); not part of its spec
 */
public record Particle(String name, String type, DesiredState state, Map<String, Object> spec,
                       List<String> dependsOn, boolean protect, List<Permission> permissions) {

    public Particle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        state = state == null ? DesiredState.RUNNING : state;
        spec = spec == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spec));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** A particle without permissions. */
    public Particle(String name, String type, DesiredState state, Map<String, Object> spec, List<String> dependsOn,
            boolean protect) {
        this(name, type, state, spec, dependsOn, protect, List.of());
    }

    /** Starts a particle in code: {@code Particle.of("web", "service").spec("command", "...").build()}. */
    public static Builder of(String name, String type) {
        return new Builder(name, type);
    }

    /** Fluent builder for {@link Particle}. */
    public static final class Builder {
        private final String name;
        private final String type;
        private DesiredState state = DesiredState.RUNNING;
        private final Map<String, Object> spec = new LinkedHashMap<>();
        private final List<String> dependsOn = new ArrayList<>();
        private boolean protect;
        private final List<Permission> permissions = new ArrayList<>();

        private Builder(String name, String type) {
            this.name = name;
            this.type = type;
        }

        /** Sets one spec field. */
        public Builder spec(String field, Object value) {
            spec.put(field, value);
            return this;
        }

        /** Sets several spec fields. */
        public Builder spec(Map<String, ?> fields) {
            spec.putAll(fields);
            return this;
        }

        public Builder state(DesiredState value) {
            this.state = value;
            return this;
        }

        public Builder dependsOn(String... names) {
            dependsOn.addAll(List.of(names));
            return this;
        }

        public Builder protect(boolean value) {
            this.protect = value;
            return this;
        }

        /** Lets this particle take {@code actions} on the particles {@code resources}. */
        public Builder permission(List<String> actions, List<String> resources) {
            permissions.add(new Permission(actions, resources, ""));
            return this;
        }

        public Particle build() {
            return new Particle(name, type, state, spec, dependsOn, protect, permissions);
        }
    }
}
