package io.jiti.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;
import io.jiti.spi.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the live state and outputs of every particle.",
                "As the provider reports it now (instances with pid, port and health for services). Particles the "
                        + "stack owns but no longer defines are listed too. When the home's agent runs this build, it "
                        + "answers (JITI_WARM=off: this JVM does).", ""},
        footer = {"", "Exit codes: 0 done, 1 failed, 2 bad input.", "", "Examples:", "  jiti status",
                "  jiti status --json examples/hello | jq '.particles[].instances'"})
final class StatusCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    StackRef stack;
    @Option(names = "--json", description = "Print JSON (format in the README).")
    boolean json;

    StatusCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** One row: a particle of the stack and what the provider holds for it. */
    private record Row(String name, String type, Observed live, boolean defined) {
        String state() {
            if (live == null) {
                return "absent";
            }
            if (live.status() == Observed.Status.READY) {
                if (type.equals("job")) {
                    return "succeeded";
                }
                return live.running() ? "running" : "stopped";
            }
            return live.status().word();
        }
    }

    @Override
    public Integer call() {
        Stack s = stack.load();
        try (Provider provider = stack.provider(s)) {
            Map<String, Observed> live = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults())
                    .observe(s.name());
            List<Row> rows = new ArrayList<>();
            for (Particle p : s.particles()) {
                rows.add(new Row(p.name(), p.type(), live.get(p.name()), true));
            }
            live.values().stream().filter(o -> s.particle(o.name()).isEmpty())
                    .forEach(o -> rows.add(new Row(o.name(), o.type(), o, false)));
            if (json) {
                printJson(s, rows);
            } else {
                printTable(s, provider, rows);
            }
            return ExitCodes.OK;
        }
    }

    private void printJson(Stack s, List<Row> rows) {
        ObjectNode root = JsonOut.MAPPER.createObjectNode();
        root.put("version", JsonOut.VERSION);
        root.put("stack", s.name());
        ArrayNode list = root.putArray("particles");
        for (Row r : rows) {
            ObjectNode o = JsonOut.particle(r.name(), r.type(), r.state(),
                    r.live() == null ? "absent" : r.live().status().word(),
                    r.live() == null ? "" : r.live().message(),
                    r.live() == null ? Map.of() : r.live().outputs(),
                    r.live() == null ? List.of() : r.live().instances(), r.type().equals("service"));
            o.put("defined", r.defined());
            if (r.live() != null) {
                o.set("events", JsonOut.MAPPER.valueToTree(r.live().events()));
                o.set("metrics", JsonOut.MAPPER.valueToTree(r.live().metrics()));
            }
            list.add(o);
        }
        terminal.line(JsonOut.write(root));
    }

    private void printTable(Stack s, Provider provider, List<Row> rows) {
        terminal.line(terminal.bold("Stack " + s.name() + " on " + provider.id() + ":"));
        int width = rows.stream().mapToInt(r -> r.name().length()).max().orElse(4);
        for (Row r : rows) {
            String state = r.state();
            String painted = state.equals("running") || state.equals("stopped") ? terminal.green(state)
                    : state.equals("failed") ? terminal.red(state) : terminal.yellow(state);
            String msg = r.live() == null || r.live().message().isEmpty() ? "" : "  " + r.live().message();
            terminal.line("  " + Columns.pad(r.name(), width) + "  " + Columns.pad(r.type(), 8) + " " + painted + msg
                    + (r.defined() ? "" : terminal.yellow("  (no longer defined; 'jiti up' prunes it)")));
            if (r.live() != null) {
                JsonOut.masked(r.live().outputs()).forEach((k, v) -> terminal.line("      " + k + " = " + v));
                Map<String, Object> m = r.live().metrics();
                if (!m.isEmpty()) {
                    terminal.line("      load: " + m.get("requestsPerSecond") + " req/s, " + m.get("inFlight")
                            + " in flight, p50 " + m.get("latencyP50Ms") + " ms, p99 " + m.get("latencyP99Ms")
                            + " ms, errors " + m.get("errorRate") + ", cpu " + m.get("cpuPercent") + "%");
                }
                List<String> events = r.live().events();
                for (String e : events.subList(Math.max(0, events.size() - 3), events.size())) {
                    terminal.line("      " + terminal.dim("event " + e));
                }
                for (Instance i : r.live().instances()) {
                    terminal.line("      instance " + i.id() + "  pid " + i.pid() + (i.port() > 0 ? "  port " + i.port() : "")
                            + "  " + (i.healthy() ? terminal.green("healthy") : terminal.yellow("not ready")));
                }
            }
        }
    }
}
