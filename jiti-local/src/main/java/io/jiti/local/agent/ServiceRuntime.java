package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A service: {@code instances} processes behind one stable port. Each tick reaps dead instances (killing
 * what is left of their process group), starts replacements (with backoff when they crash at once),
 * scales, finishes a spec change by retiring old instances once the new ones are healthy, and points the
 * load balancer at the healthy ones.
 */
final class ServiceRuntime implements ParticleRuntime {
    private static final long QUICK_CRASH_MILLIS = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private final Home home;
    private final RecordStore store;
    private final HealthChecker health;
    private final Consumer<Runnable> background;
    private final List<ServiceInstance> instances = new ArrayList<>();
    private volatile ParticleRecord rec;
    private TcpProxy proxy;
    private int crashes;
    private long nextStartAt;
    private volatile String event = "";

    ServiceRuntime(Home home, RecordStore store, HealthChecker health, Consumer<Runnable> background,
                   ParticleRecord rec) {
        this.home = home;
        this.store = store;
        this.health = health;
        this.background = background;
        this.rec = rec;
        for (InstanceRecord i : rec.instances()) {
            Launched l = new Launched(i.pid(), i.startedAt(), Optional.empty());
            if (l.alive()) {
                instances.add(new ServiceInstance(i.id(), l, i.port(), i.specHash(), System.currentTimeMillis()));
            } else if (Launcher.groupAlive(i.pid())) {
                Launcher.signalGroup(i.pid(), "KILL");
            }
        }
        if (rec.lbPort() != 0) {
            openProxy(rec.lbPort());
        }
    }

    @Override
    public synchronized void apply(ParticleRecord desired) {
        ParticleRecord next = desired.withLbPort(rec.lbPort()).withInstances(rec.instances());
        if (proxy == null) {
            int port = next.lbPort() != 0 ? next.lbPort() : Ports.free();
            openProxy(port);
            next = next.withLbPort(port);
        }
        crashes = 0;
        nextStartAt = 0;
        rec = next;
        store.save(rec);
        tick();
    }

    @Override
    public synchronized void setRunning(boolean running) {
        rec = rec.withRunning(running);
        store.save(rec);
        tick();
    }

    @Override
    public void delete() {
        List<ServiceInstance> all;
        synchronized (this) {
            rec = rec.withRunning(false);
            all = new ArrayList<>(instances);
            instances.clear();
            if (proxy != null) {
                proxy.close();
                proxy = null;
            }
        }
        all.parallelStream().forEach(i -> Launcher.stopGroup(i.process().pid(), 5000));
        store.delete(rec.stack(), rec.name());
        try {
            DurableFiles.deleteTree(home.logs(rec.stack(), rec.name()));
        } catch (IOException e) {
            throw new JitiException("cannot remove the logs of " + rec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void tick() {
        if (proxy == null) {
            return;
        }
        boolean changed = reap();
        long now = System.currentTimeMillis();
        int desired = desiredCount();
        List<ServiceInstance> current = instances.stream().filter(i -> i.specHash().equals(rec.specHash())).toList();
        if (!rec.running()) {
            changed |= retire(new ArrayList<>(instances));
        } else if (current.size() < desired && now >= nextStartAt) {
            for (int n = current.size(); n < desired; n++) {
                launch();
            }
            changed = true;
        } else if (current.size() > desired) {
            changed |= retire(new ArrayList<>(current.subList(desired, current.size())));
        } else if (current.size() == desired && current.stream().allMatch(ServiceInstance::healthy)) {
            changed |= retire(instances.stream().filter(i -> !i.specHash().equals(rec.specHash())).toList());
        }
        for (ServiceInstance i : instances) {
            health.check(i, rec.text("health", null));
        }
        proxy.backends(instances.stream().filter(ServiceInstance::healthy).map(ServiceInstance::port).toList());
        if (changed) {
            rec = rec.withInstances(instances.stream().map(ServiceInstance::toRecord).toList());
            store.save(rec);
        }
    }

    private boolean reap() {
        boolean changed = false;
        for (ServiceInstance i : new ArrayList<>(instances)) {
            if (i.process().alive()) {
                continue;
            }
            instances.remove(i);
            changed = true;
            long pid = i.process().pid();
            background.accept(() -> Launcher.signalGroup(pid, "KILL"));
            String code = i.process().exitCode().map(c -> " with code " + c).orElse("");
            long lived = System.currentTimeMillis() - i.startedAt();
            crashes = lived < QUICK_CRASH_MILLIS ? crashes + 1 : 0;
            long backoff = crashes == 0 ? 0 : Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(crashes - 1, 15));
            nextStartAt = System.currentTimeMillis() + backoff;
            event = "instance " + i.id() + " exited" + code + "; replacing it"
                    + (backoff > 0 ? " in " + backoff / 1000 + "s" : "");
        }
        return changed;
    }

    private void launch() {
        String id = rec.name() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>(Env.of(rec));
        env.put("PORT", String.valueOf(port));
        env.put("JITI_INSTANCE", id);
        Launched l;
        try {
            l = Launcher.start(ShellCommand.argv(rec.text("command", "false")), Path.of(rec.workdir()), env,
                    home.logs(rec.stack(), rec.name()).resolve(id + ".log"));
        } catch (JitiException e) {
            event = e.getMessage();
            crashes++;
            nextStartAt = System.currentTimeMillis() + Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(crashes - 1, 15));
            return;
        }
        instances.add(new ServiceInstance(id, l, port, rec.specHash(), System.currentTimeMillis()));
    }

    private boolean retire(List<ServiceInstance> old) {
        for (ServiceInstance i : old) {
            instances.remove(i);
            long pid = i.process().pid();
            background.accept(() -> Launcher.stopGroup(pid, 5000));
        }
        return !old.isEmpty();
    }

    private int desiredCount() {
        Object n = rec.spec().get("instances");
        return n instanceof Number num ? num.intValue() : 1;
    }

    private void openProxy(int port) {
        try {
            proxy = new TcpProxy(port, rec.name());
        } catch (IOException e) {
            throw new JitiException("cannot listen on 127.0.0.1:" + port + " for service " + rec.name() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Observed observe() {
        ParticleRecord r = rec;
        int desired = desiredCount();
        long healthy = instances.stream().filter(i -> i.specHash().equals(r.specHash()) && i.healthy()).count();
        boolean old = instances.stream().anyMatch(i -> !i.specHash().equals(r.specHash()));
        Observed.Status status;
        String message;
        if (r.running()) {
            boolean ready = healthy == desired && instances.size() == desired && !old;
            status = ready ? Observed.Status.READY : Observed.Status.PROGRESSING;
            message = ready ? "" : healthy + "/" + desired + " instances healthy" + (event.isEmpty() ? "" : "; " + event);
        } else {
            status = instances.isEmpty() ? Observed.Status.READY : Observed.Status.PROGRESSING;
            message = instances.isEmpty() ? "stopped" : "stopping";
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("url", "http://127.0.0.1:" + r.lbPort());
        outputs.put("port", r.lbPort());
        List<Instance> live = instances.stream()
                .map(i -> new Instance(i.id(), i.process().pid(), i.port(), i.healthy())).toList();
        return new Observed(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), r.running(), status, message,
                outputs, r.protect(), r.dependsOn(), live);
    }

    @Override
    public ParticleRecord record() {
        return rec;
    }

    /** Stops the load balancer but leaves the instances running, for an agent that shuts down. */
    synchronized void detach() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
