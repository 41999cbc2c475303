package io.jiti.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti service}: the platform's services. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Create and list services: a team's service from a service template major, with one instance "
                + "per environment ('jiti instance create').", ""},
        subcommands = {ServiceCommand.Create.class, ServiceCommand.ListServices.class},
        footer = {"", "Examples:", "  jiti service create orders --template web-api@1 --team shop", "  jiti service list"})
final class ServiceCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a service (admins, and developers of the team, for a template the team is entitled to).",
                    ""})
    static final class Create implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The service's name.")
        String name;
        @Option(names = "--template", required = true, paramLabel = "T@MAJOR", description = "The service template major.")
        String template;
        @Option(names = "--team", required = true, paramLabel = "TEAM", description = "The team that owns it.")
        String team;

        Create(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            var s = server.post("/api/v1/services", Map.of("name", name, "template", template, "team", team));
            terminal.line(server.json ? JsonOut.write(s) : "Service " + name + " (" + template + ", team " + team + ") created.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the services.", ""})
    static final class ListServices implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;

        ListServices(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/services").get("items"), server.json, "No services yet.",
                    "name", "team", "template", "major");
            return ExitCodes.OK;
        }
    }
}
