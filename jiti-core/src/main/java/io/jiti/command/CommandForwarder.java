package io.jiti.command;

import java.io.OutputStream;
import java.util.OptionalInt;

/**
 * Hands a command line to a warm JVM that runs it ({@link CommandHost}), such as the local provider's running
 * agent. Implemented by providers, found by the CLI with {@link java.util.ServiceLoader}.
 */
public interface CommandForwarder {

    /**
     * Has {@code invocation} run elsewhere and copies its output to {@code out} and {@code err}; returns its
     * exit code, or empty when no warm JVM of this very build answered it. When empty, nothing was written:
     * the caller runs the command itself (hosted commands change nothing, so running one twice is harmless).
     */
    OptionalInt forward(Invocation invocation, OutputStream out, OutputStream err);
}
