package io.jiti.plan;

import java.util.Locale;

/** What apply does to one particle. */
public enum Action {
    CREATE, UPDATE, REPLACE, DELETE, START, STOP, NOOP;

    /** The lower-case word used in output. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this action changes anything. */
    public boolean changes() {
        return this != NOOP;
    }
}
