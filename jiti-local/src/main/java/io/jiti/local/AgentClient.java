package io.jiti.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.JitiException;
import io.jiti.local.agent.Live;
import io.jiti.spi.Observed;
import io.jiti.spi.ProviderException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Talks to the agent of a home over its control API on the home's Unix domain socket ({@link AgentSocket}),
 * starting the agent when none answers. Before each start and each first contact it checks that the home
 * is this user's and private ({@link PrivateFiles#secureHome}); the socket's peer must be this user too. No
 * token is sent: a process of another user cannot receive a request, and a stale {@code agent.json} is never
 * used to find the agent.
 */
public final class AgentClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private final Home home;
    private volatile boolean checked;
    private volatile boolean watched;
    private volatile boolean contacted;

    public AgentClient(Home home) {
        this.home = home;
    }

    /** The running agent's info, starting an agent (and its watchdog) if none answers. */
    public synchronized AgentInfo ensureRunning() {
        secure();
        if (!ping()) {
            AgentLauncher.ensure(home, this::ping);
        }
        AgentInfo info = readInfo().orElseThrow(() -> new JitiException("the jiti agent answers but wrote no "
                + home.agentInfo()));
        superviseOnce(info);
        return info;
    }

    /** An agent whose watchdog is gone (killed) gets a new one, which watches it: once per client. */
    private void superviseOnce(AgentInfo info) {
        if (watched) {
            return;
        }
        watched = true;
        if (info.watchdog() == 0 || ProcessHandle.of(info.watchdog()).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        try {
            AgentLauncher.launch(home);
        } catch (IOException e) {
            // the agent serves; it is only unsupervised until the next command
        }
    }

    /** The agent's info if one runs now; starts nothing. */
    public Optional<AgentInfo> running() {
        return ping() ? readInfo() : Optional.empty();
    }

    /** What the agent holds for {@code stack}: of {@code type}, or of every type when it is null. */
    public List<Observed> list(String stack, String type) {
        return call("GET", "/v1/stacks/" + enc(stack) + "/particles" + (type == null ? "" : "?type=" + enc(type)), null,
                new TypeReference<List<Live>>() { }).orElse(List.of()).stream().map(AgentWire::observed).toList();
    }

    public Optional<Observed> read(String stack, String name) {
        return call("GET", path(stack, name), null, new TypeReference<Live>() { }).map(AgentWire::observed);
    }

    public Observed put(String stack, String name, ParticleRequest req) {
        return call("PUT", path(stack, name), req, new TypeReference<Live>() { }).map(AgentWire::observed)
                .orElseThrow(() -> new ProviderException("agent lost " + name, true));
    }

    public void delete(String stack, String name) {
        call("DELETE", path(stack, name), null, new TypeReference<JsonNode>() { });
    }

    public Observed setRunning(String stack, String name, boolean running) {
        return call("POST", path(stack, name) + (running ? "/start" : "/stop"), null, new TypeReference<Live>() { })
                .map(AgentWire::observed).orElseThrow(() -> new ProviderException("agent lost " + name, true));
    }

    /** Rotates a secret ({@code supplied}: its new value when it comes from the environment). */
    public List<String> rotate(String stack, String name, Map<String, String> supplied) {
        return call("POST", path(stack, name) + "/rotate", Map.of("supplied", supplied),
                new TypeReference<Map<String, List<String>>>() { })
                .map(m -> m.getOrDefault("restarting", List.of()))
                .orElseThrow(() -> new JitiException("no particle " + name + " in stack " + stack));
    }

    /** The variables of a one-off process beside a particle (secrets revealed: for that process only). */
    public Map<String, String> oneOffEnvironment(String stack, String name) {
        return call("GET", path(stack, name) + "/environment", null, new TypeReference<Map<String, String>>() { })
                .orElseThrow(() -> new JitiException("no particle " + name + " in stack " + stack));
    }

    /** The home's CA certificate (PEM), made on first use. */
    public String caCertificate() {
        return call("GET", "/v1/ca", null, new TypeReference<Map<String, String>>() { })
                .map(m -> m.get("certificate")).orElseThrow(() -> new JitiException("the agent has no CA"));
    }

    /** A new CA; returns its certificate (PEM). */
    public String rotateCa() {
        return call("POST", "/v1/ca/rotate", null, new TypeReference<Map<String, String>>() { })
                .map(m -> m.get("certificate")).orElseThrow(() -> new JitiException("the agent has no CA"));
    }

    /**
     * Sends the particle's log lines to {@code sink} ({@code which}: {@code current}, {@code all} or
     * {@code build}); with {@code follow}, until the thread is interrupted.
     */
    public void logs(String stack, String name, boolean follow, String which, Consumer<String> sink) {
        ensureRunning();
        try {
            AgentSocket.exchange(home.agentSocket(), "GET", path(stack, name) + "/logs?follow=" + follow + "&which=" + enc(which),
                    null, null, (status, in) -> {
                        if (status != 200) { // an error is a small JSON document, not log lines
                            throw new JitiException(error(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
                        }
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                        String line;
                        while ((line = r.readLine()) != null && !Thread.currentThread().isInterrupted()) {
                            sink.accept(line);
                        }
                    });
        } catch (IOException ex) {
            throw new ProviderException("reading logs from the agent failed: " + ex.getMessage(), true, ex);
        }
    }

    /** Asks the agent to exit; its instances keep running. */
    public void shutdown() {
        shutdown(false);
    }

    /** Asks the agent to exit; with {@code everything}, stopping every process it runs first. */
    public void shutdown(boolean everything) {
        if (ping()) {
            try {
                AgentSocket.exchange(home.agentSocket(), "POST", "/v1/shutdown" + (everything ? "?all=true" : ""), null,
                        PING_TIMEOUT);
            } catch (IOException ex) {
                // it went away already
            }
        }
    }

    /**
     * One call; the first of this client makes sure an agent runs (a single round trip when one does), and a
     * call that finds no agent starts one and is sent again.
     */
    private <T> Optional<T> call(String method, String path, Object body, TypeReference<T> type) {
        if (!contacted) {
            secure(); // the home must be ours before anything is sent; the agent is started only if none answers
        }
        for (int attempt = 0; ; attempt++) {
            try {
                byte[] bytes = body == null ? null : Json.MAPPER.writeValueAsBytes(body);
                AgentSocket.Answer res = AgentSocket.exchange(home.agentSocket(), method, path, bytes, CALL_TIMEOUT);
                if (res.status() == 404 && method.equals("GET")) {
                    return Optional.empty();
                }
                if (!contacted) {
                    contacted = true;
                    readInfo().ifPresent(this::superviseOnce);
                }
                if (res.status() >= 300) {
                    String why = error(res.text());
                    throw new ProviderException(why.isBlank() ? "the agent answered HTTP " + res.status() : why,
                            res.status() >= 502);
                }
                return Optional.ofNullable(Json.MAPPER.readValue(res.body(), type));
            } catch (AgentSocket.NotListening ex) {
                if (attempt >= 1) {
                    throw new ProviderException("the agent does not answer: " + ex.getMessage(), true, ex);
                }
                ensureRunning(); // it died: its watchdog or this call brings a new one
            } catch (java.net.SocketTimeoutException ex) {
                throw new ProviderException("the agent did not answer in time", true, ex);
            } catch (IOException ex) {
                throw new ProviderException("talking to the agent failed: " + ex.getMessage(), true, ex);
            }
        }
    }

    /**
     * Asks the agent of {@code info} to exit and waits (at most {@code timeout}) until it and its watchdog are
     * gone; its instances and the balancer host keep running, for the next agent to adopt.
     */
    public void stop(AgentInfo info, Duration timeout) {
        stop(info, timeout, false);
    }

    /** As {@link #stop(AgentInfo, Duration)}; with {@code everything}, every process it runs stops too. */
    public void stop(AgentInfo info, Duration timeout, boolean everything) {
        shutdown(everything);
        long deadline = System.nanoTime() + timeout.toNanos();
        long wait = 20;
        while (alive(info.pid()) || alive(info.watchdog())) {
            if (System.nanoTime() > deadline) {
                throw new JitiException("the jiti agent (pid " + info.pid() + ") did not stop within "
                        + timeout.toSeconds() + "s; see " + home.agentLog());
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JitiException("interrupted while stopping the jiti agent", e);
            }
            wait = Math.min(wait * 2, 200);
        }
    }

    private static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether an agent of this user answers on the home's socket. */
    private boolean ping() {
        if (!Files.exists(home.agentSocket())) {
            return false;
        }
        secure();
        try {
            return AgentSocket.exchange(home.agentSocket(), "GET", "/v1/health", null, PING_TIMEOUT).status() == 200;
        } catch (IOException ex) {
            return false;
        }
    }

    /** The home must be this user's and private before the agent is trusted or started (once per client). */
    private void secure() {
        if (!checked) {
            PrivateFiles.secureHome(home);
            home.requireSocketPathFits();
            checked = true;
        }
    }

    private Optional<AgentInfo> readInfo() {
        try {
            return Optional.of(Json.MAPPER.readValue(home.agentInfo().toFile(), AgentInfo.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String error(String body) {
        try {
            return Json.MAPPER.readTree(body).path("error").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private static String path(String stack, String name) {
        return "/v1/stacks/" + enc(stack) + "/particles/" + enc(name);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
