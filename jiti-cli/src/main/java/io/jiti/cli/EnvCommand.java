package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti env}: the platform's environments. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Create and list environments: shared infrastructure (from an environment template) that "
                + "services deploy into.", ""},
        subcommands = {EnvCommand.Create.class, EnvCommand.ListEnvs.class, EnvCommand.Show.class, EnvCommand.Delete.class},
        footer = {"", "Examples:", "  jiti env create test --template shared-env@1",
                "  jiti env create prod --template shared-env@1.0 -p databases='[\"orders\"]' --label tier=prod",
                "  jiti env list", "  jiti env show test", "  jiti env delete test --force"})
final class EnvCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an environment from an environment template and deploy it (admins only).",
                    "Follows the deployment until it ends unless --no-wait is given.", ""},
            footer = {"", "Exit codes: 0 deployed, 1 the deployment failed or not allowed, 2 bad input."})
    static final class Create implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The environment's name (also its stack's).")
        String name;
        @Option(names = "--template", required = true, paramLabel = "T@MAJOR[.MINOR]",
                description = "The environment template: a major takes its recommended (latest published) minor.")
        String template;
        @Option(names = "-p", paramLabel = "KEY=VALUE", description = "A template parameter (repeatable).")
        List<String> params;
        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label policies read, e.g. tier=prod (repeatable).")
        List<String> labels;
        @Option(names = "--no-wait", description = "Return once the deployment is queued.")
        boolean noWait;

        Create(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("template", template);
            body.put("inputs", Params.of(params, "-p"));
            Map<String, Object> tags = new LinkedHashMap<>();
            Params.of(labels, "--label").forEach((k, v) -> tags.put(k, String.valueOf(v)));
            body.put("labels", tags);
            JsonNode d = server.post("/api/v1/environments", body);
            return Deploys.report(server, terminal, d, server.json, noWait);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete an environment (admins only): a deployment destroys its whole stack, its data "
                    + "included, then the environment is gone. Refused while instances run in it (delete them first); "
                    + "environments are protected, so it takes --force. Follows the deployment unless --no-wait.", ""},
            footer = {"", "Exit codes: 0 deleted, 1 the deletion failed or not allowed, 2 bad input, no such environment, "
                    + "instances left or protected without --force."})
    static final class Delete implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The environment.")
        String name;
        @Option(names = "--force", description = "Delete it although it is protected: its data goes with it.")
        boolean force;
        @Option(names = "--no-wait", description = "Return once the deployment is queued.")
        boolean noWait;

        Delete(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode d = server.delete("/api/v1/environments/" + Urls.encode(name) + (force ? "?force=true" : ""));
            return Deploys.report(server, terminal, d, server.json, noWait);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the environments.", ""})
    static final class ListEnvs implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;

        ListEnvs(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/environments").get("items"), server.json,
                    "No environments yet (an admin creates one with 'jiti env create NAME --template T@MAJOR').",
                    "name", "template", "version", "provider", "labels");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show an environment with its outputs, read live (sensitive values masked).", ""})
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The environment.")
        String name;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode e = server.get("/api/v1/environments/" + Urls.encode(name));
            if (server.json) {
                terminal.line(JsonOut.write(e));
                return ExitCodes.OK;
            }
            terminal.line(terminal.bold(e.get("name").asText()) + "  " + e.get("template").asText() + "@"
                    + e.get("version").asText() + " on " + e.get("provider").asText());
            terminal.line("Outputs:");
            e.path("outputs").fields().forEachRemaining(o -> terminal.line("  " + o.getKey() + " = " + o.getValue().asText()));
            if (e.path("outputs").isEmpty()) {
                terminal.line("  (none yet: it has no successful deployment)");
            }
            return ExitCodes.OK;
        }
    }
}
