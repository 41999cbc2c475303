package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.command.Invocation;
import io.jiti.load.StackLoader;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;
import io.jiti.spi.UnknownProviderException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code PATH} argument: a stack file, or a directory holding {@code jiti.yaml}, relative to where the
 * command was run ({@link Invocation#workDir}), with the provider its stack names (or {@code --provider})
 * opened in the invocation's home.
 */
final class StackRef {
    private final Invocation invocation;
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A stack file, or a directory holding jiti.yaml (default: the current directory).")
    Path path;
    @Option(names = "--provider", paramLabel = "ID",
            description = "Where the particles become real, whatever the stack's 'provider:' says (local, kubernetes, "
                    + "...): the stack is checked against that provider's types.")
    String provider;

    StackRef(Invocation invocation) {
        this.invocation = invocation;
    }

    Stack load() {
        return StackLoader.builtIn().forInvocation(invocation).onProvider(provider).load(path);
    }

    /** The provider the stack names, in the invocation's home; an unknown one is bad input. */
    Provider provider(Stack stack) {
        return provider(stack, invocation.context());
    }

    /** The provider {@code stack} names, made with {@code context}; an unknown one is bad input. */
    static Provider provider(Stack stack, ProviderContext context) {
        try {
            return Providers.create(stack.provider(), context);
        } catch (UnknownProviderException e) {
            throw new InvalidStackException(List.of(new Diagnostic(stack.source(), 1, 1, e.getMessage())));
        }
    }
}
