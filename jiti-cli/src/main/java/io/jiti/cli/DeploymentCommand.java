package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti deployment}: deployment records. */
@Command(name = "deployment", mixinStandardHelpOptions = true,
        description = {"List, show, retry, cancel and roll back deployments: every change of an environment or instance.",
                "A failed deployment can always be retried or its target rolled back; nothing stays in progress.", ""},
        subcommands = {DeploymentCommand.ListDeployments.class, DeploymentCommand.Show.class, DeploymentCommand.Retry.class,
                DeploymentCommand.Cancel.class, DeploymentCommand.Rollback.class},
        footer = {"", "Targets are environment/NAME or instance/SERVICE/ENV.", "", "Examples:",
                "  jiti deployment list --target instance/orders/test", "  jiti deployment show 12",
                "  jiti deployment retry 12", "  jiti deployment rollback instance/orders/test"})
final class DeploymentCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List deployments, newest first.", ""})
    static final class ListDeployments implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Option(names = "--target", paramLabel = "TARGET", description = "Only this target's.")
        String target;
        @Option(names = "--limit", paramLabel = "N", description = "At most N (default 50).")
        int limit = 50;

        ListDeployments(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode page = server.get("/api/v1/deployments?limit=" + limit
                    + (target == null ? "" : "&target=" + Urls.encode(target)));
            Table.print(terminal, page.get("items"), server.json, "No deployments yet.", "id", "target", "template", "version",
                    "status", "cause", "requestedBy", "message");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show a deployment with its plan and log.", ""})
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "ID", description = "The deployment.")
        long id;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode d = server.get("/api/v1/deployments/" + id);
            if (server.json) {
                terminal.line(JsonOut.write(d));
                return ExitCodes.OK;
            }
            terminal.line(terminal.bold("Deployment " + id) + " of " + d.get("target").asText() + ": "
                    + d.get("template").asText() + "@" + d.get("version").asText() + ", " + d.get("status").asText()
                    + " (" + d.get("cause").asText() + " by " + d.get("requestedBy").asText() + ")");
            terminal.line(d.get("message").asText());
            terminal.line(terminal.bold("Plan:"));
            d.get("plan").asText().lines().forEach(l -> terminal.line("  " + l));
            terminal.line(terminal.bold("Log:"));
            d.get("log").asText().lines().forEach(l -> terminal.line("  " + l));
            return ExitCodes.OK;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = {"Deploy again what a failed or cancelled deployment asked for.", ""},
            footer = {"", "Exit codes: 0 deployed, 1 failed again or not allowed, 2 bad input."})
    static final class Retry implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "ID", description = "The failed or cancelled deployment.")
        long id;
        @Option(names = "--no-wait", description = "Return once the deployment is queued.")
        boolean noWait;

        Retry(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            return Deploys.report(server, terminal, server.post("/api/v1/deployments/" + id + "/retry", Map.of()), server.json,
                    noWait);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancel a queued deployment, or stop a running one as soon as it can.",
                    "What a running one had applied stays; retry it or roll back.", ""})
    static final class Cancel implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "ID", description = "The deployment.")
        long id;

        Cancel(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode d = server.post("/api/v1/deployments/" + id + "/cancel", Map.of());
            terminal.line(server.json ? JsonOut.write(d) : "Deployment " + id + ": " + d.get("status").asText()
                    + (d.get("status").asText().equals("running") ? " (stops as soon as it can)" : "") + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Deploy a target's last succeeded deployment again and pin it there.",
                    "Rolls back an instance (or environment) and its template version: the one that ran before.", ""},
            footer = {"", "Exit codes: 0 rolled back, 1 failed or not allowed, 2 bad input (such as nothing to go back to)."})
    static final class Rollback implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "TARGET", description = "environment/NAME or instance/SERVICE/ENV.")
        String target;
        @Option(names = "--no-wait", description = "Return once the deployment is queued.")
        boolean noWait;

        Rollback(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            return Deploys.report(server, terminal, server.post("/api/v1/rollbacks", Map.of("target", target)), server.json,
                    noWait);
        }
    }
}
