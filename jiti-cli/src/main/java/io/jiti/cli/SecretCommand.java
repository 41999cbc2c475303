package io.jiti.cli;

import picocli.CommandLine.Command;

/** {@code jiti secret}: what is done to secrets outside {@code up}. */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = {"Act on a stack's secrets. Values are never printed: processes get them in their environment.", ""},
        subcommands = {SecretRotateCommand.class},
        footer = {"", "Examples:", "  jiti secret rotate api-key examples/shop"})
final class SecretCommand {
}
