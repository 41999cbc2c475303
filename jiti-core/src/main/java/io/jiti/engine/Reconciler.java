package io.jiti.engine;

import io.jiti.api.DesiredState;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.Graph;
import io.jiti.plan.Plan;
import io.jiti.plan.Planner;
import io.jiti.spi.Observed;
import io.jiti.spi.ParticleType;
import io.jiti.spi.SourceDigest;
import io.jiti.spi.Provider;
import io.jiti.spi.StackLock;
import io.jiti.spi.Stoppable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Plans and applies stacks against one provider. Holds no state between calls: every plan starts from
 * what the provider lists for the stack, so a crashed apply is simply planned again.
 */
public final class Reconciler {
    private final Provider provider;
    private final ApplyListener listener;
    private final ApplyOptions options;
    private final Planner planner;

    public Reconciler(Provider provider, ApplyListener listener, ApplyOptions options) {
        this.provider = provider;
        this.listener = listener;
        this.options = options;
        this.planner = new Planner(provider.types());
    }

    /** What the provider holds for a stack, by particle name (every type listed in parallel). */
    public Map<String, Observed> observe(String stack) {
        java.util.Optional<List<Observed>> all = Operations.withRetry(() -> provider.listAll(stack), deadline());
        if (all.isPresent()) {
            Map<String, Observed> out = new LinkedHashMap<>();
            all.get().stream().filter(o -> provider.types().containsKey(o.type())).forEach(o -> out.put(o.name(), o));
            return out;
        }
        List<ParticleType> types = new ArrayList<>(provider.types().values());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(types.size(), concurrency())), daemon());
        try {
            List<Future<List<Observed>>> lists = new ArrayList<>();
            for (ParticleType t : types) {
                lists.add(pool.submit(() -> Operations.withRetry(() -> t.list(stack), deadline())));
            }
            Map<String, Observed> out = new LinkedHashMap<>();
            for (Future<List<Observed>> f : lists) {
                for (Observed o : Operations.await(f)) {
                    out.put(o.name(), o);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What apply would do. Takes no lock and changes nothing. */
    public Plan plan(Stack stack) {
        checkTypes(stack);
        return planner.plan(withSources(stack), observe(stack.name()));
    }

    /** Takes the stack lock, plans against the live state and applies. */
    public ApplyReport apply(Stack stack) {
        checkTypes(stack);
        Stack sourced = withSources(stack);
        return applyLocked(stack.name(), observed -> sourced);
    }

    /**
     * The stack with the digest of what each particle builds from in its spec ({@link SourceDigest}), for
     * the types that have one: a changed source is then a changed spec.
     */
    private Stack withSources(Stack stack) {
        List<Particle> particles = new ArrayList<>();
        boolean any = false;
        for (Particle p : stack.particles()) {
            String digest = provider.types().get(p.type()) instanceof SourceDigest d
                    ? d.sourceDigest(p.spec(), stack.baseDir()) : null;
            if (digest == null) {
                particles.add(p);
                continue;
            }
            Map<String, Object> spec = new LinkedHashMap<>(p.spec());
            spec.put(SourceDigest.FIELD, digest);
            particles.add(new Particle(p.name(), p.type(), p.state(), spec, p.dependsOn(), p.protect(), p.permissions()));
            any = true;
        }
        return any ? new Stack(stack.name(), stack.provider(), particles, stack.baseDir(), stack.source(),
                stack.expanded()) : stack;
    }

    /**
     * Deletes everything the stack owns, in reverse dependency order, except protected particles (stateful
     * types are protected by default): those are kept with their data, and stopped where their type can
     * stop. With {@code force}, everything goes. What to keep is decided from the same observation, under
     * the same lock, as the deletes.
     */
    public ApplyReport destroy(String stackName) {
        return applyLocked(stackName, live -> new Stack(stackName, provider.id(),
                options.force() ? List.of() : kept(live), null, "<down>"));
    }

    /** The live protected particles as desired particles: unchanged, stopped where their type can stop. */
    private List<Particle> kept(Map<String, Observed> live) {
        Set<String> keep = live.values().stream().filter(Observed::protect).map(Observed::name)
                .collect(Collectors.toSet());
        List<Particle> kept = new ArrayList<>();
        for (Observed o : live.values()) {
            if (keep.contains(o.name())) {
                boolean stops = provider.types().get(o.type()) instanceof Stoppable;
                kept.add(new Particle(o.name(), o.type(), stops ? DesiredState.STOPPED : DesiredState.RUNNING,
                        o.spec(), o.dependsOn().stream().filter(keep::contains).toList(), true));
            }
        }
        return kept;
    }

    /** Under the stack lock: observes once, builds the desired stack from that, plans and applies. */
    private ApplyReport applyLocked(String stackName, Function<Map<String, Observed>, Stack> desired) {
        try (StackLock lock = provider.lock(stackName, listener::waitingForLock)) {
            Map<String, Observed> observed = observe(stackName);
            Stack stack = desired.apply(observed);
            Plan plan = planner.plan(stack, observed);
            if (!options.force() && !plan.blocked().isEmpty()) {
                throw new ProtectedException(plan.blocked());
            }
            listener.planned(plan);
            return execute(stack, plan, observed);
        }
    }

    private ApplyReport execute(Stack stack, Plan plan, Map<String, Observed> observed) {
        Map<String, Map<String, Object>> outputs = new ConcurrentHashMap<>();
        observed.forEach((name, o) -> outputs.put(name, o.outputs()));
        List<ParticleResult> results = Collections.synchronizedList(new ArrayList<>());
        Map<String, Change> planned = new LinkedHashMap<>();
        plan.changes().forEach(c -> planned.put(c.particle(), c));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency(), daemon());
        try {
            Steps steps = new Steps(stack, provider, planner, listener, outputs, results, observed, planned, deadline());
            List<String> deletes = plan.changes().stream().filter(c -> c.action() == Action.DELETE)
                    .map(Change::particle).toList();
            Set<String> deleting = new HashSet<>(deletes);
            Graph live = liveGraph(observed);
            DagRunner.run(deletes, n -> live.dependentsOf(n).stream().filter(deleting::contains).toList(),
                    steps.deletes(), pool);
            Graph desired = Graph.of(stack);
            List<String> rest = desired.topologicalOrder().stream()
                    .filter(n -> planned.get(n).action() != Action.DELETE).toList();
            DagRunner.run(rest, desired::dependenciesOf, steps.changes(), pool);
        } finally {
            pool.shutdownNow();
        }
        outputs.keySet().retainAll(stack.particles().stream().filter(p -> planned.get(p.name()).action() != Action.DELETE)
                .map(Particle::name).collect(Collectors.toSet()));
        return new ApplyReport(plan, List.copyOf(results), Map.copyOf(outputs));
    }

    private static Graph liveGraph(Map<String, Observed> observed) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        observed.forEach((name, o) -> edges.put(name, o.dependsOn()));
        return Graph.of(edges);
    }

    private void checkTypes(Stack stack) {
        List<Diagnostic> problems = new ArrayList<>();
        for (Particle p : stack.particles()) {
            if (!provider.types().containsKey(p.type())) {
                problems.add(new Diagnostic(stack.source(), 0, 0, "provider '" + provider.id()
                        + "' does not implement type '" + p.type() + "' of particle '" + p.name() + "' (it implements: "
                        + String.join(", ", new java.util.TreeSet<>(provider.types().keySet())) + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStackException(problems);
        }
    }

    private int concurrency() {
        return options.concurrency() > 0 ? options.concurrency() : provider.maxConcurrency();
    }

    private Duration deadline() {
        return options.operationTimeout() != null ? options.operationTimeout() : provider.operationTimeout();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "jiti-apply");
            t.setDaemon(true);
            return t;
        };
    }
}
