package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.Home;
import io.jiti.local.ParticleRequest;
import io.jiti.local.lb.Balancers;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The agent's state and operations, behind the control API: one {@link ParticleRuntime} per particle. */
final class Agent implements AutoCloseable {
    private static final long TICK_MILLIS = 100;
    private final Home home;
    private final RecordStore store;
    private final Map<String, ParticleRuntime> runtimes = new ConcurrentHashMap<>();
    private volatile boolean stopEverything;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("tick"));
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("work"));
    private final HealthChecker health = new HealthChecker(workers);
    private final Consumer<String> log;
    private final SecretStore secrets;
    private final Env env;
    private final Balancers balancers;
    /** The agent's own output ({@code agent/raw/agent.out}) into {@code agent/agent.log}, rotated. */
    private final LogIngester own;

    Agent(Home home, Consumer<String> log) {
        this.home = home;
        this.log = log;
        this.store = new RecordStore(home.records());
        this.secrets = new SecretStore(home);
        this.env = new Env(secrets);
        this.own = new LogIngester(home.agentDir());
        this.balancers = new Balancers(home);
    }

    /** Loads the records, re-adopting live processes, and starts supervising. */
    void start() {
        for (ParticleRecord r : store.loadAll(log)) {
            runtimes.put(key(r.stack(), r.name()), runtime(r));
            log.accept("adopted " + r.stack() + "/" + r.name() + " (" + r.type() + ", " + r.instances().size()
                    + " live process record(s))");
        }
        ticker.scheduleWithFixedDelay(this::tickAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * One round of supervision. A failure of one particle, whatever it is (an {@link OutOfMemoryError}
     * included), is logged and the others go on: the periodic task must never end.
     */
    private void tickAll() {
        for (ParticleRuntime r : runtimes.values()) {
            try {
                r.tick();
            } catch (Throwable e) {
                log.accept("supervising " + r.record().stack() + "/" + r.record().name() + " failed: " + e);
            }
        }
        try {
            own.ingestAll();
        } catch (Throwable e) {
            log.accept("collecting the agent's own output failed: " + e);
        }
    }

    List<Live> list(String stack, Optional<String> type) {
        return runtimes.values().stream()
                .filter(r -> r.record().stack().equals(stack))
                .filter(r -> type.isEmpty() || r.record().type().equals(type.get()))
                .map(ParticleRuntime::observe)
                .sorted(Comparator.comparing(Live::name))
                .toList();
    }

    Optional<Live> read(String stack, String name) {
        return Optional.ofNullable(runtimes.get(key(stack, name))).map(ParticleRuntime::observe);
    }

    /** Whether the agent holds no particle at all (nothing to supervise). */
    boolean holdsNothing() {
        return runtimes.isEmpty();
    }

    /** The environment of a one-off process beside a particle ({@link OneOffEnvironment}); 409 when it has none. */
    Map<String, String> oneOffEnvironment(String stack, String name) {
        ParticleRuntime r = find(stack, name);
        Map<String, String> vars = OneOffEnvironment.of(r.record(), r.observe(), env);
        if (vars == null) {
            throw new AgentException(409, "particles of type " + r.record().type() + " offer no environment to run "
                    + "a command with");
        }
        return vars;
    }

    /** Creates or updates; the work goes on after it returns. */
    Live put(String stack, String name, ParticleRequest req) {
        ParticleRecord desired = new ParticleRecord(stack, name, req.type(), req.spec(), req.specHash(), req.running(),
                req.protect(), req.dependsOn(), req.workdir(), 0, List.of(), null, null);
        ParticleRuntime r = runtimes.compute(key(stack, name), (k, existing) -> {
            if (existing != null && !existing.record().type().equals(req.type())) {
                throw new AgentException(409, stack + "/" + name + " exists with type " + existing.record().type());
            }
            return existing != null ? existing : runtime(desired.withRunning(req.running()));
        });
        synchronized (r) {
            if (r instanceof SecretRuntime s && req.supplied() != null) {
                s.supply(req.supplied().get(SecretRuntime.KEY));
            }
            r.apply(desired);
        }
        return r.observe();
    }

    /**
     * Gives secret {@code name} a new value ({@code supplied}, or generated) and restarts, one instance at a
     * time, every service of the stack whose spec refers to it.
     *
     * @return the services restarting
     */
    List<String> rotate(String stack, String name, String supplied) {
        if (!(find(stack, name) instanceof SecretRuntime secret)) {
            throw new AgentException(400, name + " is not a secret; only secrets rotate");
        }
        secret.rotate(supplied);
        String ref = SecretRef.of(stack, name, "");
        List<ServiceRuntime> users = runtimes.values().stream()
                .filter(r -> r instanceof ServiceRuntime && r.record().stack().equals(stack))
                .map(r -> (ServiceRuntime) r)
                .filter(r -> SecretRef.mentions(r.record().spec(), ref))
                .sorted(Comparator.comparing(r -> r.record().name()))
                .toList();
        users.forEach(r -> r.restart("secret " + name + " rotated"));
        log.accept("rotated " + stack + "/" + name + "; restarting " + users.size() + " service(s)");
        return users.stream().map(r -> r.record().name()).toList();
    }

    void setRunning(String stack, String name, boolean running) {
        find(stack, name).setRunning(running);
    }

    void delete(String stack, String name) {
        ParticleRuntime r = find(stack, name);
        r.delete();
        runtimes.remove(key(stack, name), r);
    }

    /** The home's CA certificate (PEM) and where it is. */
    Map<String, String> ca() {
        io.jiti.local.tls.LocalCa ca = io.jiti.local.tls.LocalCa.of(home);
        return Map.of("certificate", ca.certificatePem(), "file", ca.certificateFile().toString());
    }

    /** A new CA and server certificate; every HTTPS balancer serves the new one from now on. */
    Map<String, String> rotateCa() {
        io.jiti.local.tls.LocalCa.rotate(home);
        runtimes.values().forEach(ParticleRuntime::renewCertificate);
        log.accept("rotated the certificate authority of " + home.root());
        return ca();
    }

    /** Every service's load-balancer metrics, in the Prometheus text format. */
    String prometheus() {
        return PrometheusText.of(runtimes.values().stream().filter(r -> r instanceof ServiceRuntime)
                .map(r -> (ServiceRuntime) r).toList());
    }

    /** The log files of a particle. */
    Path logs(String stack, String name) {
        find(stack, name);
        return home.logs(stack, name);
    }

    private ParticleRuntime find(String stack, String name) {
        ParticleRuntime r = runtimes.get(key(stack, name));
        if (r == null) {
            throw new AgentException(404, "no particle " + name + " in stack " + stack);
        }
        return r;
    }

    private ParticleRuntime runtime(ParticleRecord r) {
        return LocalTypes.row(r.type())
                .map(row -> row.runtime().make(new LocalTypes.Context(home, store, health, env, workers::execute,
                        balancers, secrets), r))
                .orElseThrow(() -> new AgentException(400, "the local agent does not run type " + r.type()));
    }

    private static String key(String stack, String name) {
        return stack + "/" + name;
    }

    /** Makes {@link #close} stop everything the agent runs too ({@code jiti agent stop --all}). */
    void stopEverythingOnClose() {
        stopEverything = true;
    }

    /**
     * Stops supervising; instances, servers and load balancers keep running for the next agent to adopt,
     * unless {@link #stopEverythingOnClose} was called: then they are stopped, their records unchanged, and
     * the next agent starts them again.
     */
    @Override
    public void close() {
        ticker.shutdownNow();
        if (stopEverything) {
            workers.shutdownNow(); // no tick may start an instance any more
            runtimes.values().parallelStream().forEach(ParticleRuntime::stopProcesses);
        }
        for (ParticleRuntime r : runtimes.values()) {
            if (r instanceof ServiceRuntime s) {
                s.detach();
            }
        }
        workers.shutdownNow();
        balancers.close();
        store.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, "agent-" + name);
            t.setDaemon(true);
            return t;
        };
    }

    /** An error with the HTTP status the control API answers. */
    static final class AgentException extends JitiException {
        private static final long serialVersionUID = 1L;
        private final int status;

        AgentException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
