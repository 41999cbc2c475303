package io.jiti.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle in a dependency graph, named node by node. */
public final class Cycles {
    private Cycles() {
    }

    /** A cycle as {@code [a, b, c, a]}, if the graph ({@code node -> what it depends on}) has one. */
    public static Optional<List<String>> find(Map<String, List<String>> edges) {
        Map<String, Integer> color = new HashMap<>();
        for (String start : edges.keySet()) {
            if (color.getOrDefault(start, 0) != 0) {
                continue;
            }
            Optional<List<String>> found = visit(start, edges, color, new ArrayList<>());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, List<String>> edges,
                                                Map<String, Integer> color, List<String> path) {
        // Iterative, so that a chain of 10,000 particles cannot overflow the thread's stack.
        record Frame(String node, int next) {
        }
        java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
        stack.push(new Frame(node, 0));
        color.put(node, 1);
        path.add(node);
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            List<String> deps = edges.getOrDefault(f.node(), List.of());
            if (f.next() < deps.size()) {
                stack.push(new Frame(f.node(), f.next() + 1));
                String dep = deps.get(f.next());
                int c = color.getOrDefault(dep, 0);
                if (c == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dep), path.size()));
                    cycle.add(dep);
                    return Optional.of(cycle);
                }
                if (c == 0) {
                    color.put(dep, 1);
                    path.add(dep);
                    stack.push(new Frame(dep, 0));
                }
            } else {
                color.put(f.node(), 2);
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }
}
