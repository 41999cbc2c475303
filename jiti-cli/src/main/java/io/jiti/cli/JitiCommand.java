package io.jiti.cli;

import picocli.CommandLine.Command;

/** The top command; every action is a subcommand. */
@Command(name = "jiti", mixinStandardHelpOptions = true, version = "jiti 0.1.0",
        description = {"Just-in-time infrastructure: your application's infrastructure as code next to it,",
                "reconciled against where it really runs. No state file: the live state is read back every time.", ""},
        subcommands = {ValidateCommand.class, PlanCommand.class, UpCommand.class, StatusCommand.class,
                DownCommand.class, LogsCommand.class, SecretCommand.class, BlueprintCommand.class, GraphCommand.class, SchemaCommand.class},
        footer = {"", "Exit codes: 0 success, 1 an operation failed, 2 bad input, 3 changes pending.",
                "Environment: JITI_HOME (default ~/.jiti), JITI_TIMEOUT (seconds per operation, default 120), NO_COLOR.",
                "", "Examples:", "  jiti up examples/hello", "  jiti plan --exit-code", "  jiti status --json | jq ."})
final class JitiCommand {
}
