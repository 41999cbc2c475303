package io.jiti.cli;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.spi.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Delete everything the stack owns, dependents first. Resources of other stacks are never",
                "touched. Protected particles are refused unless --force; then nothing is deleted.", ""},
        footer = {"", "Exit codes: 0 done, 1 failed or refused, 2 bad input.", "", "Examples:",
                "  jiti down examples/hello", "  jiti down --force"})
final class DownCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    StackRef stack;
    @Option(names = "--force", description = "Delete protected particles too.")
    boolean force;

    DownCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Stack s = stack.load();
        try (Provider provider = StackRef.provider(s)) {
            terminal.line(terminal.bold("Removing stack " + s.name() + " from " + provider.id()));
            ApplyReport report = new Reconciler(provider, new Progress(terminal), ApplyOptions.defaults().withForce(force))
                    .destroy(s.name());
            if (report.ok()) {
                terminal.line(report.results().isEmpty() ? "Nothing to delete." : "Stack " + s.name() + " removed.");
                return ExitCodes.OK;
            }
            return UpCommand.finish(terminal, report, s);
        }
    }
}
