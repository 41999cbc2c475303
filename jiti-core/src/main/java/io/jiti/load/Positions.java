package io.jiti.load;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a parsed document stands, by JSON pointer ({@code /particles/0/spec}). Keys of
 * object members are kept apart so that "unknown field" can point at the key itself.
 */
public final class Positions {
    private final Map<String, int[]> values = new HashMap<>();
    private final Map<String, int[]> keys = new HashMap<>();

    void value(String pointer, int line, int column) {
        values.put(pointer, new int[] {line, column});
    }

    void key(String pointer, int line, int column) {
        keys.put(pointer, new int[] {line, column});
    }

    /** No positions: for stacks built in code. */
    public static Positions none() {
        return new Positions();
    }

    /** Line and column (1-based) of the value at {@code pointer}, or of its nearest parent; {0, 0} if none. */
    public int[] ofValue(String pointer) {
        String p = pointer;
        while (true) {
            int[] at = values.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return new int[] {0, 0};
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /**
     * These positions for a particle list rearranged by an expansion: particle {@code j} of the new list
     * stands where {@code origins.get(j)} (a pointer {@code /particles/I}) stood.
     */
    Positions remap(java.util.List<String> origins) {
        Positions out = new Positions();
        out.values.putAll(values);
        out.keys.putAll(keys);
        out.values.keySet().removeIf(p -> p.startsWith("/particles/"));
        out.keys.keySet().removeIf(p -> p.startsWith("/particles/"));
        for (int j = 0; j < origins.size(); j++) {
            String from = origins.get(j);
            String to = "/particles/" + j;
            values.forEach((p, at) -> {
                if (p.equals(from) || p.startsWith(from + "/")) {
                    out.values.put(to + p.substring(from.length()), at);
                }
            });
            keys.forEach((p, at) -> {
                if (p.equals(from) || p.startsWith(from + "/")) {
                    out.keys.put(to + p.substring(from.length()), at);
                }
            });
        }
        return out;
    }

    /** Line and column of the key of the member at {@code pointer}, falling back to its value. */
    public int[] ofKey(String pointer) {
        int[] at = keys.get(pointer);
        return at != null ? at : ofValue(pointer);
    }
}
