package io.jiti.engine;

import io.jiti.api.DesiredState;
import io.jiti.api.JitiException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.References;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.Graph;
import io.jiti.plan.Planner;
import io.jiti.plan.SpecHash;
import io.jiti.spi.Creator;
import io.jiti.spi.Deleter;
import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Provider;
import io.jiti.spi.Startable;
import io.jiti.spi.Stoppable;
import io.jiti.spi.Updater;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The work apply does per particle: resolve references, decide again against the live state, act, wait. */
final class Steps {
    private final Stack stack;
    private final Provider provider;
    private final Planner planner;
    private final ApplyListener listener;
    private final Map<String, Map<String, Object>> outputs;
    private final List<ParticleResult> results;
    private final Map<String, Observed> observed;
    private final Map<String, Change> planned;
    private final Duration timeout;
    private final Graph graph;
    private final Map<String, Particle> byName;

    Steps(Stack stack, Provider provider, Planner planner, ApplyListener listener,
          Map<String, Map<String, Object>> outputs, List<ParticleResult> results, Map<String, Observed> observed,
          Map<String, Change> planned, Duration timeout) {
        this.stack = stack;
        this.provider = provider;
        this.planner = planner;
        this.listener = listener;
        this.outputs = outputs;
        this.results = results;
        this.observed = observed;
        this.planned = planned;
        this.timeout = timeout;
        this.graph = Graph.of(stack);
        this.byName = stack.byName();
    }

    /** Deletes of particles that are pruned or absent. */
    DagRunner.Task deletes() {
        return new Task() {
            @Override
            public boolean run(String name) {
                Observed live = observed.get(name);
                return attempt(name, Action.DELETE, () -> delete(live));
            }
        };
    }

    /** Creates, updates, replaces, starts and stops, each decided again once its dependencies are done. */
    DagRunner.Task changes() {
        return new Task() {
            @Override
            public boolean run(String name) {
                return change(name);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private boolean change(String name) {
        Particle p = byName.get(name);
        Observed live = observed.get(name);
        Map<String, Object> spec;
        try {
            spec = (Map<String, Object>) References.resolveAll(p.spec(), ref -> {
                Object v = outputs.getOrDefault(ref.particle(), Map.of()).get(ref.output());
                if (v == null) {
                    throw new JitiException("output " + ref + " is not available");
                }
                return String.valueOf(v);
            });
        } catch (JitiException e) {
            results.add(new ParticleResult.Failed(name, planned.get(name).action(), e.getMessage()));
            listener.finished(results.get(results.size() - 1));
            return false;
        }
        Change change = planner.decide(p, spec, false, live);
        Desired desired = new Desired(stack.name(), name, p.type(), spec, SpecHash.of(p.type(), spec), p.state(),
                p.protect(), graph.dependenciesOf(name), stack.baseDir());
        if (!change.action().changes()) {
            return live == null || !live.status().inProgress() || finishInProgress(desired);
        }
        return attempt(name, change.action(), () -> act(change.action(), desired, live));
    }

    /** An earlier apply (perhaps killed) left this particle in progress: wait for it like for our own work. */
    private boolean finishInProgress(Desired desired) {
        listener.progress(desired.name(), "in progress from an earlier apply; waiting for it");
        try {
            Observed now = ready(provider.types().get(desired.type()), desired, Outcome.inProgress());
            outputs.put(desired.name(), now.outputs());
            return true;
        } catch (RuntimeException e) {
            ParticleResult r = new ParticleResult.Failed(desired.name(), Action.NOOP, e.getMessage());
            results.add(r);
            listener.finished(r);
            return false;
        }
    }

    private Observed act(Action action, Desired d, Observed live) {
        ParticleType type = provider.types().get(d.type());
        switch (action) {
            case CREATE:
                return create(type, d);
            case UPDATE: {
                Outcome first = Operations.withRetry(() -> ((Updater) type).update(d, live), timeout);
                return ready(type, d, first);
            }
            case REPLACE:
                delete(live);
                return create(type, d);
            case START:
                return ready(type, d, Operations.withRetry(() -> capability(type, Startable.class, "start").start(live), timeout));
            case STOP:
                return ready(type, d, Operations.withRetry(() -> capability(type, Stoppable.class, "stop").stop(live), timeout));
            default:
                throw new JitiException("unexpected action " + action);
        }
    }

    private Observed create(ParticleType type, Desired d) {
        return ready(type, d, Operations.withRetry(() -> capability(type, Creator.class, "create").create(d), timeout));
    }

    private Observed ready(ParticleType type, Desired d, Outcome first) {
        boolean running = d.state() == DesiredState.RUNNING;
        Optional<Observed> now = Operations.waitFor(type, d.stack(), d.name(), first,
                o -> o.isPresent() && o.get().specHash().equals(d.specHash())
                        && o.get().status() == Observed.Status.READY && o.get().running() == running,
                timeout, m -> listener.progress(d.name(), m));
        return now.orElseThrow();
    }

    private Observed delete(Observed live) {
        ParticleType type = provider.types().get(live.type());
        if (type == null) {
            throw new JitiException("provider '" + provider.id() + "' no longer implements type '" + live.type() + "'");
        }
        Outcome first = Operations.withRetry(() -> capability(type, Deleter.class, "delete").delete(live), timeout);
        Operations.waitFor(type, live.stack(), live.name(), first, Optional::isEmpty, timeout,
                m -> listener.progress(live.name(), m));
        return null;
    }

    private static <T> T capability(ParticleType type, Class<T> capability, String verb) {
        if (!capability.isInstance(type)) {
            throw new JitiException("particles of type '" + type.id() + "' cannot " + verb + " on this provider");
        }
        return capability.cast(type);
    }

    private boolean attempt(String name, Action action, java.util.function.Supplier<Observed> work) {
        listener.started(name, action);
        long start = System.nanoTime();
        ParticleResult result;
        try {
            Observed now = work.get();
            if (now != null) {
                outputs.put(name, now.outputs());
            } else {
                outputs.remove(name);
            }
            result = new ParticleResult.Succeeded(name, action, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            result = new ParticleResult.Failed(name, action, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        results.add(result);
        listener.finished(result);
        return result instanceof ParticleResult.Succeeded;
    }

    /** Records skipped particles. */
    private abstract class Task implements DagRunner.Task {
        @Override
        public void skip(String name, String blocker) {
            ParticleResult r = new ParticleResult.Skipped(name, planned.get(name).action(),
                    "not attempted: " + blocker + " did not succeed");
            results.add(r);
            listener.finished(r);
        }
    }
}
