package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.ChildEnvironment;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.lb.Balancer;
import io.jiti.local.lb.Balancers;
import io.jiti.local.lb.ListenerSpec;
import io.jiti.proxy.Backend;
import io.jiti.proxy.MetricsSnapshot;
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
 * A service: {@code instances} processes behind one stable port served by a {@link Balancer} (in the
 * balancer host, so the port keeps serving while the agent is down). Each tick
 * (and every process exit, at once) it reaps dead and unresponsive instances, starts replacements, scales,
 * rolls a spec change out one instance at a time (surge of one, rolled back by itself when a new instance
 * is not ready in time), and puts the healthy instances in rotation. Instances leave the rotation first,
 * are drained, then stopped (TERM, then KILL after a grace period).
 */
final class ServiceRuntime implements ParticleRuntime {
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final long STABLE_MILLIS = 10 * 60_000;
    private static final long DRAIN_MILLIS = 30_000;
    private static final long GRACE_MILLIS = 10_000;
    private static final int CRASHES_TO_ROLL_BACK = 3;
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
    private final Balancers balancers;
    private Balancer proxy;
    private int crashes;
    private long nextStartAt;
    private Autoscaler autoscaler;
    private int scaledTo;
    private final LoadSampler load = new LoadSampler();
    private volatile java.util.Set<String> inRotation = java.util.Set.of();
    private Launched buildProcess;
    private String builtHash;
    private String buildHash;
    private String builtStart;
    private volatile String buildProblem;

    ServiceRuntime(Home home, RecordStore store, HealthChecker health, Env env, Consumer<Runnable> background,
                   Balancers balancers, ParticleRecord rec) {
        this.home = home;
        this.balancers = balancers;
        this.env = env;
        this.store = store;
        this.health = health;
        this.background = background;
        this.rec = rec;
        this.events = new Events(home.logs(rec.stack(), rec.name()));
        this.logs = new LogIngester(home.logs(rec.stack(), rec.name()));
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
            openProxy(rec.lbPort(), rec);
            // adopted: what the balancer serves now stays in rotation until its health checks say otherwise
            java.util.Set<String> serving = new java.util.HashSet<>(balancers.rotations().getOrDefault(balancerId(), List.of()));
            instances.stream().filter(i -> serving.contains(i.id())).forEach(ServiceInstance::adoptReady);
            inRotation = java.util.Set.copyOf(serving);
        }
        configureAutoscaling();
    }

    private String balancerId() {
        return rec.stack() + "/" + rec.name();
    }

    private void configureAutoscaling() {
        autoscaler = Autoscaler.of(rec.spec());
        if (autoscaler != null && scaledTo == 0) {
            scaledTo = Math.max(autoscaler.min(), Math.max(1, (int) instances.stream()
                    .filter(i -> i.specHash().equals(rec.specHash())).count()));
        }
        if (autoscaler == null) {
            scaledTo = 0;
        }
    }

    @Override
    public synchronized void apply(ParticleRecord desired) {
        ParticleRecord next = desired.withLbPort(rec.lbPort()).withInstances(rec.instances());
        // 0 when new: the balancer host binds a port itself; again when known: its HTTPS may have changed
        openProxy(next.lbPort(), desired);
        next = next.withLbPort(proxy.port());
        boolean newSpec = !desired.specHash().equals(rec.specHash());
        boolean rolling = newSpec && instances.stream().anyMatch(ServiceInstance::ready);
        next = next.withRollout(rolling ? new ParticleRecord.Rollout(rec.spec(), rec.specHash(),
                System.currentTimeMillis(), null, null) : null);
        if (rolling) {
            events.add("deploying " + desired.specHash() + " over " + rec.specHash() + ", one instance at a time");
        }
        rec = store.save(next);
        crashes = 0;
        nextStartAt = 0;
        if (buildProblem != null) {
            builtHash = null;
            buildProblem = null;
        }
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
        all.parallelStream().forEach(i -> drainAndStop(lb, i));
        if (lb != null) {
            lb.close();
        }
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
        sample(now);
        int desired = desiredCount();
        List<ServiceInstance> current = instances.stream().filter(i -> i.specHash().equals(rec.specHash())).toList();
        List<ServiceInstance> old = instances.stream().filter(i -> !i.specHash().equals(rec.specHash())).toList();
        if (rec.running() && (!built() || command() == null)) {
            logs.ingestAll();
            rotate();
            return;
        }
        if (!rec.running()) {
            changed |= retire(new ArrayList<>(instances));
        } else if (!old.isEmpty()) {
            changed |= roll(current, old, desired, now);
        } else if (current.size() < desired && now >= nextStartAt) {
            for (int n = current.size(); n < desired; n++) {
                launch();
            }
            changed = true;
        } else if (current.size() > desired) {
            changed |= retire(new ArrayList<>(current.subList(desired, current.size())));
            events.add("scaled in to " + desired);
        }
        if (crashes > 0 && instances.stream().anyMatch(i -> i.ready() && now - i.readySince() > STABLE_MILLIS)) {
            crashes = 0;
        }
        for (ServiceInstance i : instances) {
            health.check(i, rec.text("health", null), () -> background.accept(this::tick));
        }
        logs.ingestAll();
        rotate();
        if (changed) {
            persist();
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

    /** One step of a rolling deploy: surge of one new instance, one old retired per new one ready. */
    private boolean roll(List<ServiceInstance> current, List<ServiceInstance> old, int desired, long now) {
        ParticleRecord.Rollout rollout = rec.rollout();
        long readyTimeout = readyTimeoutMillis();
        boolean late = current.stream().anyMatch(i -> !i.ready() && now - i.startedAt() > readyTimeout);
        if (rollout != null && rollout.failure() == null && (late || crashes >= CRASHES_TO_ROLL_BACK)) {
            String why = "deploy of " + rec.specHash() + " rolled back: "
                    + (late ? "a new instance was not ready within " + readyTimeout / 1000 + "s"
                    : "new instances crashed " + crashes + " times before becoming ready");
            events.add(why);
            rec = rec.rolledBack(why);
            crashes = 0;
            nextStartAt = 0;
            retire(new ArrayList<>(current));
            return true;
        }
        boolean changed = false;
        long ready = current.stream().filter(ServiceInstance::ready).count();
        boolean starting = current.stream().anyMatch(i -> !i.ready());
        if (!starting && current.size() < desired && current.size() + old.size() <= desired && now >= nextStartAt) {
            launch();
            changed = true;
        }
        long excess = ready + old.size() - desired;
        if (excess > 0) {
            changed |= retire(new ArrayList<>(old.subList(0, (int) Math.min(excess, old.size()))));
        }
        if (old.isEmpty() && rollout != null && rollout.failure() == null) {
            rec = rec.withRollout(null);
            events.add("deployed " + rec.specHash());
        }
        return changed;
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
                crashes++;
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(crashes - 1, 16));
                nextStartAt = System.currentTimeMillis() + backoff;
                events.add("instance " + i.id() + " exited" + code + " before it was ready; retrying in "
                        + backoff / 1000 + "s (see: jiti logs " + rec.name() + ")");
            }
        }
        return changed;
    }

    private void launch() {
        String id = rec.name() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        int port = Ports.free();
        Launched l;
        try {
            Map<String, String> vars = new LinkedHashMap<>(env.of(rec));
            vars.put("PORT", String.valueOf(port));
            vars.put("JITI_INSTANCE", id);
            l = Launcher.start(ShellCommand.argv(command()), Path.of(rec.workdir()), vars, logs.rawFile(id));
        } catch (JitiException e) {
            crashes++;
            nextStartAt = System.currentTimeMillis() + Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(crashes - 1, 16));
            events.add(e.getMessage());
            return;
        }
        instances.add(new ServiceInstance(id, l, port, rec.specHash(), System.currentTimeMillis()));
        watchExit(l.pid());
    }

    /** The command instances run: the spec's, else what the build found. */
    private String command() {
        String explicit = rec.text("command", null);
        return explicit != null ? explicit : builtStart;
    }

    /**
     * Whether the spec's {@code build} (if any) is built: starts the build once per spec hash, and on
     * success finds the start command. A failed build shows as the particle's failure.
     */
    private boolean built() {
        if (rec.text("build", null) == null || rec.specHash().equals(builtHash)) {
            return true;
        }
        Path dir = Path.of(rec.workdir());
        if (buildProcess == null) {
            Optional<String> cmd = Builds.buildCommand(dir);
            if (cmd.isEmpty()) {
                buildProblem = "build: no pom.xml, mvnw, gradlew, package.json, requirements.txt, pyproject.toml or "
                        + "Gemfile in " + dir;
                return false;
            }
            buildProblem = null;
            events.add("building " + rec.specHash() + ": " + cmd.get());
            // a build sees the build tools' settings and no runtime config (12-factor: build, release, run)
            buildProcess = Launcher.start(ShellCommand.argv(cmd.get()), dir, ChildEnvironment.forBuild(System.getenv()),
                    Map.of("JITI_STACK", rec.stack(), "JITI_PARTICLE", rec.name()), logs.rawFile("build"));
            buildHash = rec.specHash();
            watchExit(buildProcess.pid());
            return false;
        }
        if (!buildHash.equals(rec.specHash())) {
            Launcher.stopGroup(buildProcess.pid(), 1000);
            buildProcess = null;
            return false;
        }
        if (buildProcess.alive()) {
            return false;
        }
        int code = buildProcess.exitCode().orElse(-1);
        buildProcess = null;
        logs.finish("build");
        if (code != 0) {
            buildProblem = "build failed with exit code " + code + " (see: jiti logs " + rec.name() + ")";
            events.add(buildProblem);
            builtHash = rec.specHash();
            builtStart = null;
            return true;
        }
        try {
            builtStart = rec.text("command", null) != null ? null : Builds.startCommand(dir).orElse(null);
        } catch (IOException e) {
            builtStart = null;
        }
        builtHash = rec.specHash();
        if (rec.text("command", null) == null && builtStart == null) {
            buildProblem = "built, but found no way to start it: add a Procfile with a 'web:' line, or set 'command'";
            events.add(buildProblem);
        } else {
            events.add("built " + rec.specHash() + "; starting with: " + command());
        }
        return true;
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
            stopLater(i, () -> drainAndStop(lb, i));
        }
        return true;
    }

    private static void drainAndStop(Balancer lb, ServiceInstance i) {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        long wait = 5;
        while (lb != null && lb.outstanding(i.id()) > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            wait = Math.min(wait * 2, 100);
        }
        Launcher.stopGroup(i.process().pid(), GRACE_MILLIS);
    }

    /** Puts the healthy instances in the load balancer's rotation; status reports exactly these as healthy. */
    private void rotate() {
        List<ServiceInstance> healthy = instances.stream().filter(ServiceInstance::healthy).toList();
        if (proxy != null) {
            proxy.backends(healthy.stream().map(i -> new Backend(i.id(), i.port())).toList());
        }
        java.util.Set<String> before = inRotation;
        inRotation = healthy.stream().map(ServiceInstance::id).collect(java.util.stream.Collectors.toSet());
        long now = System.currentTimeMillis();
        for (ServiceInstance i : healthy) {
            if (!before.contains(i.id()) && !i.announced()) {
                events.add("instance " + i.id() + " in rotation " + (now - i.startedAt()) + " ms after launch");
            }
        }
    }

    private long readyTimeoutMillis() {
        Object n = rec.spec().get("readyTimeout");
        return (n instanceof Number num ? num.longValue() : 60) * 1000;
    }

    private int desiredCount() {
        if (autoscaler != null) {
            return scaledTo;
        }
        Object n = rec.spec().get("instances");
        return n instanceof Number num ? num.intValue() : 1;
    }

    /** Once a second: the load figures, and with autoscaling, the count they call for. */
    private void sample(long now) {
        if (!load.due(now)) {
            return;
        }
        List<Long> pids = instances.stream().filter(ServiceInstance::ready).map(i -> i.process().pid()).toList();
        LoadSampler.Sample s = load.take(now, proxy.metrics(), pids);
        if (autoscaler == null || !rec.running() || rec.rollout() != null) {
            return;
        }
        double total = switch (autoscaler.metric()) {
            case INFLIGHT -> s.inFlight();
            case RPS -> s.requestsPerSecond();
            case CPU -> s.cpuPercent();
        };
        int before = scaledTo;
        scaledTo = autoscaler.decide(now, before, total);
        if (scaledTo != before) {
            events.add("autoscale: " + before + " -> " + scaledTo + " instances (" + autoscaler.metric().name()
                    .toLowerCase(java.util.Locale.ROOT) + " " + String.format(java.util.Locale.ROOT, "%.1f", total)
                    + " over " + before + ")");
        }
    }

    /** Its balancer as {@code r} wants it: on {@code port}, over HTTPS with the home's certificate when {@code tls}. */
    private void openProxy(int port, ParticleRecord r) {
        ListenerSpec spec = ListenerSpec.of(balancerId(), port);
        if (tls(r)) {
            spec = spec.withTls(io.jiti.local.tls.LocalCa.of(home).server());
        }
        try {
            proxy = balancers.listen(spec);
        } catch (JitiException e) {
            throw new JitiException("cannot listen on 127.0.0.1:" + port + " for service " + rec.name() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Observed observe() {
        ParticleRecord r = rec;
        int desired = desiredCount();
        java.util.Set<String> serving = inRotation;
        long healthy = instances.stream().filter(i -> i.specHash().equals(r.specHash()) && serving.contains(i.id()))
                .count();
        boolean old = instances.stream().anyMatch(i -> !i.specHash().equals(r.specHash()));
        Observed.Status status;
        String message;
        String event = events.last();
        if (buildProblem != null) {
            status = Observed.Status.FAILED;
            message = buildProblem;
        } else if (r.rollout() != null && r.rollout().failure() != null) {
            status = Observed.Status.FAILED;
            message = r.rollout().failure();
        } else if (r.running() && buildProcess != null) {
            status = Observed.Status.PROGRESSING;
            message = "building";
        } else if (r.running()) {
            boolean ready = healthy == desired && instances.size() == desired && !old;
            status = ready ? Observed.Status.READY : Observed.Status.PROGRESSING;
            message = ready ? "" : healthy + "/" + desired + " instances healthy" + (event.isEmpty() ? "" : "; " + event);
        } else {
            status = instances.isEmpty() ? Observed.Status.READY : Observed.Status.PROGRESSING;
            message = instances.isEmpty() ? "stopped" : "stopping";
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("url", (tls(r) ? "https" : "http") + "://127.0.0.1:" + r.lbPort());
        outputs.put("port", r.lbPort());
        List<Instance> live = instances.stream()
                .map(i -> new Instance(i.id(), i.process().pid(), i.port(), serving.contains(i.id()))).toList();
        Map<String, Object> metrics = new LinkedHashMap<>(load.summary());
        metrics.put("instances", instances.size());
        return new Observed(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), r.running(), status, message,
                outputs, r.protect(), r.dependsOn(), live, events.all(), metrics);
    }

    private static boolean tls(ParticleRecord r) {
        return Boolean.TRUE.equals(r.spec().get("tls"));
    }

    /** Serves with the home's current certificate (after {@code jiti ca rotate}). */
    synchronized void renewCertificate() {
        if (tls(rec) && proxy != null) {
            openProxy(rec.lbPort(), rec);
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

    /** Lets go of the load balancer, which goes on serving, and of the instances: for an agent that stops. */
    synchronized void detach() {
        proxy = null;
    }
}
