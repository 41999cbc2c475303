package io.jiti.local.agent;

import java.util.regex.Pattern;

/**
 * How a secret output appears outside the agent: {@code jiti-secret:STACK/NAME/KEY}, a reference that
 * plans, status, records and logs may show, and that the agent replaces by the value only in the
 * environment of the processes it starts.
 */
final class SecretRef {
    static final Pattern PATTERN = Pattern.compile(
            "jiti-secret:([a-z][a-z0-9-]*)/([a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)*)/([A-Za-z]+)");

    private SecretRef() {
    }

    static String of(String stack, String name, String key) {
        return "jiti-secret:" + stack + "/" + name + "/" + key;
    }

    /** Whether any string in {@code value} (a spec: maps, lists, strings) holds {@code prefix}. */
    static boolean mentions(Object value, String prefix) {
        if (value instanceof String s) {
            return s.contains(prefix);
        }
        if (value instanceof java.util.Map<?, ?> m) {
            return m.values().stream().anyMatch(v -> mentions(v, prefix));
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().anyMatch(v -> mentions(v, prefix));
        }
        return false;
    }
}
