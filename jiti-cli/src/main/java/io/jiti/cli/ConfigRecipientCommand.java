package io.jiti.cli;

import io.jiti.sops.config.EnvConfig;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jiti config recipient}: who can read an environment's config. */
@Command(name = "recipient", mixinStandardHelpOptions = true,
        description = {"List, add or remove the age recipients of ENV (.jiti/recipients/ENV).", ""},
        subcommands = {ConfigRecipientCommand.Add.class, ConfigRecipientCommand.Remove.class,
                ConfigRecipientCommand.ListRecipients.class},
        footer = {"", "Examples:", "  jiti config recipient add prod age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
                "  jiti config recipient list prod"})
final class ConfigRecipientCommand {

    private static void report(Terminal terminal, ConfigPlace place, EnvConfig.Change change, String done) {
        String file = "config/" + place.env + ".yaml";
        terminal.line(switch (change) {
            case NONE -> "Nothing to do: " + done.toLowerCase(java.util.Locale.ROOT) + " already.";
            case WRITTEN -> done + "; " + file + " was written again for the recipients listed now. Commit both files.";
            case NO_FILE -> done + "; " + file + " does not exist yet. Commit .jiti/recipients/" + place.env + ".";
            case NEEDS_ROTATE -> done + ". " + file + " is still encrypted for the recipients it had: someone who can "
                    + "open it must run 'jiti config rotate " + place.env + "' (no identity here).";
        });
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a recipient made elsewhere (age-keygen, jiti config keygen) to ENV.",
                    "With an identity that opens config/ENV.yaml, the file is written again so the new recipient "
                            + "can read it at once; without one, run 'jiti config rotate ENV' later.", ""})
    static final class Add implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ConfigPlace place;
        @Parameters(index = "1", paramLabel = "RECIPIENT", description = "The recipient (age1…).")
        String recipient;

        Add(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            EnvConfig.Change c = place.config().addRecipient(recipient.strip(), place.identities(), ConfigCommand.now());
            report(terminal, place, c, c == EnvConfig.Change.NONE ? "It is listed" : "Added " + recipient.strip());
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a recipient from ENV.",
                    "With an identity that opens config/ENV.yaml, the file is rotated (a new data key: the removed "
                            + "recipient may hold the old one); values it could read before stay in git history, so "
                            + "change the secrets themselves too.", ""})
    static final class Remove implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ConfigPlace place;
        @Parameters(index = "1", paramLabel = "RECIPIENT", description = "The recipient (age1…).")
        String recipient;

        Remove(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            EnvConfig.Change c = place.config().removeRecipient(recipient.strip(), place.identities(),
                    ConfigCommand.now());
            report(terminal, place, c, c == EnvConfig.Change.NONE ? "It is not listed" : "Removed " + recipient.strip());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List ENV's recipients, one a line.", ""})
    static final class ListRecipients implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ConfigPlace place;

        ListRecipients(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            var recipients = place.config().recipients();
            if (recipients.isEmpty()) {
                terminal.error("No recipients for " + place.env + " yet: 'jiti config keygen " + place.env + "'.");
            }
            recipients.forEach(terminal::line);
            return ExitCodes.OK;
        }
    }
}
