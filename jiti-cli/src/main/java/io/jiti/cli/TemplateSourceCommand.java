package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti template source}: templates from git (what Proton's template sync did). */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = {"Keep templates in a git repository laid out NAME/vMAJOR/blueprint.yaml.",
                "A push to its branch (GitHub webhook, or a poll) publishes every version the catalog does not have yet, "
                        + "after the compatibility check: as a draft, or published with --publish. A refused version "
                        + "says why in 'jiti template source deliveries'.", ""},
        subcommands = {TemplateSourceCommand.Set.class, TemplateSourceCommand.Show.class, TemplateSourceCommand.Poll.class,
                TemplateSourceCommand.Deliveries.class},
        footer = {"", "Examples:", "  jiti template source set platform https://git.example.com/platform/templates.git",
                "  jiti template source poll platform", "  jiti template source deliveries platform"})
final class TemplateSourceCommand {

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set (or replace) a template repository (admins); prints its webhook secret once.", ""})
    static final class Set implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "NAME", description = "A name for the repository.")
        String name;
        @Parameters(index = "1", paramLabel = "URL", description = "The git repository.")
        String url;
        @Option(names = "--branch", paramLabel = "BRANCH", description = "The branch whose pushes count (default main).")
        String branch;
        @Option(names = "--publish", description = "Publish new versions (default: keep them as drafts).")
        boolean publish;
        @Option(names = "--poll", paramLabel = "SECONDS", description = "How often it is polled (default 60; 0: never).")
        Integer poll;

        Set(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url);
            body.put("branch", branch);
            body.put("publish", publish);
            body.put("pollSeconds", poll);
            JsonNode out = server.put("/api/v1/template-sources/" + name, body);
            terminal.line(server.json ? JsonOut.write(out) : "Template source " + name + ": " + out.get("url").asText()
                    + " (" + out.get("branch").asText() + "), " + (publish ? "publishes" : "drafts") + " new versions.");
            if (!server.json && out.hasNonNull("webhookSecret")) {
                terminal.line("Webhook secret (shown once): " + out.get("webhookSecret").asText());
                terminal.line("  GitHub: payload URL " + server.url() + out.get("webhook").asText()
                        + ", content type application/json, this secret, push events.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Show a template source.", ""})
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The template source.")
        String name;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            terminal.line(JsonOut.write(server.get("/api/v1/template-sources/" + name)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = {"Poll a template source now: publish what is new on its branch.", ""})
    static final class Poll implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The template source.")
        String name;

        Poll(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode out = server.post("/api/v1/template-sources/" + name + "/poll", Map.of());
            terminal.line(server.json ? JsonOut.write(out) : out.get("result").asText() + ": " + out.get("message").asText());
            return out.get("result").asText().equals("rejected") ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true,
            description = {"List what became of each push to a template source: published, drafted, refused and why.", ""})
    static final class Deliveries implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "NAME", description = "The template source.")
        String name;

        Deliveries(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Table.print(terminal, server.get("/api/v1/template-sources/" + name + "/deliveries").get("items"),
                    server.json, "No deliveries yet.", "at", "via", "commit", "result", "reason");
            return ExitCodes.OK;
        }
    }
}
