package io.jiti.cli;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.plan.Graph;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Print the dependency graph (explicit dependsOn plus references) for Graphviz or Mermaid.",
                "An arrow points from a particle to what it needs.", ""},
        footer = {"", "Exit codes: 0 done, 2 bad input.", "", "Examples:", "  jiti graph examples/hello | dot -Tsvg > graph.svg",
                "  jiti graph --format mermaid"})
final class GraphCommand implements Callable<Integer> {
    /** The output formats. */
    enum Format { dot, mermaid }

    private final Terminal terminal;
    @Mixin
    StackRef stack;
    @Option(names = "--format", defaultValue = "dot", description = "dot or mermaid (default: ${DEFAULT-VALUE}).")
    Format format;

    GraphCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Stack s = stack.load();
        Graph g = Graph.of(s);
        StringBuilder out = new StringBuilder();
        if (format == Format.dot) {
            out.append("digraph \"").append(s.name()).append("\" {\n  rankdir=RL;\n");
            for (Particle p : s.particles()) {
                out.append("  \"").append(p.name()).append("\" [label=\"").append(p.name()).append("\\n(")
                        .append(p.type()).append(")\"];\n");
            }
            for (String n : g.nodes()) {
                for (String d : g.dependenciesOf(n)) {
                    out.append("  \"").append(n).append("\" -> \"").append(d).append("\";\n");
                }
            }
            out.append("}");
        } else {
            out.append("graph RL\n");
            for (Particle p : s.particles()) {
                out.append("  ").append(id(p.name())).append("[\"").append(p.name()).append(" (").append(p.type())
                        .append(")\"]\n");
            }
            for (String n : g.nodes()) {
                for (String d : g.dependenciesOf(n)) {
                    out.append("  ").append(id(n)).append(" --> ").append(id(d)).append('\n');
                }
            }
        }
        terminal.line(out.toString().stripTrailing());
        return ExitCodes.OK;
    }

    private static String id(String name) {
        return name.replace('-', '_');
    }
}
