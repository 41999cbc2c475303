package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.engine.Export;
import io.jiti.spi.Exportable;
import io.jiti.spi.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Print what the provider would apply for a stack, in its own format, without touching it: "
                + "for kubernetes, the manifests (YAML), for review or for GitOps tools such as Argo CD or Flux.",
                "References between particles are resolved with the values the provider plans (in-cluster names, "
                        + "secret references); secret values are never printed.", ""},
        footer = {"", "Exit codes: 0 done, 2 bad input (or a provider that cannot export).", "", "Examples:",
                "  jiti export --provider kubernetes examples/hello > hello.yaml",
                "  jiti export --provider kubernetes | kubectl apply --dry-run=server -f -"})
final class ExportCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    StackRef stack;

    ExportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Stack s = stack.load();
        try (Provider provider = stack.provider(s)) {
            if (!(provider instanceof Exportable exportable)) {
                throw new InvalidStackException(List.of(new Diagnostic(s.source(), 0, 0, "provider '" + provider.id()
                        + "' cannot export its resources (kubernetes can: --provider kubernetes)")));
            }
            terminal.line(Export.of(s, exportable).stripTrailing());
        }
        return ExitCodes.OK;
    }
}
