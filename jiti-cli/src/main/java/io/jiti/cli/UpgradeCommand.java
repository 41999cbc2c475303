package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Move every environment or instance of a template to a new version, wave by wave (admins only).",
                "With --preview, show each target's plan (the blast radius) and change nothing. Otherwise a campaign "
                        + "upgrades the targets of each wave in turn (--waves: the environments, in order), at most "
                        + "--parallel at once, and opens the next wave once every upgraded target has stayed healthy for "
                        + "--settle seconds. A failure stops the campaign and rolls the failed targets back. The campaign "
                        + "lives in the server: interrupting this command stops following it, not the campaign.", ""},
        footer = {"", "Exit codes: 0 every target upgraded, 1 the campaign failed (and rolled back what failed) or not "
                + "allowed, 2 bad input or nothing to upgrade.", "", "Examples:",
                "  jiti upgrade web-api@1.1 --preview --waves test,staging,prod",
                "  jiti upgrade web-api@1.1 --waves test,staging,prod --parallel 2 --settle 60",
                "  jiti campaign show 3"})
final class UpgradeCommand implements Callable<Integer> {
    private static final long POLL_NANOS = 500_000_000L;
    private final Terminal terminal;
    @Mixin
    ServerRef server;
    @Parameters(paramLabel = "TEMPLATE@VERSION", description = "The published version to move to (NAME@MAJOR.MINOR).")
    String version;
    @Option(names = "--preview", description = "Show what would change; change nothing.")
    boolean preview;
    @Option(names = "--waves", split = ",", paramLabel = "ENV,ENV,…",
            description = "The environments, in order, one wave each (default: one wave of everything).")
    List<String> waves;
    @Option(names = "--parallel", paramLabel = "N", description = "Targets upgraded at once (default 1).")
    int parallel = 1;
    @Option(names = "--settle", paramLabel = "SECONDS", description = "How long an upgraded target must stay healthy (default 30).")
    long settle = 30;

    UpgradeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("waves", waves == null ? List.of() : waves);
        body.put("parallel", parallel);
        body.put("settleSeconds", settle);
        body.put("preview", preview);
        JsonNode answer = server.post("/api/v1/upgrades", body);
        if (preview) {
            if (server.json) {
                terminal.line(JsonOut.write(answer.get("items")));
                return ExitCodes.OK;
            }
            for (JsonNode t : answer.get("items")) {
                terminal.line(terminal.bold("wave " + t.get("wave").asInt() + "  " + t.get("target").asText()) + "  "
                        + t.get("from").asText() + " -> " + t.get("to").asText());
                if (t.hasNonNull("problem")) {
                    terminal.line("  " + terminal.red(t.get("problem").asText()));
                }
                t.get("changes").forEach(c -> terminal.line("  " + c.asText()));
                if (t.get("changes").isEmpty() && !t.hasNonNull("problem")) {
                    terminal.line("  no changes");
                }
            }
            if (answer.get("items").isEmpty()) {
                terminal.line("Nothing to upgrade.");
            }
            return ExitCodes.OK;
        }
        if (server.json) {
            terminal.line(JsonOut.write(answer));
            return ExitCodes.OK;
        }
        return follow(answer.get("id").asLong());
    }

    private int follow(long id) {
        terminal.line("Campaign " + id + " started; following it (Ctrl-C stops following, not the campaign).");
        Map<String, String> seen = new LinkedHashMap<>();
        while (true) {
            JsonNode c = server.get("/api/v1/campaigns/" + id);
            for (JsonNode i : c.get("items")) {
                String line = "wave " + i.get("wave").asInt() + "  " + i.get("target").asText() + "  " + i.get("status").asText()
                        + "  " + i.get("message").asText();
                if (!line.equals(seen.put(i.get("target").asText(), line))) {
                    terminal.line("  " + line);
                }
            }
            String status = c.get("status").asText();
            if (!status.equals("running")) {
                boolean ok = status.equals("succeeded");
                String text = "Campaign " + id + " " + status + ": " + c.get("message").asText();
                if (ok) {
                    terminal.line(terminal.green(text));
                } else {
                    terminal.error(terminal.red(text));
                }
                return ok ? ExitCodes.OK : ExitCodes.FAILED;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
