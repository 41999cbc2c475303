package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.lb.Balancer;
import io.jiti.local.lb.Balancers;
import io.jiti.local.lb.ListenerSpec;
import io.jiti.local.tls.LocalCa;
import io.jiti.proxy.Backend;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A backing service: one server process per particle, its files under
 * {@code JITI_HOME/stacks/STACK/run/NAME}, on a stable loopback port kept in the record. The server runs in a
 * session of its own (so it outlives the agent), is re-adopted by a new agent, started again if it dies,
 * and stopped with its own stop signal; stopping keeps the data, deleting removes it with the particle's
 * secrets. Subclasses say how to lay out the files, how to start the server and when it is ready.
 */
abstract sealed class ServerRuntime implements ParticleRuntime
        permits PostgresRuntime, BucketRuntime, QueueRuntime, TableRuntime {
    /** The one HTTP client for talking to the servers (probes, settings, table calls). */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    protected final Home home;
    protected final RecordStore store;
    protected final SecretStore secrets;
    protected final LogIngester logs;
    protected final Events events;
    protected volatile ParticleRecord rec;
    private Launched server;
    private int serverPort;
    private final Balancers balancers;
    private Balancer proxy;
    private volatile String readyHash;
    private volatile String problem;

    ServerRuntime(Home home, RecordStore store, SecretStore secrets, Balancers balancers, ParticleRecord rec) {
        this.home = home;
        this.balancers = balancers;
        this.store = store;
        this.secrets = secrets;
        this.rec = rec;
        this.logs = new LogIngester(home.logs(rec.stack(), rec.name()));
        this.events = new Events(home.logs(rec.stack(), rec.name()));
        rec.instances().stream().findFirst()
                .filter(i -> Launched.of(i).alive())
                .ifPresent(i -> {
                    server = Launched.of(i);
                    serverPort = i.port();
                });
    }

    /** The server's own URL behind its front, for the agent's probes (plain HTTP on loopback). */
    protected String serverEndpoint() {
        return "http://127.0.0.1:" + serverPort;
    }

    /** {@code spec} serving HTTPS with the home's certificate when the particle asks for {@code tls}. */
    protected ListenerSpec secured(ListenerSpec spec) {
        return rec.tls() ? spec.withTls(LocalCa.of(home).server()) : spec;
    }

    /** The file of the CA whose certificate the front serves with {@code tls}, for {@code AWS_CA_BUNDLE}. */
    protected String caBundle() {
        return LocalCa.certificateFile(home).toString();
    }

    /** The particle's own directory. */
    protected Path dir() {
        return home.work(rec.stack(), rec.name());
    }

    /** Makes what the server needs on disk (first time or after a spec change); runs before every start. */
    protected abstract void layOut();

    /** The server's command line, listening on loopback {@code port}. */
    protected abstract List<String> command(int port);

    /**
     * A load balancer of jiti's own in front of the server on the particle's port (the server then listens
     * on a private port), for servers whose HTTP needs it; null (the default) when clients talk to the
     * server. It runs in the balancer host, which binds the particle's port itself.
     */
    protected ListenerSpec front(String id, int port) {
        return null;
    }

    /** The port the server itself listens on (the particle's port unless it is fronted); 0 while unknown. */
    protected int serverPort() {
        return serverPort;
    }

    /**
     * The port to start the server on: the particle's, or with a front a free one; a server that binds a
     * port of its own and reports it says 0 (and later {@link #useServerPort}).
     */
    protected int initialServerPort() {
        return front(rec.lbPort()) == null ? rec.lbPort() : Ports.free();
    }

    /** {@link #front(String, int)} for this particle (its id is {@code STACK/NAME}). */
    private ListenerSpec front(int port) {
        return front(rec.stack() + "/" + rec.name(), port);
    }

    /** The port the started server reported (and proved) it listens on: recorded, and routed to. */
    protected void useServerPort(int port) {
        serverPort = port;
        rec = store.save(rec.withInstances(rec.instances().stream()
                .map(i -> new InstanceRecord(i.id(), i.pid(), i.startedAt(), port, i.specHash(), i.stopping())).toList()));
    }

    /** The server's environment (secrets included: it goes only into the process). */
    protected Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public synchronized void renewCertificate() {
        if (proxy != null && rec.tls()) {
            proxy = balancers.listen(front(rec.lbPort()));
        }
    }

    /** Sends {@code signal} to the server's process group, when it runs. */
    protected synchronized void signalServer(String signal) {
        Launched s = server;
        if (s != null && s.alive()) {
            Launcher.signalGroup(s.pid(), signal);
        }
    }

    /** The signal that stops the server cleanly. */
    protected String stopSignal() {
        return "TERM";
    }

    /** Whether a running server must restart for {@code next} (its configuration is read at start). */
    protected boolean restartFor(ParticleRecord previous, ParticleRecord next) {
        return false;
    }

    /**
     * Once the server process runs: whether it serves what the spec says yet (creating what is missing).
     * Throws {@link JitiException} for a failure worth reporting; returns false to be asked again.
     */
    protected abstract boolean ready();

    /** The outputs of the particle. */
    protected abstract Map<String, Object> outputs(ParticleRecord r);

    @Override
    public synchronized void apply(ParticleRecord desired) {
        int port = rec.lbPort() != 0 ? rec.lbPort() : frontPort();
        ParticleRecord previous = rec;
        rec = store.save(desired.withLbPort(port).withInstances(rec.instances()));
        if (proxy != null) {
            proxy = balancers.listen(front(port)); // its TLS may have changed
        }
        problem = null;
        readyHash = null;
        if (server != null && !previous.specHash().equals(rec.specHash()) && restartFor(previous, rec)) {
            events.add("restarting for the new spec");
            stopServer();
        }
        tick();
    }

    @Override
    public synchronized void setRunning(boolean running) {
        rec = store.save(rec.withRunning(running));
        events.add(running ? "starting" : "stopping (the data stays)");
        tick();
    }

    @Override
    public synchronized void tick() {
        logs.ingestAll();
        if (!rec.running()) {
            stopServer();
            return;
        }
        try {
            if (server == null || !server.alive()) {
                if (server != null) {
                    events.add("server exited; starting it again");
                }
                layOut();
                startServer();
                return;
            }
            if (serverPort == rec.lbPort() && front(rec.lbPort()) != null) {
                // adopted from a jiti that ran it without a front: restart it behind one
                events.add("restarting the server behind its load balancer");
                stopServer();
                return;
            }
            if (!rec.specHash().equals(readyHash) && ready()) {
                problem = null;
                readyHash = rec.specHash();
                routeTo(server.pid());
            }
        } catch (JitiException e) {
            if (!e.getMessage().equals(problem)) {
                events.add(e.getMessage());
            }
            problem = e.getMessage();
        }
    }

    /**
     * A new particle's port: with a front, the one the balancer host binds for it (no other process can
     * take it in between); else a free one for the server to bind.
     */
    private int frontPort() {
        ListenerSpec spec = front(0);
        if (spec == null) {
            return Ports.free();
        }
        proxy = balancers.listen(spec);
        return proxy.port();
    }

    /** With a front: the balancer listens on the particle's port and sends everything to the server. */
    private void routeTo(long pid) {
        ListenerSpec spec = front(rec.lbPort());
        if (spec == null) {
            return;
        }
        if (proxy == null) {
            proxy = balancers.listen(spec);
        }
        proxy.backends(List.of(new Backend(rec.name() + "-server-" + pid, serverPort)));
    }

    private void startServer() {
        try {
            Files.createDirectories(dir());
        } catch (IOException e) {
            throw new JitiException("cannot create " + dir() + ": " + e.getMessage(), e);
        }
        serverPort = initialServerPort();
        Launched started = Launcher.start(command(serverPort), dir(), environment(), logs.rawFile("server"));
        try {
            rec = store.save(rec.withInstances(List.of(new InstanceRecord(rec.name() + "-server", started.pid(),
                    started.startedAt(), serverPort, rec.specHash(), false))));
        } catch (JitiException e) {
            Launcher.stopGroup(started.pid(), stopSignal(), 5000); // unrecorded, it would be an orphan after a restart
            throw e;
        }
        server = started;
        readyHash = null;
    }

    private void stopServer() {
        Launched s = server;
        server = null;
        readyHash = null;
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (s != null && s.alive()) {
            Launcher.stopGroup(s.pid(), stopSignal(), 30_000);
        }
        if (!rec.instances().isEmpty()) {
            rec = store.save(rec.withInstances(List.of()));
        }
    }

    @Override
    public synchronized void stopProcesses() {
        stopServer();
    }

    @Override
    public synchronized void delete() {
        rec = rec.withRunning(false);
        stopServer();
        secrets.delete(rec.stack(), rec.name());
        store.delete(rec.stack(), rec.name());
        try {
            DurableFiles.deleteTree(dir());
            DurableFiles.deleteTree(home.logs(rec.stack(), rec.name()));
        } catch (IOException e) {
            throw new JitiException("cannot remove the data of " + rec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Live observe() {
        ParticleRecord r = rec;
        String why = problem;
        boolean ready = r.specHash().equals(readyHash);
        Live.Status status;
        String message;
        if (!r.running()) {
            status = Live.Status.READY;
            message = "stopped (data kept)";
        } else if (why != null) {
            status = Live.Status.FAILED;
            message = why;
        } else {
            status = ready ? Live.Status.READY : Live.Status.PROGRESSING;
            message = ready ? "" : "starting";
        }
        List<LiveInstance> live = r.instances().stream().map(i -> new LiveInstance(i.id(), i.pid(), i.port(), ready)).toList();
        return new Live(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), r.running(), status, message,
                outputs(r), r.protect(), r.dependsOn(), live, events.all(), Map.of());
    }

    @Override
    public ParticleRecord record() {
        return rec;
    }

    /** A secret of this particle, made once ({@code alphabet} and {@code length} as for a {@code secret}). */
    protected String ownSecret(String key, String alphabet, int length) {
        return secrets.get(rec.stack(), rec.name(), key).orElseGet(() -> {
            String v = SecretRuntime.random(alphabet, length);
            secrets.put(rec.stack(), rec.name(), key, v);
            return v;
        });
    }

    /**
     * The status code of an HTTP request to the server (a readiness probe, a setting), or -1 when it does
     * not answer.
     */
    protected static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The java of the agent, for servers that are JVM programs. */
    protected static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
