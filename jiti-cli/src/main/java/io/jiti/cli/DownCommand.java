package io.jiti.cli;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.spi.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Delete everything the stack owns, dependents first.",
                "Resources of other stacks are never touched. Protected particles (stateful types such as postgres "
                        + "and secret are protected unless they say 'protect: false') are kept with their data, and "
                        + "stopped where they can stop; the next 'jiti up' finds them as they were. --force deletes "
                        + "them and their data too.", ""},
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
        try (Provider provider = stack.provider(s)) {
            terminal.line(terminal.bold("Removing stack " + s.name() + " from " + provider.id()));
            ApplyReport report = new Reconciler(provider, new Progress(terminal), ApplyOptions.defaults().withForce(force))
                    .destroy(s.name());
            if (report.ok()) {
                List<String> kept = report.plan().changes().stream()
                        .filter(c -> c.action() != Action.DELETE).map(Change::particle).sorted().toList();
                if (!kept.isEmpty()) {
                    terminal.line("Kept (protected, with their data): " + String.join(", ", kept)
                            + ". Use 'jiti down --force' to delete them too.");
                } else {
                    terminal.line(report.results().isEmpty() ? "Nothing to delete." : "Stack " + s.name() + " removed.");
                }
                return ExitCodes.OK;
            }
            return UpCommand.finish(terminal, report, s);
        }
    }
}
