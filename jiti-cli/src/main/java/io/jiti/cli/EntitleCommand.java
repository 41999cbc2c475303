package io.jiti.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "entitle", mixinStandardHelpOptions = true,
        description = {"Let a team use a service template major, and deploy it to some environments (admins only).",
                "Adds to what the team has; without --env the team may create services from it but deploy them nowhere yet.",
                ""},
        footer = {"", "Examples:", "  jiti entitle shop --template web-api@1 --env test --env staging"})
final class EntitleCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ServerRef server;
    @Parameters(paramLabel = "TEAM", description = "The team.")
    String team;
    @Option(names = "--template", required = true, paramLabel = "T@MAJOR", description = "The template major.")
    String template;
    @Option(names = "--env", paramLabel = "ENV", description = "An environment it may deploy to (repeatable).")
    List<String> envs;

    EntitleCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        var e = server.post("/api/v1/entitlements", Map.of("team", team, "template", template,
                "environments", envs == null ? List.of() : envs));
        if (server.json) {
            terminal.line(JsonOut.write(e));
        } else {
            List<String> where = JsonOut.MAPPER.convertValue(e.get("environments"), List.class);
            terminal.line("Team " + team + " may use " + template + (where.isEmpty() ? " (in no environment yet)."
                    : " in " + String.join(", ", where) + "."));
        }
        return ExitCodes.OK;
    }
}
