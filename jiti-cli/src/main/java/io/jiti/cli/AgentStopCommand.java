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
        footer = {"", "Exit codes: 0 stopped (or none ran), 1 failed, 2 bad input.", "", "Examples:", "  jiti agent stop",
                "  jiti agent stop --all    # free the machine; the next command brings everything back"})
final class AgentStopCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ProviderOption provider;
    @picocli.CommandLine.Option(names = "--all", description = "Stop every instance, job, server and load balancer too "
            + "(what the stacks say stays: the next agent starts them again, as after a reboot).")
    boolean all;

    AgentStopCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try (Provider p = provider.open()) {
            Optional<AgentControl.AgentState> stopped = AgentStatusCommand.control(p).stopAgent(all);
            terminal.line(stopped.map(s -> "stopped the agent (pid " + s.pid() + ")" + (all
                    ? " and everything it ran; the next command's agent starts it again"
                    : "; what it ran keeps running, and the next command's agent adopts it")).orElse("no agent was running"));
            return ExitCodes.OK;
        }
    }
}
