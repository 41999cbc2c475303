package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jiti campaign}: fleet upgrades as they go. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"List and show fleet upgrade campaigns ('jiti upgrade' starts them) with their waves and targets.", ""},
        subcommands = {CampaignCommand.ListCampaigns.class, CampaignCommand.Show.class},
        footer = {"", "Examples:", "  jiti campaign list", "  jiti campaign show 3"})
final class CampaignCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the campaigns, newest first.", ""})
    static final class ListCampaigns implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;

        ListCampaigns(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/campaigns").get("items"), server.json, "No campaigns yet.",
                    "id", "template", "version", "status", "wave", "message");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Show a campaign with its targets.", ""})
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "ID", description = "The campaign.")
        long id;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode c = server.get("/api/v1/campaigns/" + id);
            if (server.json) {
                terminal.line(JsonOut.write(c));
                return ExitCodes.OK;
            }
            terminal.line(terminal.bold("Campaign " + id) + ": " + c.get("template").asText() + "@" + c.get("version").asText()
                    + ", " + c.get("status").asText() + " (wave " + c.get("wave").asInt() + ") — " + c.get("message").asText());
            Table.print(terminal, c.get("items"), false, "No targets.", "wave", "target", "from", "status", "deployment",
                    "message");
            return ExitCodes.OK;
        }
    }
}
