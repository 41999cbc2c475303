package io.jiti.local.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jiti.local.Home;
import io.jiti.local.ParticleRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The agent's control API, HTTP on the Unix domain socket {@code JITI_HOME/agent/agent.sock}: only this user
 * can reach it (the socket lives in the home's private {@code agent} directory, and the CLI checks the
 * peer's uid), so no token travels and no other process can pose as the agent, whatever an old
 * {@code agent.json} says.
 * <ul>
 * <li>{@code GET /v1/health}</li>
 * <li>{@code GET /v1/stacks/S/particles[?type=T]}, {@code GET|PUT|DELETE /v1/stacks/S/particles/N}</li>
 * <li>{@code POST /v1/stacks/S/particles/N/start|stop|rotate}, {@code GET /v1/stacks/S/particles/N/logs[?follow=true]}</li>
 * <li>{@code GET /v1/ca}: the home's CA certificate; {@code POST /v1/ca/rotate}: a new one</li>
 * <li>{@code GET /v1/stacks/S/particles/N/environment}: the variables of a one-off process beside N ({@code jiti run})</li>
 * <li>{@code POST /v1/shutdown}: the agent exits, leaving instances running ({@code ?all=true}: stopping them)</li>
 * <li>{@code POST /v1/commands}: runs {@code validate} or {@code status} for a CLI of this build ({@link HostedCommands})</li>
 * <li>{@code GET /metrics}: every service's load-balancer metrics in the Prometheus text format</li>
 * </ul>
 * For Prometheus, {@code /metrics} (and {@code /v1/health}) are also served on a loopback TCP port with the
 * token of {@code agent/token} as a bearer credential; nothing else is. Bounded: at most
 * {@link #MAX_THREADS} requests at once, requests read without holding a thread, idle connections closed
 * after {@link #IDLE}.
 */
final class ControlApi implements AutoCloseable {
    static final int MAX_THREADS = 40;
    static final Duration IDLE = Duration.ofSeconds(30);
    private final Server server;
    private final ServerConnector metrics;
    private final Agent agent;
    private final byte[] token;
    private final Runnable shutdown;
    private final HostedCommands commands;
    private volatile long lastRequest = System.nanoTime();
    /** Open once the agent has adopted what runs: a request never sees half of it. */
    private final java.util.concurrent.CountDownLatch adopted = new java.util.concurrent.CountDownLatch(1);

    /** The API of {@code agent}; it runs commands for CLIs of {@code build} ({@link HostedCommands}; null: for none). */
    ControlApi(Agent agent, Home home, String token, String build, Runnable shutdown) throws IOException {
        this.agent = agent;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.shutdown = shutdown;
        this.commands = new HostedCommands(home, build);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS + 6, 2);
        threads.setName("agent-api");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setRequestHeaderSize(8192);
        Files.deleteIfExists(home.agentSocket()); // left by an agent that died; this one holds the agent lock
        UnixDomainServerConnector socket = new UnixDomainServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        socket.setUnixDomainPath(home.agentSocket());
        socket.setIdleTimeout(IDLE.toMillis());
        metrics = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        metrics.setHost("127.0.0.1");
        metrics.setPort(0);
        metrics.setIdleTimeout(IDLE.toMillis());
        server.addConnector(socket);
        server.addConnector(metrics);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                ControlApi.this.handle(request.getConnectionMetaData().getConnector(), new ApiExchange(request,
                        response, callback));
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("cannot serve the control API on " + home.agentSocket() + ": " + e.getMessage(), e);
        }
    }

    /** The agent has adopted everything its records hold: requests may be answered. */
    void open() {
        adopted.countDown();
    }

    /** How long ago the API last received a request (or started). */
    java.time.Duration sinceLastRequest() {
        return java.time.Duration.ofNanos(System.nanoTime() - lastRequest);
    }

    /** The loopback port serving {@code /metrics}. */
    int metricsPort() {
        return metrics.getLocalPort();
    }

    private void handle(Connector via, ApiExchange ex) {
        lastRequest = System.nanoTime();
        try {
            if (!adopted.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                ex.json(503, Map.of("error", "the agent is still starting"));
                return;
            }
            if (via == metrics) {
                String auth = ex.header("Authorization");
                boolean metricsRoute = ex.path().length >= 1 && (ex.path()[0].equals("metrics")
                        || ex.path().length == 2 && ex.path()[1].equals("health"));
                if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), token)) {
                    ex.json(401, Map.of("error", "missing or wrong token"));
                    return;
                }
                if (!metricsRoute) {
                    ex.json(404, Map.of("error", "only /metrics and /v1/health are served here; the API is on "
                            + "the agent's socket"));
                    return;
                }
            }
            route(ex);
        } catch (Agent.AgentException e) {
            answer(ex, e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            answer(ex, 500, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(ex, 503, "the agent is stopping");
        }
    }

    private static void answer(ApiExchange ex, int status, String message) {
        if (ex.committed()) {
            ex.failed(new IOException(message));
            return;
        }
        try {
            ex.json(status, Map.of("error", message));
        } catch (IOException e) {
            ex.failed(e);
        }
    }

    private void route(ApiExchange ex) throws IOException {
        String method = ex.method();
        String[] p = ex.path();
        if (p.length >= 3 && p[1].equals("stacks")) {
            Names.requireStack(p[2]);
        }
        if (p.length >= 5 && p[1].equals("stacks")) {
            Names.requireParticle(p[4]);
        }
        if (p.length == 1 && p[0].equals("metrics")) {
            ex.bytes(200, "text/plain; version=0.0.4; charset=utf-8", (agent.prometheus() + commands.prometheus()).getBytes(StandardCharsets.UTF_8));
        } else if (p.length == 2 && p[1].equals("health")) {
            ex.json(200, Map.of("pid", ProcessHandle.current().pid()));
        } else if (p.length == 2 && p[1].equals("ca") && method.equals("GET")) {
            ex.json(200, agent.ca());
        } else if (p.length == 3 && p[1].equals("ca") && p[2].equals("rotate") && method.equals("POST")) {
            ex.json(200, agent.rotateCa());
        } else if (p.length == 2 && p[1].equals("commands") && method.equals("POST")) {
            commands.answer(ex);
        } else if (p.length == 2 && p[1].equals("shutdown") && method.equals("POST")) {
            if ("true".equals(ex.query("all"))) {
                agent.stopEverythingOnClose();
            }
            ex.json(200, Map.of("stopping", true));
            shutdown.run();
        } else if (p.length == 4 && p[1].equals("stacks") && p[3].equals("particles")) {
            ex.json(200, agent.list(p[2], Optional.ofNullable(ex.query("type"))));
        } else if (p.length == 5 && p[1].equals("stacks")) {
            particle(ex, method, p[2], p[4]);
        } else if (p.length == 6 && p[1].equals("stacks") && method.equals("POST")
                && (p[5].equals("start") || p[5].equals("stop"))) {
            agent.setRunning(p[2], p[4], p[5].equals("start"));
            ex.json(200, agent.read(p[2], p[4]).orElseThrow());
        } else if (p.length == 6 && p[1].equals("stacks") && p[5].equals("rotate") && method.equals("POST")) {
            Map<String, Map<String, String>> body = ex.body(new TypeReference<Map<String, Map<String, String>>>() { });
            String supplied = body.getOrDefault("supplied", Map.of()).get(SecretRuntime.KEY);
            ex.json(200, Map.of("restarting", agent.rotate(p[2], p[4], supplied)));
        } else if (p.length == 6 && p[1].equals("stacks") && p[5].equals("environment") && method.equals("GET")) {
            ex.json(200, agent.oneOffEnvironment(p[2], p[4]));
        } else if (p.length == 6 && p[1].equals("stacks") && p[5].equals("logs")) {
            logs(ex, p[2], p[4], "true".equals(ex.query("follow")), ex.query("which") == null ? "all" : ex.query("which"));
        } else {
            ex.json(404, Map.of("error", "no route " + method + " /" + String.join("/", p)));
        }
    }

    private void particle(ApiExchange ex, String method, String stack, String name) throws IOException {
        switch (method) {
            case "GET" -> {
                Optional<?> found = agent.read(stack, name);
                if (found.isPresent()) {
                    ex.json(200, found.get());
                } else {
                    ex.json(404, Map.of("error", "no particle " + name + " in stack " + stack));
                }
            }
            case "PUT" -> ex.json(200, agent.put(stack, name, ex.body(new TypeReference<ParticleRequest>() { })));
            case "DELETE" -> {
                agent.delete(stack, name);
                ex.json(200, Map.of("deleted", name));
            }
            default -> ex.json(405, Map.of("error", "method " + method + " not allowed"));
        }
    }

    private void logs(ApiExchange ex, String stack, String name, boolean follow, String which) throws IOException {
        java.util.function.Predicate<String> include = switch (which) {
            case "all" -> id -> true;
            case "build" -> id -> id.equals("build");
            case "current" -> current(stack, name);
            default -> throw new Agent.AgentException(400, "which: one of current, all, build; not '" + which + "'");
        };
        LogTail tail = new LogTail(agent.logs(stack, name), include);
        OutputStream out = ex.stream("text/plain; charset=utf-8");
        tail.run(follow, () -> agent.read(stack, name).isPresent(), line -> {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        });
        ex.done(out);
    }

    /**
     * The running instances' logs (and, for a particle without instances, every log but the build's): an
     * instance seen once stays in, so that a follower gets the last lines of one that dies.
     */
    private java.util.function.Predicate<String> current(String stack, String name) {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return id -> {
            if (seen.contains(id)) {
                return true;
            }
            java.util.List<LiveInstance> live = agent.read(stack, name).map(Live::instances)
                    .orElse(java.util.List.of());
            boolean in = live.isEmpty() ? !id.equals("build") : live.stream().anyMatch(i -> i.id().equals(id));
            if (in) {
                seen.add(id);
            }
            return in;
        };
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
