package io.jiti.platform.model;

import java.util.Locale;

/** What a template makes: an environment (shared infrastructure) or a service (one instance per environment). */
public enum TemplateKind {
    /** Shared infrastructure of one target, with typed outputs. */
    ENVIRONMENT,
    /** A service's instances, bound to their environment's outputs. */
    SERVICE;

    /** As written: {@code environment} or {@code service}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind {@code word} names. */
    public static TemplateKind of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
