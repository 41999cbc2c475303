package io.jiti.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti policy}: guardrails. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Add, list and remove guardrails: CEL expressions every deployment's planned stack must satisfy.",
                "An expression is true when a deployment may go on. It sees particles (name, type, state, protect, spec), "
                        + "environment (name, labels, template, version), template (name, version, kind, status), team, "
                        + "target and kind. A false one refuses the deployment before anything changes (or, with --warn, "
                        + "writes a warning in its log).", ""},
        subcommands = {PolicyCommand.Add.class, PolicyCommand.ListPolicies.class, PolicyCommand.Remove.class},
        footer = {"", "Examples:",
                "  jiti policy add bucket-encrypted --message 'buckets stay encrypted' \\",
                "    --cel \"particles.all(p, p.type != 'bucket' || !has(p.spec.encryption) || p.spec.encryption)\"",
                "  jiti policy add prod-published-only --message 'only published versions in prod' \\",
                "    --cel \"!('tier' in environment.labels) || environment.labels.tier != 'prod' || template.status == 'published'\"",
                "  jiti policy list", "  jiti policy remove bucket-encrypted",
                "More in examples/platform/policies.yaml."})
final class PolicyCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Add a policy (admins only).", ""},
            footer = {"", "Exit codes: 0 added, 1 not allowed, 2 bad input (such as an expression that does not compile)."})
    static final class Add implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The policy's name.")
        String name;
        @Option(names = "--cel", required = true, paramLabel = "EXPR", description = "What must hold (a CEL expression).")
        String cel;
        @Option(names = "--message", required = true, paramLabel = "TEXT", description = "What is wrong when it does not.")
        String message;
        @Option(names = "--warn", description = "Only warn in the deployment's log; do not refuse.")
        boolean warn;

        Add(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            var p = server.post("/api/v1/policies", Map.of("name", name, "cel", cel, "message", message,
                    "effect", warn ? "warn" : "deny"));
            terminal.line(server.json ? JsonOut.write(p) : "Policy " + name + " added: deployments that break it are "
                    + (warn ? "warned" : "refused") + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the policies.", ""})
    static final class ListPolicies implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;

        ListPolicies(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            var items = server.get("/api/v1/policies").get("items");
            if (!server.json) {
                items.forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).put("effect",
                        p.get("deny").asBoolean() ? "deny" : "warn"));
            }
            Table.print(terminal, items, server.json, "No policies.", "name", "effect", "message", "expression");
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = {"Remove a policy (admins only).", ""})
    static final class Remove implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The policy.")
        String name;

        Remove(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            server.delete("/api/v1/policies/" + Urls.encode(name));
            terminal.line("Policy " + name + " removed.");
            return ExitCodes.OK;
        }
    }
}
