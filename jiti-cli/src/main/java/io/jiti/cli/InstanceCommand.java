package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti instance}: a service's instances, one per environment. */
@Command(name = "instance", mixinStandardHelpOptions = true,
        description = {"Create, change and list service instances: a service in an environment, deployed as a stack of "
                + "its own with the environment's outputs bound.", ""},
        subcommands = {InstanceCommand.Create.class, InstanceCommand.Update.class, InstanceCommand.Show.class,
                InstanceCommand.ListInstances.class, InstanceCommand.Delete.class},
        footer = {"", "Examples:", "  jiti instance create orders test -p instances=2",
                "  jiti instance create orders test --components extra.yaml",
                "  jiti instance update orders test --version 1.1", "  jiti instance list",
                "  jiti instance delete orders test"})
final class InstanceCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create the instance of a service in an environment and deploy it.",
                    "It uses the template major's recommended version. Follows the deployment unless --no-wait.", ""},
            footer = {"", "Exit codes: 0 deployed, 1 the deployment failed or not allowed, 2 bad input."})
    static final class Create implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
        String env;
        @Option(names = "-p", paramLabel = "KEY=VALUE", description = "A template parameter (repeatable).")
        List<String> params;
        @Option(names = "--components", paramLabel = "FILE",
                description = "A YAML list of particles of your own to deploy with it (of the types the template allows).")
        Path components;
        @Option(names = "--no-wait", description = "Return once the deployment is queued.")
        boolean noWait;

        Create(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("environment", env);
            body.put("inputs", Params.of(params, "-p"));
            if (components != null) {
                body.put("components", Components.read(server.resolve(components)));
            }
            JsonNode d = server.post("/api/v1/services/" + Urls.encode(service) + "/instances", body);
            return Deploys.report(server, terminal, d, server.json, noWait);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change an instance: another version of its template major, other parameters; then deploy it.",
                    ""})
    static final class Update implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
        String env;
        @Option(names = "--version", paramLabel = "MAJOR.MINOR", description = "The template version to move to.")
        String version;
        @Option(names = "-p", paramLabel = "KEY=VALUE", description = "The parameters, all of them (repeatable).")
        List<String> params;
        @Option(names = "--components", paramLabel = "FILE",
                description = "A YAML list of particles of your own, replacing the instance's components.")
        Path components;
        @Option(names = "--no-wait", description = "Return once the deployment is queued.")
        boolean noWait;

        Update(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", version);
            body.put("inputs", params == null ? null : Params.of(params, "-p"));
            if (components != null) {
                body.put("components", Components.read(server.resolve(components)));
            }
            JsonNode d = server.post("/api/v1/services/" + Urls.encode(service) + "/instances/" + Urls.encode(env), body);
            return Deploys.report(server, terminal, d, server.json, noWait);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete an instance: a deployment destroys its whole stack (its components and their data "
                    + "included), then the instance is gone. Its deployments stay as history; a failed delete is "
                    + "retried with `jiti deployment retry`. Follows the deployment unless --no-wait.", ""},
            footer = {"", "Exit codes: 0 deleted, 1 the deletion failed or not allowed, 2 bad input or no such instance."})
    static final class Delete implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
        String env;
        @Option(names = "--no-wait", description = "Return once the deployment is queued.")
        boolean noWait;

        Delete(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode d = server.delete("/api/v1/services/" + Urls.encode(service) + "/instances/" + Urls.encode(env));
            return Deploys.report(server, terminal, d, server.json, noWait);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show an instance with its outputs (such as its URL), read live, sensitive values masked.", ""})
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
        String env;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode i = server.get("/api/v1/services/" + Urls.encode(service) + "/instances/" + Urls.encode(env));
            if (server.json) {
                terminal.line(JsonOut.write(i));
                return ExitCodes.OK;
            }
            terminal.line(terminal.bold(service + " in " + env) + "  version " + i.get("version").asText());
            terminal.line("Outputs:");
            i.path("outputs").fields().forEachRemaining(o -> terminal.line("  " + o.getKey() + " = " + o.getValue().asText()));
            if (i.path("outputs").isEmpty()) {
                terminal.line("  (none yet: it has no successful deployment)");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the instances.", ""})
    static final class ListInstances implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;

        ListInstances(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/instances").get("items"), server.json, "No instances yet.",
                    "service", "environment", "version");
            return ExitCodes.OK;
        }
    }
}
