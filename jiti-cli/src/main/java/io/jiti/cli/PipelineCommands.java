package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.load.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti pipeline set|show}, {@code jiti approve}, {@code jiti reject}: pipelines and their approvals. */
final class PipelineCommands {
    private PipelineCommands() {
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = {"Set or show a service's pipeline: stages a release moves through (admins set them).",
                    "A release that goes live in every environment of a stage is released to the next stage; a stage "
                            + "with an approval holds it until its approver role or team approves ('jiti approve').", ""},
            subcommands = {PipelineCommands.Set.class, PipelineCommands.Show.class},
            footer = {"", "A pipeline file (YAML or JSON):", "  stages:", "    - {name: test, environments: [test]}",
                    "    - {name: staging, environments: [staging]}",
                    "    - name: prod", "      environments: [prod]",
                    "      approval: {role: admin, fourEyes: true, expiresAfter: 24h}   # or {team: ops}",
                    "", "Examples:", "  jiti pipeline set orders pipeline.yaml", "  jiti pipeline show orders"})
    static final class Group {
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = {"Set a service's pipeline from a file.", ""})
    static final class Set implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "FILE", description = "The pipeline: stages, in order.")
        Path file;

        Set(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            Path f = server.resolve(file);
            JsonNode doc = YamlDocument.parse(Files.readString(f), file.toString()).root();
            if (!(doc instanceof ObjectNode o) || !o.path("stages").isArray()) {
                throw new ApiException(file + ": a pipeline file has 'stages', a list", ExitCodes.BAD_INPUT);
            }
            JsonNode out = server.put("/api/v1/services/" + service + "/pipeline", Map.of("stages", o.get("stages")));
            terminal.line(server.json ? JsonOut.write(out) : "Pipeline of " + service + ": " + out.get("stages").size()
                    + " stage(s).");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Show a service's pipeline as JSON.", ""})
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
            terminal.line(JsonOut.write(server.get("/api/v1/services/" + service + "/pipeline")));
            return ExitCodes.OK;
        }
    }

    /** What approve and reject share. */
    abstract static class Decision implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ServerRef server;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        String service;
        @Parameters(index = "1", paramLabel = "RELEASE", description = "The waiting release (v12 or 12).")
        String release;
        @Option(names = "--env", paramLabel = "ENV", description = "The environment, when the number waits in several.")
        String env;

        Decision(Terminal terminal) {
            this.terminal = terminal;
        }

        abstract String verb();

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("environment", env);
            JsonNode r = server.post("/api/v1/services/" + service + "/releases/" + ReleaseCommands.number(release) + "/"
                    + verb(), body);
            terminal.line(server.json ? JsonOut.write(r) : "Release " + r.get("release").asText() + " of " + service
                    + " in " + r.get("environment").asText() + ": " + r.get("status").asText() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approve a release waiting at a pipeline stage: its deployment starts.",
                    "Only the stage's approver role or team may; with four eyes, not whoever pushed or triggered it.", ""},
            footer = {"", "Examples:", "  jiti approve orders v4"})
    static final class Approve extends Decision {
        Approve(Terminal terminal) {
            super(terminal);
        }

        @Override
        String verb() {
            return "approve";
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = {"Reject a release waiting at a pipeline stage: it never deploys there.", ""},
            footer = {"", "Examples:", "  jiti reject orders v4 --env prod"})
    static final class Reject extends Decision {
        Reject(Terminal terminal) {
            super(terminal);
        }

        @Override
        String verb() {
            return "reject";
        }
    }
}
