package io.jiti.cli;

import io.jiti.command.CommandForwarder;
import io.jiti.command.Invocation;
import java.util.OptionalInt;
import java.util.ServiceLoader;

/**
 * Hands a command that {@link CliHost} hosts to a warm JVM of this build (the local agent, when it runs),
 * before this JVM loads anything else; {@code JITI_WARM=off} keeps every command in the CLI's own JVM.
 */
final class WarmRun {
    /** The variable that turns handing over off ({@code off}). */
    static final String SWITCH = "JITI_WARM";

    private WarmRun() {
    }

    /** The exit code of the command run elsewhere (its output already printed), or empty: run it here. */
    static OptionalInt forward(Invocation invocation) {
        return forward(invocation, System.out, System.err);
    }

    /** As {@link #forward(Invocation)}, printing to {@code out} and {@code err}. */
    static OptionalInt forward(Invocation invocation, java.io.OutputStream out, java.io.OutputStream err) {
        if ("off".equals(invocation.env().get(SWITCH)) || !CliHost.hostable(invocation.args())) {
            return OptionalInt.empty();
        }
        Invocation handed = invocation.settingsOnly();
        for (CommandForwarder forwarder : ServiceLoader.load(CommandForwarder.class)) {
            OptionalInt code = forwarder.forward(handed, out, err);
            if (code.isPresent()) {
                return code;
            }
        }
        return OptionalInt.empty();
    }
}
