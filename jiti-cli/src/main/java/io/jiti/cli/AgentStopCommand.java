package io.jiti.cli;

import io.jiti.spi.AgentControl;
import io.jiti.spi.Provider;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop the agent and its watchdog; what they supervise keeps running.",
                "Instances, jobs, servers and load balancers go on serving, unsupervised, until the next command "
                        + "starts an agent, which adopts them. To stop what a stack runs, use 'jiti down' or "
                        + "'state: stopped'.", ""},
        footer = {"", "Exit codes: 0 stopped (or none ran), 1 failed, 2 bad input.", "", "Example:", "  jiti agent stop"})
final class AgentStopCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ProviderOption provider;

    AgentStopCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try (Provider p = provider.open()) {
            Optional<AgentControl.AgentState> stopped = AgentStatusCommand.control(p).stopAgent();
            terminal.line(stopped.map(s -> "stopped the agent (pid " + s.pid() + "); what it ran keeps running, and "
                    + "the next command's agent adopts it").orElse("no agent was running"));
            return ExitCodes.OK;
        }
    }
}
