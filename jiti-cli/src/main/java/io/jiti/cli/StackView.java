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
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (Grant g : grants) {
            String key = g.principal() + "\u0000" + g.resource() + "\u0000" + g.note();
            lines.computeIfAbsent(key, k -> new ArrayList<>()).add(g.action());
        }
        t.line(t.bold("Permissions the stack needs (" + grants.size() + "):"));
        int width = grants.stream().mapToInt(g -> g.principal().length()).max().orElse(0);
        lines.forEach((key, actions) -> {
            String[] k = key.split("\u0000", -1);
            t.line(String.format("  %-" + width + "s  %s on %s%s", k[0], String.join(", ", actions), k[1],
                    k[2].isEmpty() ? "" : t.dim("  (" + k[2] + ")")));
        });
    }
}
