package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.blueprints.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti template}: the platform's templates. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = {"Publish and list the platform's templates: blueprints with a kind (environment or service).",
                "A version is a draft until published; a published minor must be compatible with the major's previous "
                        + "one, and a service template's requirements must be met by the environment templates it fits.",
                ""},
        subcommands = {TemplateCommand.Publish.class, TemplateCommand.List.class, TemplateSourceCommand.class},
        footer = {"", "Examples:", "  jiti template publish templates/shared-env --draft",
                "  jiti template publish templates/shared-env", "  jiti template list"})
final class TemplateCommand {

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Upload a template version (a directory holding blueprint.yaml, or the file) and publish it.",
                    "With --draft it is uploaded for review only (admins may still deploy it); a draft may be uploaded "
                            + "again, and is published by running this without --draft.", ""},
            footer = {"", "Exit codes: 0 published, 1 not allowed or no server, 2 bad input or refused by a check."})
    static final class Publish implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(paramLabel = "DIR", description = "The bundle: a directory holding blueprint.yaml, or that file.")
        Path dir;
        @Option(names = "--draft", description = "Upload as a draft; do not publish yet.")
        boolean draft;

        Publish(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            Path file = server.resolve(dir);
            file = Files.isDirectory(file) ? file.resolve("blueprint.yaml") : file;
            Registry.read(file); // located problems before anything is sent
            JsonNode v = server.post("/api/v1/templates", Map.of("bundle", Files.readString(file, StandardCharsets.UTF_8),
                    "draft", draft));
            if (server.json) {
                terminal.line(JsonOut.write(v));
            } else {
                terminal.line(v.get("id").asText() + " (" + v.get("kind").asText() + " template) is "
                        + v.get("status").asText() + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the template versions with their kind and status.", ""})
    static final class List implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this template.")
        String name;

        List(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode items = server.get("/api/v1/templates" + (name == null ? "" : "?name=" + Urls.encode(name))).get("items");
            Table.print(terminal, items, server.json, "No templates yet (publish one with 'jiti template publish DIR').",
                    "id", "kind", "status", "description");
            return ExitCodes.OK;
        }
    }
}
