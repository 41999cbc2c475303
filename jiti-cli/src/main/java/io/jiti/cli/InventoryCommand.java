package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"Show what runs where: every environment and instance with its template version, last deployment "
                + "and whether it is outdated (a newer version is published, or its own was deprecated or withdrawn).", ""},
        footer = {"", "Examples:", "  jiti inventory", "  jiti inventory --outdated", "  jiti inventory --team shop --json"})
final class InventoryCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ServerRef server;
    @Option(names = "--outdated", description = "Only what is outdated.")
    boolean outdated;
    @Option(names = "--team", paramLabel = "TEAM", description = "Only this team's instances.")
    String team;
    @Option(names = "--template", paramLabel = "NAME", description = "Only what uses this template.")
    String template;
    @Option(names = "--status", paramLabel = "STATUS", description = "Only these: succeeded, failed, running, queued, …")
    String status;

    InventoryCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        StringBuilder q = new StringBuilder("/api/v1/inventory?limit=200");
        if (outdated) {
            q.append("&outdated=true");
        }
        append(q, "team", team);
        append(q, "template", template);
        append(q, "status", status);
        JsonNode items = JsonOut.MAPPER.createArrayNode();
        String after = null;
        do {
            JsonNode page = server.get(q + (after == null ? "" : "&after=" + Urls.encode(after)));
            page.get("items").forEach(((com.fasterxml.jackson.databind.node.ArrayNode) items)::add);
            after = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (after != null);
        if (!server.json) {
            items.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("outdated",
                    r.get("outdated").asBoolean() ? terminal.yellow("outdated (" + r.path("latest").asText() + ")") : ""));
        }
        Table.print(terminal, items, server.json, "Nothing yet.", "target", "team", "template", "version", "status", "deployment",
                "outdated");
        return ExitCodes.OK;
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(Urls.encode(value));
        }
    }
}
