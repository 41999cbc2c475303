package io.jiti.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti user}: the platform's users. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Create and list users: an admin (the platform team), a developer (of a team) or a viewer.", ""},
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class},
        footer = {"", "Examples:", "  jiti user create dana --team shop --role developer", "  jiti user list"})
final class UserCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a user and print their API token, once (admins only).",
                    "Only a hash of the token is kept: it cannot be shown again (issue another if it is lost).", ""})
    static final class Create implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The user's name.")
        String name;
        @Option(names = "--team", paramLabel = "TEAM", description = "Their team (a developer needs one).")
        String team;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, developer or viewer.")
        String role;
        @Option(names = "--ttl-days", paramLabel = "N", description = "How long the token lives (default 90, at most 366).")
        Integer ttlDays;

        Create(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("team", team);
            body.put("role", role);
            body.put("ttlDays", ttlDays);
            var token = server.post("/api/v1/users", body);
            if (server.json) {
                terminal.line(JsonOut.write(token));
            } else {
                terminal.line("User " + name + " created (" + role + (team == null ? "" : ", team " + team)
                        + "). Their token, shown this once (expires " + token.get("expires").asText() + "):");
                terminal.line(token.get("secret").asText());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the users (admins only).", ""})
    static final class ListUsers implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;

        ListUsers(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/users").get("items"), server.json, "No users.", "name", "role", "team");
            return ExitCodes.OK;
        }
    }
}
