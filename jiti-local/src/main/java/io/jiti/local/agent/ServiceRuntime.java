package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.lb.Balancer;
import io.jiti.local.lb.Balancers;
import io.jiti.proxy.Backend;
import io.jiti.proxy.MetricsSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A service: {@code instances} processes behind one stable port served by a {@link Balancer} (in the
 * balancer host, so the port keeps serving while the agent is down). Each tick
 * (and every process exit, at once) it reaps dead and unresponsive instances, starts replacements, scales,
 * rolls a spec change out one instance at a time (surge of one, rolled back by itself when a new instance
 * is not ready in time: {@link RollingDeploy}), and puts the healthy instances in rotation. Instances leave the rotation first,
 * are drained, then stopped (TERM, then KILL after a grace period).
 */
final class ServiceRuntime implements ParticleRuntime {
    private static final long DRAIN_MILLIS = 30_000;
    private static final long GRACE_MILLIS = 10_000;
    private final Home home;
    private final RecordStore store;
    private final HealthChecker health;
    private final Env env;
    private final Consumer<Runnable> background;
    private final Events events;
    private final LogIngester logs;
    private final List<ServiceInstance> instances = new ArrayList<>();
    /** Out of rotation and being stopped in the background; kept in the record until they are gone. */
    private final List<ServiceInstance> stopping = new ArrayList<>();
    private volatile ParticleRecord rec;
    private final ServiceFront front;
    private Balancer proxy;
    private final CrashBackoff backoff = new CrashBackoff();
    private volatile Set<String> inRotation = java.util.Set.of();
    private final ServiceStages stages;
    private final ServiceScaling scaling;
    private final InstancePorts ports = new InstancePorts();
    /** This service as a rolling deploy sees it. */
    private final RollingDeploy.Service deploy = new RollingDeploy.Service(() -> rec, r -> rec = r, this::launch,
            this::retire);

    ServiceRuntime(Home home, RecordStore store, HealthChecker health, Env env, Consumer<Runnable> background,
                   Balancers balancers, ParticleRecord rec) {
        this.home = home;
        this.front = new ServiceFront(home, balancers, rec);
        this.env = env;
        this.store = store;
        this.health = health;
        this.background = background;
        this.rec = rec;
        this.events = new Events(home.logs(rec.stack(), rec.name()));
        this.logs = new LogIngester(home.logs(rec.stack(), rec.name()));
        this.stages = new ServiceStages(new ServiceBuild(logs, new Releases(home.releases(rec.stack(), rec.name())), events,
                this::watchExit), new ReleasePhase(logs, events, this::watchExit), env, events);
        this.scaling = new ServiceScaling(events);

        for (InstanceRecord i : rec.instances()) {
            Launched l = Launched.of(i);
            ServiceInstance si = new ServiceInstance(i.id(), l, i.port(), i.specHash(), System.currentTimeMillis());
            if (l.alive() && i.stopping()) {
                stopLater(si, () -> Launcher.stopGroup(i.pid(), GRACE_MILLIS));
            } else if (l.alive()) {
                instances.add(si);
                watchExit(i.pid());
            } else if (Launcher.groupAlive(i.pid())) {
                Launcher.signalGroup(i.pid(), "KILL");
            }
        }
        if (rec.lbPort() != 0) {
            proxy = front.open(rec.lbPort(), rec);
            // adopted: what the balancer serves now stays in rotation until its health checks say otherwise
            Set<String> serving = front.serving();
            instances.stream().filter(i -> serving.contains(i.id())).forEach(ServiceInstance::adoptReady);
            inRotation = serving;
        }
        configureAutoscaling();
    }

    private void configureAutoscaling() {
        scaling.configure(rec, instances.stream().filter(i -> i.specHash().equals(rec.specHash())).count());
    }

    @Override
    public synchronized void apply(ParticleRecord desired) {
        ParticleRecord next = desired.withLbPort(rec.lbPort()).withInstances(rec.instances());
        // 0 when new: the balancer host binds a port itself; again when known: its HTTPS may have changed
        proxy = front.open(next.lbPort(), desired);
        next = next.withLbPort(proxy.port());
        boolean newSpec = !desired.specHash().equals(rec.specHash());
        boolean rolling = newSpec && instances.stream().anyMatch(ServiceInstance::ready);
        next = next.withRollout(rolling ? new ParticleRecord.Rollout(rec.spec(), rec.specHash(),
                System.currentTimeMillis(), null, null) : null);
        if (rolling) {
            events.add("deploying " + desired.specHash() + " over " + rec.specHash() + ", one instance at a time");
        }
        rec = store.save(next);
        backoff.reset();
        stages.retryIfFailed();
        configureAutoscaling();
        tick();
    }

    /**
     * Replaces every instance with a new one, one at a time as in a rolling deploy (a new instance must be
     * ready before an old one leaves), with the same spec: its environment is resolved again, for a
     * rotated secret.
     */
    synchronized void restart(String why) {
        instances.forEach(ServiceInstance::outdate);
        events.add(why + "; replacing " + instances.size() + " instance(s), one at a time");
        persist();
        tick();
    }

    @Override
    public synchronized void setRunning(boolean running) {
        rec = store.save(rec.withRunning(running));
        events.add(running ? "starting" : "stopping");
        tick();
    }

    @Override
    public void delete() {
        List<ServiceInstance> all;
        Balancer lb;
        synchronized (this) {
            rec = rec.withRunning(false);
            all = new ArrayList<>(instances);
            all.addAll(stopping);
            instances.clear();
            lb = proxy;
            proxy = null;
            if (lb != null) {
                lb.backends(List.of());
            }
        }
        all.parallelStream().forEach(i -> i.drainAndStop(lb, DRAIN_MILLIS, GRACE_MILLIS));
        if (lb != null) {
            lb.close();
        }
        store.delete(rec.stack(), rec.name());
        try {
            DurableFiles.deleteTree(home.logs(rec.stack(), rec.name()));
            DurableFiles.deleteTree(home.releases(rec.stack(), rec.name()));
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
        scaling.sample(now, rec, () -> proxy.metrics(),
                instances.stream().filter(ServiceInstance::ready).map(i -> i.process().pid()).toList());
        int desired = scaling.desired(rec);
        List<ServiceInstance> current = instances.stream().filter(i -> i.specHash().equals(rec.specHash())).toList();
        List<ServiceInstance> old = instances.stream().filter(i -> !i.specHash().equals(rec.specHash())).toList();
        if (rec.running() && !stages.ready(rec)) {
            logs.ingestAll();
            rotate();
            return;
        }
        if (!rec.running()) {
            changed |= retire(new ArrayList<>(instances));
        } else if (!old.isEmpty()) {
            changed |= RollingDeploy.step(deploy, current, old, desired, now, backoff, events);
        } else if (current.size() < desired && backoff.mayStart(now)) {
            // while none is ready, one starts alone (an app's first start on an empty database, say)
            boolean alone = current.stream().noneMatch(ServiceInstance::ready) && !Boolean.TRUE.equals(rec.spec().get("parallelStart"));
            for (int n = current.size(); n < (alone ? Math.min(1, desired) : desired); n++) {
                launch();
                changed = true;
            }
        } else if (current.size() > desired) {
            changed |= retire(new ArrayList<>(current.subList(desired, current.size())));
            events.add("scaled in to " + desired);
        }
        instances.stream().filter(ServiceInstance::ready).forEach(i -> backoff.stable(now, i.readySince()));
        for (ServiceInstance i : instances) {
            health.check(i, rec.text("health", null), () -> background.accept(this::tick));
        }
        ports.update(instances.stream().filter(i -> i.specHash().equals(rec.specHash())).toList(), now);
        logs.ingestAll();
        rotate();
        if (changed) {
            persist();
            List<ServiceInstance> all = new ArrayList<>(instances);
            all.addAll(stopping);
            stages.prune(all);
        }
    }

    /** Saves the record with the instances it runs and the ones it is still stopping. */
    private synchronized void persist() {
        List<InstanceRecord> all = new ArrayList<>();
        instances.forEach(i -> all.add(i.toRecord(false)));
        stopping.forEach(i -> all.add(i.toRecord(true)));
        rec = store.save(rec.withInstances(all));
    }

    /**
     * Stops an instance that left {@link #instances} in the background, keeping it in the record as
     * stopping until it is gone, so that an agent killed meanwhile finishes the job when it restarts.
     */
    private void stopLater(ServiceInstance i, Runnable stop) {
        synchronized (this) {
            stopping.add(i);
        }
        background.accept(() -> {
            try {
                stop.run();
                logs.finish(i.id());
            } finally {
                synchronized (this) {
                    stopping.remove(i);
                    if (proxy != null) {
                        persist();
                    }
                }
            }
        });
    }

    private boolean reap() {
        boolean changed = false;
        for (ServiceInstance i : new ArrayList<>(instances)) {
            if (i.process().alive() && !i.unresponsive()) {
                continue;
            }
            instances.remove(i);
            changed = true;
            long pid = i.process().pid();
            if (i.unresponsive()) {
                events.add("instance " + i.id() + " stopped answering its health check; replacing it");
                stopLater(i, () -> Launcher.stopGroup(pid, 1000));
                continue;
            }
            stopLater(i, () -> Launcher.signalGroup(pid, "KILL"));
            String code = i.process().exitCode().map(c -> " with code " + c).orElse("");
            if (i.ready()) {
                events.add("instance " + i.id() + " exited" + code + "; replacing it");
            } else {
                long wait = backoff.crashed();
                events.add("instance " + i.id() + " exited" + code + " before it was ready; retrying in "
                        + wait / 1000 + "s (see: jiti logs " + rec.name() + ")");
            }
        }
        return changed;
    }

    private void launch() {
        String id = rec.name() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        int port = Ports.free();
        Launched l;
        try {
            Map<String, String> vars = new LinkedHashMap<>(InstancePorts.conventions(port));
            vars.putAll(env.of(rec)); // what the stack says wins over the conventions
            vars.put("PORT", String.valueOf(port));
            vars.put("JITI_INSTANCE", id);
            l = Launcher.start(ShellCommand.argv(stages.command(rec)), stages.workdir(rec), vars, logs.rawFile(id));
        } catch (JitiException e) {
            backoff.crashed();
            events.add(e.getMessage());
            return;
        }
        instances.add(new ServiceInstance(id, l, port, rec.specHash(), System.currentTimeMillis()));
        watchExit(l.pid());
    }

    /** Ticks as soon as the process ends, rather than at the next scheduled tick. */
    private void watchExit(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().thenRun(() -> background.accept(this::tick)));
    }

    /** Takes instances out of rotation now; drains and stops them in the background. */
    private boolean retire(List<ServiceInstance> leaving) {
        if (leaving.isEmpty()) {
            return false;
        }
        instances.removeAll(leaving);
        rotate();
        Balancer lb = proxy;
        for (ServiceInstance i : leaving) {
            stopLater(i, () -> i.drainAndStop(lb, DRAIN_MILLIS, GRACE_MILLIS));
        }
        return true;
    }

    /** Puts the healthy instances in the load balancer's rotation; status reports exactly these as healthy. */
    private void rotate() {
        List<ServiceInstance> healthy = instances.stream().filter(ServiceInstance::healthy).toList();
        if (proxy != null) {
            proxy.backends(healthy.stream().map(i -> new Backend(i.id(), i.port())).toList());
        }
        Set<String> before = inRotation;
        inRotation = healthy.stream().map(ServiceInstance::id).collect(Collectors.toSet());
        long now = System.currentTimeMillis();
        for (ServiceInstance i : healthy) {
            if (!before.contains(i.id()) && !i.announced()) {
                events.add("instance " + i.id() + " in rotation " + (now - i.startedAt()) + " ms after launch");
            }
        }
    }

    @Override
    public synchronized Live observe() {
        ParticleRecord r = rec;
        int desired = scaling.desired(r);
        Set<String> serving = inRotation;
        long healthy = instances.stream().filter(i -> i.specHash().equals(r.specHash()) && serving.contains(i.id()))
                .count();
        boolean old = instances.stream().anyMatch(i -> !i.specHash().equals(r.specHash()));
        ServiceStatus st = ServiceStatus.of(r, stages.build(), stages.release(), desired, healthy, instances.size(), old,
                events.last(), ports.problem(), ports.warning());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("url", r.url());
        outputs.put("port", r.lbPort());
        List<LiveInstance> live = instances.stream()
                .map(i -> new LiveInstance(i.id(), i.process().pid(), i.port(), serving.contains(i.id()))).toList();
        Map<String, Object> metrics = new LinkedHashMap<>(scaling.summary());
        metrics.put("instances", instances.size());
        return new Live(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), r.running(), st.status(), st.message(),
                outputs, r.protect(), r.dependsOn(), live, events.all(), metrics);
    }

    @Override
    public synchronized void renewCertificate() {
        if (rec.tls() && proxy != null) {
            proxy = front.open(rec.lbPort(), rec);
        }
    }

    @Override
    public ParticleRecord record() {
        return rec;
    }

    /** The load balancer's counters, for the agent's Prometheus endpoint; null when it is not running. */
    synchronized MetricsSnapshot proxyMetrics() {
        return proxy == null ? null : proxy.metrics();
    }

    /** The instances it runs now. */
    synchronized int instanceCount() {
        return instances.size();
    }

    @Override
    public void stopProcesses() {
        List<ServiceInstance> all;
        synchronized (this) {
            all = new ArrayList<>(instances);
            all.addAll(stopping);
            instances.clear();
            if (proxy != null) {
                proxy.close();
                proxy = null;
            }
            persist();
        }
        all.parallelStream().forEach(i -> Launcher.stopGroup(i.process().pid(), GRACE_MILLIS));
    }

    /** Lets go of the load balancer, which goes on serving, and of the instances: for an agent that stops. */
    synchronized void detach() {
        proxy = null;
    }
}
