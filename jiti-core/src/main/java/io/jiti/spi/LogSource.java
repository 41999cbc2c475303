package io.jiti.spi;

import java.util.function.Consumer;

/** A type whose particles have a log stream. */
public interface LogSource {
    /**
     * Sends the particle's log lines to {@code sink}; with {@code follow}, keeps sending new lines until the
     * thread is interrupted or the particle goes away.
     */
    void logs(String stack, String name, boolean follow, Consumer<String> sink);
}
