package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti releases}, {@code jiti release show|deploy}, {@code jiti rollback}: a source's numbered releases. */
final class ReleaseCommands {
    private ReleaseCommands() {
    }

    /** Prints a release that was just made, and follows its deployment unless told not to. */
    static int report(ServerRef server, Terminal t, JsonNode release, boolean noWait) {
        if (server.json) {
            t.line(JsonOut.write(release));
            return ExitCodes.OK;
        }
        t.line("Release " + release.get("release").asText() + " of " + release.get("service").asText() + " in "
                + release.get("environment").asText() + ": " + release.get("commit").asText().substring(0, 12) + ", "
                + release.get("status").asText() + (release.get("note").asText().isEmpty() ? ""
                : " (" + release.get("note").asText() + ")"));
        if (!release.path("git").asText().isEmpty()) {
            t.line("Git: " + release.get("git").asText());
        }
        if (noWait || !release.hasNonNull("deployment")) {
            return ExitCodes.OK;
        }
        return DeploymentWait.follow(server, t, server.get("/api/v1/deployments/" + release.get("deployment").asLong()));
    }

    static int number(String label) {
        return io.jiti.platform.model.Release.number(label).orElseThrow(() ->
                new ApiException("RELEASE: '" + label + "' is not a release (v12 or 12)", ExitCodes.BAD_INPUT));
    }

    @Command(name = "releases", mixinStandardHelpOptions = true,
            description = {"List a service's releases, newest first: number, environment, commit, status, trigger.", ""},
            footer = {"", "Examples:", "  jiti releases orders", "  jiti releases orders prod --json"})
    static final class ListReleases implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", arity = "0..1", paramLabel = "ENV", description = "Only this environment.")
        String env;

        ListReleases(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            String q = env == null ? "" : "?environment=" + URLEncoder.encode(env, StandardCharsets.UTF_8);
            Table.print(terminal, server.get("/api/v1/services/" + service + "/releases" + q).get("items"), server.json,
                    "No releases yet: push to a mapped branch, or 'jiti release deploy'.", "release", "environment",
                    "commit", "status", "trigger", "triggeredBy", "created", "note");
            return ExitCodes.OK;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = {"Show one release, or deploy a commit or branch of the source as a new release.", ""},
            subcommands = {ReleaseCommands.Show.class, ReleaseCommands.Deploy.class},
            footer = {"", "Examples:", "  jiti release show orders test v3", "  jiti release deploy orders test main"})
    static final class Group {
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Show one release as JSON.", ""})
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
        String env;
        @Parameters(index = "2", paramLabel = "RELEASE", description = "The release (v3 or 3).")
        String release;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            terminal.line(JsonOut.write(server.get("/api/v1/services/" + service + "/releases/" + env + "/"
                    + number(release))));
            return ExitCodes.OK;
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Deploy a commit (40 hex digits) or a branch of the service's source to ENV as a new release.",
                    ""})
    static final class Deploy implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
        String env;
        @Parameters(index = "2", paramLabel = "REF", description = "A commit or a branch.")
        String ref;
        @Option(names = "--no-wait", description = "Return once the release is made.")
        boolean noWait;

        Deploy(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            return report(server, terminal, server.post("/api/v1/services/" + service + "/releases",
                    Map.of("environment", env, "ref", ref)), noWait);
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Roll an environment back to an earlier release, and tell git.",
                    "Deploys that release's exact commit and config as a new release, marks the releases after it "
                            + "rolled back and quarantines their commits (no webhook or poll deploys them again; a newer "
                            + "commit does), and pushes a revert commit to the branch so it again describes what runs. "
                            + "When the push is refused (a protected or diverged branch) the rollback still happens and "
                            + "the release says how to fix git.", ""},
            footer = {"", "Examples:", "  jiti rollback orders prod", "  jiti rollback orders prod --to v7"})
    static final class Rollback implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "ENV", description = "The environment.")
        String env;
        @Option(names = "--to", paramLabel = "RELEASE", description = "The release to return to (default: the newest "
                + "earlier one that went live).")
        String to;
        @Option(names = "--no-wait", description = "Return once the rollback release is made.")
        boolean noWait;

        Rollback(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("environment", env);
            body.put("to", to == null ? null : number(to));
            return report(server, terminal, server.post("/api/v1/services/" + service + "/rollback", body), noWait);
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true,
            description = {"List the pushes that reached a service's source (webhooks and polls) and what became of "
                    + "each: accepted, duplicate, ignored, rejected and why.", ""})
    static final class Deliveries implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        Deliveries(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/services/" + service + "/deliveries").get("items"), server.json,
                    "No deliveries yet.", "at", "via", "branch", "commit", "result", "reason");
            return ExitCodes.OK;
        }
    }
}
