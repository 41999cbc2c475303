package io.jiti.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Show the audit log, newest first: every change and every refused attempt (admins only).", ""},
        footer = {"", "Examples:", "  jiti audit", "  jiti audit --limit 200 --json"})
final class AuditCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ServerRef server;
    @Option(names = "--limit", paramLabel = "N", description = "At most N entries (default 50, at most 200).")
    int limit = 50;

    AuditCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Table.print(terminal, server.get("/api/v1/audit?limit=" + limit).get("items"), server.json, "Nothing yet.",
                "at", "actor", "action", "target", "result", "detail");
        return ExitCodes.OK;
    }
}
