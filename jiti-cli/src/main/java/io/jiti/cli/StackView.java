package io.jiti.cli;

import io.jiti.api.Expanded;
import io.jiti.api.Grant;
import io.jiti.api.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan shows of the stack itself, after its changes: the blueprint particles with their members
 * and what their authors overrode, and the permissions the stack needs (the union of every particle's
 * statements).
 */
final class StackView {
    private StackView() {
    }

    static void print(Terminal t, Stack stack) {
        if (!stack.expanded().isEmpty()) {
            t.line(t.bold("Blueprints:"));
            for (Expanded e : stack.expanded()) {
                t.line("  " + e.name() + " = " + e.from() + " -> " + String.join(", ", e.members()));
                e.overrides().forEach(o -> t.line("      overridden: " + o));
            }
        }
        List<Grant> grants = stack.permissions();
        if (grants.isEmpty()) {
            return;
        }
        Map<Line, List<String>> lines = new LinkedHashMap<>();
        for (Grant g : grants) {
            lines.computeIfAbsent(new Line(g.principal(), g.resource(), g.note()), k -> new ArrayList<>())
                    .add(g.action());
        }
        t.line(t.bold("Permissions the stack needs (" + grants.size() + "):"));
        int width = grants.stream().mapToInt(g -> g.principal().length()).max().orElse(0);
        lines.forEach((line, actions) -> t.line("  " + Columns.pad(line.principal(), width) + "  "
                + String.join(", ", actions) + " on " + line.resource() + (line.note().isEmpty() ? "" : t.dim("  ("
                + line.note() + ")"))));
    }

    /** The grants printed on one line: the same principal, resource and note. */
    private record Line(String principal, String resource, String note) {
    }
}
