package io.jiti.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.spi.AgentControl;
import io.jiti.spi.Provider;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether the agent runs, with its pid, its watchdog and where its API is.",
                "Starts nothing.", ""},
        footer = {"", "Exit codes: 0 shown (running or not), 1 failed, 2 bad input.", "", "Examples:",
                "  jiti agent status", "  jiti agent status --json | jq .pid"})
final class AgentStatusCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ProviderOption provider;
    @Option(names = "--json", description = "Print JSON: {version, running, pid, startedAt, watchdog, endpoint}.")
    boolean json;

    AgentStatusCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try (Provider p = provider.open()) {
            Optional<AgentControl.AgentState> state = control(p).agentState();
            if (json) {
                ObjectNode o = JsonOut.MAPPER.createObjectNode();
                o.put("version", JsonOut.VERSION);
                o.put("running", state.isPresent());
                state.ifPresent(s -> o.put("pid", s.pid()).put("startedAt", s.startedAt()).put("watchdog", s.watchdog())
                        .put("endpoint", s.endpoint()));
                terminal.line(JsonOut.write(o));
            } else if (state.isEmpty()) {
                terminal.line("no agent runs for provider " + p.id() + " (a command that needs one starts it)");
            } else {
                AgentControl.AgentState s = state.get();
                terminal.line("agent of provider " + p.id() + ": " + terminal.green("running") + ", pid " + s.pid()
                        + " since " + s.startedAt());
                terminal.line("  watchdog: " + (s.watchdog() > 0 ? "pid " + s.watchdog() : "none (the next command starts one)"));
                terminal.line("  API: " + s.endpoint());
            }
            return ExitCodes.OK;
        }
    }

    /** The provider's agent control; a provider without an agent is refused. */
    static AgentControl control(Provider p) {
        if (p instanceof AgentControl c) {
            return c;
        }
        throw new io.jiti.api.JitiException("provider '" + p.id() + "' has no agent on this machine");
    }
}
