package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Show what the server sampled of an environment or instance: requests per second, p99 latency, "
                + "error rate and running instances, oldest first, with the deployments made meanwhile.",
                "The server samples every deployed target every --sample-every seconds (default 10) and keeps 24 hours.", ""},
        footer = {"", "Exit codes: 0 shown, 1 server unreachable or refused, 2 bad input or no such target.", "",
                "Examples:", "  jiti metrics instance/orders/test", "  jiti metrics environment/prod --window 24h --json"})
final class MetricsCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ServerRef server;
    @Parameters(paramLabel = "TARGET", description = "environment/NAME or instance/SERVICE/ENVIRONMENT.")
    String target;
    @Option(names = "--window", paramLabel = "DURATION", description = "How far back: 1m to 24h, e.g. 15m (default 1h).")
    String window = "1h";

    MetricsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        JsonNode series = server.get("/api/v1/metrics?target=" + Urls.encode(target) + "&window=" + Urls.encode(window));
        if (server.json) {
            terminal.line(JsonOut.write(series));
            return ExitCodes.OK;
        }
        Table.print(terminal, series.get("samples"), false, "No samples yet (the server samples deployed targets "
                + "every few seconds).", "at", "requestsPerSecond", "latencyP99Ms", "errorRate", "instances");
        for (JsonNode d : series.get("deployments")) {
            terminal.line("deployment " + d.get("id").asText() + " at " + d.get("created").asText() + ": "
                    + d.get("template").asText() + "@" + d.get("version").asText() + " " + d.get("status").asText());
        }
        return ExitCodes.OK;
    }
}
