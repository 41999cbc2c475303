package io.jiti.cli;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ParticleResult;
import io.jiti.engine.Reconciler;
import io.jiti.spi.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Plan and apply the stack, then print its outputs.",
                "Creates, updates, replaces, starts or stops what differs from the stack, and prunes what the stack "
                        + "owns but no longer defines. Safe to run again at any time: a run that was interrupted is "
                        + "simply finished. Concurrent runs of one stack wait for each other.", ""},
        footer = {"", "Exit codes: 0 converged, 1 some particle failed (all failures are listed), 2 bad input.", "",
                "Examples:", "  jiti up examples/hello", "  jiti up --force      # also replace or delete protected particles",
                "  jiti up --provider kubernetes examples/hello   # the same stack, on the kubeconfig's cluster"})
final class UpCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    StackRef stack;
    @Option(names = "--force", description = "Delete or replace protected particles too.")
    boolean force;

    UpCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Stack s = stack.load();
        try (Provider provider = stack.provider(s)) {
            terminal.line(terminal.bold("Applying stack " + s.name() + " on " + provider.id()));
            ApplyReport report = new Reconciler(provider, new Progress(terminal), ApplyOptions.defaults().withForce(force))
                    .apply(s);
            return finish(terminal, report, s);
        }
    }

    static int finish(Terminal t, ApplyReport report, Stack s) {
        if (!report.ok()) {
            t.error(t.red(report.problems().size() + " particle(s) did not converge:"));
            for (ParticleResult r : report.problems()) {
                String why = r instanceof ParticleResult.Failed f ? f.message()
                        : ((ParticleResult.Skipped) r).reason();
                t.error("  " + r.particle() + " (" + r.action().word() + "): " + why);
            }
            List<String> services = report.problems().stream().filter(r -> r instanceof ParticleResult.Failed)
                    .map(ParticleResult::particle)
                    .filter(n -> s.particle(n).map(p -> p.type().equals("service")).orElse(false)).toList();
            if (!services.isEmpty()) {
                t.error("What keeps running: the agent goes on with " + String.join(", ", services) + " in the background,"
                        + " restarting instances that fail (with backoff) and serving those that are ready. Fix the"
                        + " stack and run 'jiti up' again, or stop them with 'jiti down' or 'state: stopped'; see"
                        + " 'jiti logs " + services.get(0) + "'.");
            }
            return ExitCodes.FAILED;
        }
        if (report.results().isEmpty()) {
            t.line("Nothing to do: stack " + s.name() + " is up to date.");
        }
        if (!report.outputs().isEmpty()) {
            t.line(t.bold("Outputs:"));
            s.particles().forEach(p -> JsonOut.masked(report.outputs().getOrDefault(p.name(), Map.of()))
                    .forEach((k, v) -> t.line("  " + p.name() + "." + k + " = " + v)));
        }
        return ExitCodes.OK;
    }
}
