package io.jiti.plan;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.Reference;
import io.jiti.load.References;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The dependency graph of a stack: explicit {@code dependsOn} plus the implicit edges of references. */
public final class Graph {
    private final Map<String, List<String>> dependencies = new LinkedHashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();

    private Graph() {
    }

    /** The graph of a (validated, hence acyclic) stack. */
    public static Graph of(Stack stack) {
        Graph g = new Graph();
        for (Particle p : stack.particles()) {
            Set<String> deps = new LinkedHashSet<>(p.dependsOn());
            for (Reference r : References.findAll(p.spec())) {
                deps.add(r.particle());
            }
            deps.remove(p.name());
            g.add(p.name(), new ArrayList<>(deps));
        }
        return g;
    }

    /** A graph from explicit edges ({@code node -> what it depends on}); edges to unknown nodes are dropped. */
    public static Graph of(Map<String, List<String>> edges) {
        Graph g = new Graph();
        edges.forEach((node, deps) -> g.add(node, deps.stream().filter(edges::containsKey).toList()));
        return g;
    }

    private void add(String node, List<String> deps) {
        dependencies.put(node, List.copyOf(deps));
        dependents.computeIfAbsent(node, k -> new ArrayList<>());
        for (String d : deps) {
            dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(node);
        }
    }

    /** Every node, in definition order. */
    public List<String> nodes() {
        return List.copyOf(dependencies.keySet());
    }

    /** What {@code node} depends on. */
    public List<String> dependenciesOf(String node) {
        return dependencies.getOrDefault(node, List.of());
    }

    /** What depends on {@code node}. */
    public List<String> dependentsOf(String node) {
        return dependents.getOrDefault(node, List.of());
    }

    /** Nodes with every dependency before them; ties keep definition order. */
    public List<String> topologicalOrder() {
        Map<String, Integer> waiting = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (String n : dependencies.keySet()) {
            int count = dependencies.get(n).size();
            waiting.put(n, count);
            if (count == 0) {
                ready.add(n);
            }
        }
        List<String> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            out.add(n);
            for (String d : dependentsOf(n)) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        return out;
    }
}
