package io.jiti.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti team}: the platform's teams. */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = {"Create and list teams: a team owns services and is entitled to templates.", ""},
        subcommands = {TeamCommand.Create.class, TeamCommand.ListTeams.class},
        footer = {"", "Examples:", "  jiti team create shop", "  jiti team list"})
final class TeamCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Create a team (admins only).", ""})
    static final class Create implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The team's name.")
        String name;

        Create(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            var team = server.post("/api/v1/teams", Map.of("name", name));
            terminal.line(server.json ? JsonOut.write(team) : "Team " + name + " created.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the teams.", ""})
    static final class ListTeams implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;

        ListTeams(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/teams").get("items"), server.json, "No teams yet.", "name", "created");
            return ExitCodes.OK;
        }
    }
}
