package io.jiti.local.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jiti.local.Json;
import io.jiti.local.ParticleRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The agent's control API on loopback, guarded by a bearer token:
 * <ul>
 * <li>{@code GET /v1/health}</li>
 * <li>{@code GET /v1/stacks/S/particles[?type=T]}, {@code GET|PUT|DELETE /v1/stacks/S/particles/N}</li>
 * <li>{@code POST /v1/stacks/S/particles/N/start|stop}, {@code GET /v1/stacks/S/particles/N/logs[?follow=true]}</li>
 * <li>{@code POST /v1/shutdown}: the agent exits, leaving instances running</li>
 * <li>{@code GET /metrics}: every service's load-balancer metrics in the Prometheus text format</li>
 * </ul>
 */
final class ControlApi implements AutoCloseable {
    private final HttpServer server;
    private final Agent agent;
    private final byte[] token;
    private final Runnable shutdown;

    ControlApi(Agent agent, String token, Runnable shutdown) throws IOException {
        this.agent = agent;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.shutdown = shutdown;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "agent-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), token)) {
                send(ex, 401, Map.of("error", "missing or wrong token"));
                return;
            }
            route(ex);
        } catch (Agent.AgentException e) {
            send(ex, e.status(), Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            send(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String[] p = uri.getPath().replaceAll("^/+|/+$", "").split("/");
        Map<String, String> query = query(uri.getRawQuery());
        if (p.length == 1 && p[0].equals("metrics")) {
            byte[] text = agent.prometheus().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, text.length);
            ex.getResponseBody().write(text);
        } else if (p.length == 2 && p[1].equals("health")) {
            send(ex, 200, Map.of("pid", ProcessHandle.current().pid()));
        } else if (p.length == 2 && p[1].equals("shutdown") && method.equals("POST")) {
            send(ex, 200, Map.of("stopping", true));
            shutdown.run();
        } else if (p.length == 4 && p[1].equals("stacks") && p[3].equals("particles")) {
            send(ex, 200, agent.list(p[2], Optional.ofNullable(query.get("type"))));
        } else if (p.length == 5 && p[1].equals("stacks")) {
            particle(ex, method, p[2], p[4]);
        } else if (p.length == 6 && p[1].equals("stacks") && method.equals("POST")
                && (p[5].equals("start") || p[5].equals("stop"))) {
            agent.setRunning(p[2], p[4], p[5].equals("start"));
            send(ex, 200, agent.read(p[2], p[4]).orElseThrow());
        } else if (p.length == 6 && p[1].equals("stacks") && p[5].equals("rotate") && method.equals("POST")) {
            Map<String, Map<String, String>> body = Json.MAPPER.readValue(ex.getRequestBody(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, String>>>() { });
            String supplied = body.getOrDefault("supplied", Map.of()).get(SecretRuntime.KEY);
            send(ex, 200, Map.of("restarting", agent.rotate(p[2], p[4], supplied)));
        } else if (p.length == 6 && p[1].equals("stacks") && p[5].equals("logs")) {
            logs(ex, p[2], p[4], "true".equals(query.get("follow")));
        } else {
            send(ex, 404, Map.of("error", "no route " + method + " " + uri.getPath()));
        }
    }

    private void particle(HttpExchange ex, String method, String stack, String name) throws IOException {
        switch (method) {
            case "GET":
                Optional<?> found = agent.read(stack, name);
                if (found.isPresent()) {
                    send(ex, 200, found.get());
                } else {
                    send(ex, 404, Map.of("error", "no particle " + name + " in stack " + stack));
                }
                break;
            case "PUT":
                ParticleRequest req = Json.MAPPER.readValue(ex.getRequestBody(), ParticleRequest.class);
                send(ex, 200, agent.put(stack, name, req));
                break;
            case "DELETE":
                agent.delete(stack, name);
                send(ex, 200, Map.of("deleted", name));
                break;
            default:
                send(ex, 405, Map.of("error", "method " + method + " not allowed"));
        }
    }

    private void logs(HttpExchange ex, String stack, String name, boolean follow) throws IOException {
        LogTail tail = new LogTail(agent.logs(stack, name));
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        tail.run(follow, () -> agent.read(stack, name).isPresent(), line -> {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        });
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
