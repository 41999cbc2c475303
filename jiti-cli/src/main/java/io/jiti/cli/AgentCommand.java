package io.jiti.cli;

import picocli.CommandLine.Command;

/** {@code jiti agent}: the provider's long-running process on this machine. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Show or stop the provider's agent on this machine.",
                "Locally, the agent of JITI_HOME supervises what the stacks run; a command that needs it starts it. "
                        + "Stopping it leaves every instance and load balancer running: the next agent adopts them, "
                        + "as after a crash.", ""},
        subcommands = {AgentStatusCommand.class, AgentStopCommand.class},
        footer = {"", "Examples:", "  jiti agent status", "  jiti agent stop"})
final class AgentCommand {
}
