package io.jiti.cli;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.plan.Plan;
import io.jiti.spi.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what 'up' would do: each particle's action, why, and the fields that change.",
                "Reads the live state from the provider; changes nothing.", ""},
        footer = {"", "Exit codes: 0 done (with --exit-code: no changes), 1 failed, 2 bad input, 3 changes pending (--exit-code).",
                "", "Examples:", "  jiti plan", "  jiti plan --json examples/hello | jq .summary",
                "  jiti plan --exit-code || echo 'drift or pending changes'",
                "  jiti plan --provider kubernetes --context kind-dev examples/hello"})
final class PlanCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    StackRef stack;
    @Option(names = "--json", description = "Print the plan as JSON (format in the README).")
    boolean json;
    @Option(names = "--exit-code", description = "Exit 3 when there are changes to apply.")
    boolean exitCode;

    PlanCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Stack s = stack.load();
        try (Provider provider = stack.provider(s)) {
            Plan plan = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).plan(s);
            if (json) {
                terminal.line(JsonOut.write(JsonOut.plan(plan, s)));
            } else {
                PlanView.print(terminal, plan, provider.id());
                StackView.print(terminal, s);
            }
            return exitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
        }
    }
}
