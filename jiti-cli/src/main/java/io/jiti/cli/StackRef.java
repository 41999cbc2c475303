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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code PATH} argument: a stack file, or a directory holding {@code jiti.yaml}, relative to where the
 * command was run ({@link Invocation#workDir}), with the provider its stack names (or {@code --provider})
 * opened in the invocation's home (on kubernetes, in the kubeconfig context {@code --context} names).
 */
final class StackRef {
    /** The provider {@code --context} is for (it reads the context from {@code JITI_KUBE_CONTEXT}). */
    private static final String KUBERNETES = "kubernetes";
    private final Invocation invocation;
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A stack file, or a directory holding jiti.yaml (default: the current directory).")
    Path path;
    @Option(names = "--provider", paramLabel = "ID",
            description = "Where the particles become real, whatever the stack's 'provider:' says (local, kubernetes, "
                    + "...): the stack is checked against that provider's types.")
    String provider;
    @Option(names = "--context", paramLabel = "NAME",
            description = "On kubernetes: the kubeconfig context to work in, as kubectl's --context (default: "
                    + "JITI_KUBE_CONTEXT, else the kubeconfig's current context).")
    String context;
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    StackRef(Invocation invocation) {
        this.invocation = invocation;
    }

    Stack load() {
        return StackLoader.builtIn().forInvocation(invocation).onProvider(provider).load(path);
    }

    /**
     * The provider the stack names, in the invocation's home, in the {@code --context} given; an unknown
     * provider, or a context for one that has none, is bad input.
     */
    Provider provider(Stack stack) {
        ProviderContext made = invocation.context();
        if (context != null) {
            if (!KUBERNETES.equals(stack.provider())) {
                throw new ParameterException(command.commandLine(), "--context: only the kubernetes provider has "
                        + "contexts; this stack's provider is '" + stack.provider() + "' (--provider kubernetes?)");
            }
            Map<String, String> env = new HashMap<>(made.env());
            env.put("JITI_KUBE_CONTEXT", context);
            made = new ProviderContext(made.home(), env);
        }
        return provider(stack, made);
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
