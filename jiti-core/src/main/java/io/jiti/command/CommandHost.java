package io.jiti.command;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs jiti command lines in a JVM that is already warm (the local agent), for a caller whose own JVM would
 * take several times longer to load what the command needs. Implemented by the CLI, found by the agent
 * with {@link java.util.ServiceLoader}.
 */
public interface CommandHost {

    /**
     * Whether {@code args} may be run here for a caller: only commands that change nothing and read nothing of
     * the caller's environment but the {@link Invocation#SETTINGS}.
     */
    boolean hosts(List<String> args);

    /** Runs {@code invocation} (one that {@link #hosts}), printing to {@code out} and {@code err}; returns its exit code. */
    int run(Invocation invocation, PrintWriter out, PrintWriter err);
}
