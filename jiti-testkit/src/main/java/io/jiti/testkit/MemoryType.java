package io.jiti.testkit;

import io.jiti.api.DesiredState;
import io.jiti.load.TypeInfo;
import io.jiti.spi.Creator;
import io.jiti.spi.Deleter;
import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Startable;
import io.jiti.spi.Stoppable;
import io.jiti.spi.Updater;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One built-in type kept in memory; outputs are {@code mem://STACK/NAME/OUTPUT}. */
final class MemoryType implements ParticleType, Creator, Updater, Deleter, Startable, Stoppable {
    private final InMemoryProvider provider;
    private final TypeInfo info;

    MemoryType(InMemoryProvider provider, TypeInfo info) {
        this.provider = provider;
        this.info = info;
    }

    @Override
    public String id() {
        return info.id();
    }

    @Override
    public List<Observed> list(String stack) {
        provider.call("list", null);
        List<Observed> out = new ArrayList<>();
        for (Observed o : store(stack).values()) {
            if (o.type().equals(info.id())) {
                out.add(view(o));
            }
        }
        return out;
    }

    @Override
    public Optional<Observed> read(String stack, String name) {
        provider.call("read", name);
        Observed o = store(stack).get(name);
        return o == null || !o.type().equals(info.id()) ? Optional.empty() : Optional.of(view(o));
    }

    @Override
    public Outcome create(Desired d) {
        provider.call("create", d.name());
        Observed made = observed(d);
        store(d.stack()).put(d.name(), made);
        return settle(d.stack(), d.name(), made);
    }

    @Override
    public Outcome update(Desired d, Observed current) {
        provider.call("update", d.name());
        Observed made = observed(d);
        store(d.stack()).put(d.name(), made);
        return settle(d.stack(), d.name(), made);
    }

    /** Jobs run again on any change, as on real providers. */
    @Override
    public java.util.Set<String> replaceOn() {
        if (!info.id().equals("job")) {
            return java.util.Set.of();
        }
        java.util.Set<String> all = new java.util.HashSet<>();
        info.schema().path("properties").fieldNames().forEachRemaining(all::add);
        return all;
    }

    @Override
    public Outcome delete(Observed current) {
        provider.call("delete", current.name());
        store(current.stack()).remove(current.name());
        return Outcome.done();
    }

    @Override
    public Outcome start(Observed current) {
        return setRunning(current, true);
    }

    @Override
    public Outcome stop(Observed current) {
        return setRunning(current, false);
    }

    private Outcome setRunning(Observed c, boolean running) {
        provider.call(running ? "start" : "stop", c.name());
        Observed now = new Observed(c.stack(), c.name(), c.type(), c.specHash(), c.spec(), running, c.status(),
                c.message(), c.outputs(), c.protect(), c.dependsOn(), c.instances());
        store(c.stack()).put(c.name(), now);
        return Outcome.done(now);
    }

    private Outcome settle(String stack, String name, Observed made) {
        if (provider.pollsUntilReady() == 0) {
            return Outcome.done(made);
        }
        provider.progress.put(stack + "/" + name, new AtomicInteger(provider.pollsUntilReady()));
        return Outcome.inProgress();
    }

    /** Progressing until enough reads have seen it. */
    private Observed view(Observed o) {
        AtomicInteger left = provider.progress.get(o.stack() + "/" + o.name());
        if (left != null && left.getAndDecrement() > 0) {
            return new Observed(o.stack(), o.name(), o.type(), o.specHash(), o.spec(), o.running(),
                    Observed.Status.PROGRESSING, "starting", o.outputs(), o.protect(), o.dependsOn(), o.instances());
        }
        return o;
    }

    private Observed observed(Desired d) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (String out : info.outputs().keySet()) {
            outputs.put(out, "mem://" + d.stack() + "/" + d.name() + "/" + out);
        }
        return new Observed(d.stack(), d.name(), d.type(), d.specHash(), d.spec(), d.state() == DesiredState.RUNNING,
                Observed.Status.READY, "", outputs, d.protect(), d.dependsOn(), List.of());
    }

    private Map<String, Observed> store(String stack) {
        return provider.resources.computeIfAbsent(stack, k -> new ConcurrentHashMap<>());
    }
}
