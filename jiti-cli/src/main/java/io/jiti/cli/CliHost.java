package io.jiti.cli;

import io.jiti.command.CommandHost;
import io.jiti.command.Invocation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * The CLI as a {@link CommandHost}: lets the running agent, a JVM that has everything loaded already, answer
 * {@code validate} and {@code status} for a CLI of its build, in a fraction of the time the CLI's own JVM
 * needs to load the stack loader and its schemas. Both only read: the stack file, and the provider's state.
 */
public final class CliHost implements CommandHost {
    private static final Set<String> HOSTED = Set.of("validate", "status");

    /** Whether {@code args} is a command line another JVM may run for the caller. */
    static boolean hostable(List<String> args) {
        return !args.isEmpty() && HOSTED.contains(args.get(0));
    }

    @Override
    public boolean hosts(List<String> args) {
        return hostable(args);
    }

    @Override
    public int run(Invocation invocation, PrintWriter out, PrintWriter err) {
        if (!hosts(invocation.args())) {
            throw new IllegalArgumentException("not a hosted command: " + invocation.args());
        }
        return Main.run(out, err, invocation);
    }
}
