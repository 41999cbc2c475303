package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jiti source}: where a service's code and stack come from, and which branches deploy where. */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = {"Give a service a git source: a push to a mapped branch deploys it as a new release.",
                "The server fetches the commit, decrypts config/ENV.yaml with its age identities (JITI_AGE_KEY_FILE "
                        + "where 'jiti server' runs) and deploys the commit's stack file to each mapped environment. "
                        + "Webhooks (GitHub, GitLab) deploy within seconds; every source is also polled.", ""},
        subcommands = {SourceCommand.Set.class, SourceCommand.Show.class, SourceCommand.Delete.class,
                SourceCommand.RotateSecret.class, SourceCommand.Poll.class},
        footer = {"", "Examples:", "  jiti source set orders https://git.example.com/shop/orders.git --branch main=test",
                "  jiti source set orders /srv/git/orders.git --branch main=test --branch 'release/*=staging'",
                "  jiti source show orders"})
final class SourceCommand {

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set (or replace) a service's source.",
                    "The first time, a webhook secret is made and printed once: give it to your git host with the "
                            + "webhook URL printed beside it (content type application/json, push events).", ""})
    static final class Set implements Callable<Integer> {
        private final Terminal terminal;
        @Spec
        CommandSpec spec;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "URL", description = "The git repository: https://…, ssh://…, "
                + "git@host:path or a path on the server's machine.")
        String url;
        @Option(names = "--branch", paramLabel = "BRANCH=ENV", required = true, description = "A branch (or glob: "
                + "release/*) and the environment its pushes deploy; repeat for more.")
        List<String> branches;
        @Option(names = "--path", paramLabel = "FILE", description = "The stack file in the repository (default "
                + "jiti.yaml).")
        String path;
        @Option(names = "--poll", paramLabel = "SECONDS", description = "How often the branches are polled (default 60;"
                + " 0: never).")
        Integer poll;
        @Option(names = "--settle", paramLabel = "SECONDS", description = "How long a release must stay healthy before "
                + "it is live (default 30); a release that fails it is rolled back.")
        Integer settle;

        Set(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, String> map = new LinkedHashMap<>();
            for (String b : branches) {
                int eq = b.lastIndexOf('=');
                if (eq <= 0 || eq == b.length() - 1) {
                    throw new ParameterException(spec.commandLine(), "--branch: '" + b + "' is not BRANCH=ENV");
                }
                map.put(b.substring(0, eq), b.substring(eq + 1));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url);
            body.put("branches", map);
            body.put("path", path);
            body.put("pollSeconds", poll);
            body.put("settleSeconds", settle);
            JsonNode out = server.put("/api/v1/services/" + service + "/source", body);
            if (server.json) {
                terminal.line(JsonOut.write(out));
                return ExitCodes.OK;
            }
            terminal.line("Source of " + service + ": " + out.get("url").asText() + " (" + out.get("path").asText()
                    + "), branches " + out.get("branches"));
            if (out.hasNonNull("webhookSecret")) {
                terminal.line("Webhook secret (shown once): " + out.get("webhookSecret").asText());
                terminal.line("  GitHub: payload URL " + server.url() + "/hooks/github/" + service
                        + ", content type application/json, this secret, push events.");
                terminal.line("  GitLab: URL " + server.url() + "/hooks/gitlab/" + service + ", this secret as the "
                        + "secret token, push events.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Show a service's source.", ""})
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            terminal.line(JsonOut.write(server.get("/api/v1/services/" + service + "/source")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Remove a service's source: pushes no longer deploy it; what runs stays.", ""})
    static final class Delete implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        Delete(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            server.delete("/api/v1/services/" + service + "/source");
            terminal.line("Source of " + service + " removed.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = {"Make a new webhook secret (the old one stops working at once) and print it once.", ""})
    static final class RotateSecret implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        RotateSecret(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode out = server.post("/api/v1/services/" + service + "/source/rotate-secret", Map.of());
            terminal.line(server.json ? JsonOut.write(out) : "Webhook secret (shown once): "
                    + out.get("webhookSecret").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = {"Poll the sources now instead of at their interval (what a missed webhook waits for).", ""})
    static final class Poll implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        Poll(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            server.post("/api/v1/services/" + service + "/source/poll", Map.of());
            terminal.line("Polled; see 'jiti releases " + service + "' and 'jiti deliveries " + service + "'.");
            return ExitCodes.OK;
        }
    }
}
