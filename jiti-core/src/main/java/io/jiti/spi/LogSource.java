package io.jiti.spi;

import java.util.function.Consumer;

/** A type whose particles have a log stream. */
public interface LogSource {

    /** Whose lines: the running instances' (the default), every instance's including retired ones, the build's. */
    enum Lines {
        CURRENT, ALL, BUILD;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Sends the particle's log lines to {@code sink}; with {@code follow}, keeps sending new lines until the
     * thread is interrupted or the particle goes away.
     */
    default void logs(String stack, String name, boolean follow, Consumer<String> sink) {
        logs(stack, name, follow, Lines.ALL, sink);
    }

    /** As above, only the lines {@code which} selects. */
    void logs(String stack, String name, boolean follow, Lines which, Consumer<String> sink);
}
