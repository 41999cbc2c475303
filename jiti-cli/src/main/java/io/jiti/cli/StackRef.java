package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.load.StackLoader;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;
import io.jiti.spi.UnknownProviderException;
import java.util.List;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The {@code PATH} argument: a stack file, or a directory holding {@code jiti.yaml}. */
final class StackRef {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A stack file, or a directory holding jiti.yaml (default: the current directory).")
    Path path;

    Stack load() {
        return StackLoader.builtIn().load(path);
    }

    /** The provider the stack names; an unknown one is bad input. */
    static Provider provider(Stack stack) {
        try {
            return Providers.create(stack.provider(), ProviderContext.fromEnvironment());
        } catch (UnknownProviderException e) {
            throw new InvalidStackException(List.of(new Diagnostic(stack.source(), 1, 1, e.getMessage())));
        }
    }
}
