package io.jiti.local.lb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.local.Home;
import io.jiti.local.Json;
import io.jiti.local.PrivateFiles;
import io.jiti.local.SocketPeer;
import io.jiti.proxy.Backend;
import io.jiti.proxy.HttpProxy;
import io.jiti.proxy.Tls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process that runs a home's load balancers ({@code java … io.jiti.local.lb.BalancerHost JITI_HOME}):
 * every service's and every bucket front's {@link HttpProxy}, each on its loopback port, which it binds
 * itself (a port it picked is never left free for another process to take). The agent tells it, over the
 * Unix domain socket {@code agent/balancer.sock} ({@link Wire}), what to listen on and which instances are
 * in rotation; it needs the agent for nothing else, so when the agent dies it keeps serving its last
 * rotation, and the next agent adopts it. It starts in a session of its own, one per home
 * ({@code agent/balancer.lock}, its pid in {@code agent/balancer.json}), and ends by itself once it runs
 * no balancer and no agent is connected.
 */
public final class BalancerHost {
    /** With no balancer and no agent connected for this long, the host ends. */
    private static final long IDLE_EXIT_MILLIS = 2_000;
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicLong idleSince = new AtomicLong(System.currentTimeMillis());

    /** A balancer it runs, with what it was last told. */
    private record Hosted(ListenerSpec spec, HttpProxy proxy, List<Backend> backends) {
    }

    private BalancerHost() {
    }

    /** The entry point. */
    public static void main(String[] args) throws Exception {
        Home home = new Home(Path.of(args[0]));
        PrivateFiles.secureHome(home);
        try (FileChannel ch = FileChannel.open(home.agentDir().resolve("balancer.lock"),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), PrivateFiles.FILE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                return; // another host serves this home
            }
            io.jiti.local.DurableFiles.writeAtomically(home.agentDir().resolve("balancer.json"),
                    "{\"pid\":" + ProcessHandle.current().pid() + "}");
            new BalancerHost().serve(home.balancerSocket());
        }
    }

    private void serve(Path socket) throws IOException, InterruptedException {
        Files.deleteIfExists(socket); // left by a host that died; this one holds the lock
        ExecutorService connections = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "balancer-control");
            t.setDaemon(true);
            return t;
        });
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket), 16);
            log("serving " + socket);
            Thread idle = new Thread(() -> exitWhenIdle(server), "balancer-idle");
            idle.setDaemon(true);
            idle.start();
            while (server.isOpen()) {
                SocketChannel ch;
                try {
                    ch = server.accept();
                } catch (IOException e) {
                    break; // closed by the idle check
                }
                connections.execute(() -> converse(ch));
            }
        }
        for (Hosted h : hosted.values()) {
            h.proxy().close();
        }
        log("no balancer and no agent; exiting");
    }

    private void exitWhenIdle(ServerSocketChannel server) {
        while (true) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            if (!hosted.isEmpty() || clients.get() > 0) {
                idleSince.set(System.currentTimeMillis());
            } else if (System.currentTimeMillis() - idleSince.get() > IDLE_EXIT_MILLIS) {
                try {
                    server.close();
                } catch (IOException e) {
                    // closing anyway
                }
                return;
            }
        }
    }

    /** One client (the agent): requests and answers, one line each, until it goes away. */
    private void converse(SocketChannel ch) {
        clients.incrementAndGet();
        try (ch) {
            if (!SocketPeer.sameUser(ch)) {
                return; // only this user's agent may steer the balancers
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(ch);
            JsonNode request;
            while ((request = Wire.read(in)) != null) {
                Object answer;
                try {
                    answer = Map.of("ok", answer(request));
                } catch (IOException | RuntimeException e) {
                    answer = Map.of("error", String.valueOf(e.getMessage()));
                }
                Wire.write(out, answer);
            }
        } catch (IOException e) {
            // the agent went away; the balancers go on
        } finally {
            clients.decrementAndGet();
        }
    }

    private Object answer(JsonNode r) throws IOException {
        String op = r.path("op").asText();
        String id = r.path("id").asText();
        switch (op) {
            case "ping":
                return Map.of("pid", ProcessHandle.current().pid());
            case "listen":
                return Map.of("port", listen(Json.MAPPER.treeToValue(r.path("spec"), ListenerSpec.class)));
            case "backends": {
                List<Backend> backends = Json.MAPPER.convertValue(r.path("backends"), new TypeReference<List<Backend>>() { });
                Hosted h = find(id);
                h.proxy().backends(backends);
                hosted.put(id, new Hosted(h.spec(), h.proxy(), List.copyOf(backends)));
                return true;
            }
            case "outstanding":
                return find(id).proxy().outstanding(r.path("backend").asText());
            case "metrics":
                return find(id).proxy().metrics().snapshot();
            case "close": {
                Hosted h = hosted.remove(id);
                if (h != null) {
                    h.proxy().close();
                }
                return true;
            }
            case "state": {
                List<Map<String, Object>> out = new ArrayList<>();
                hosted.forEach((k, h) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", k);
                    m.put("port", h.proxy().port());
                    m.put("backends", h.backends());
                    out.add(m);
                });
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown op '" + op + "' (ping, listen, backends, outstanding, "
                        + "metrics, close, state)");
        }
    }

    /** Listens as {@code spec} says, or keeps the balancer it has for the id (a new agent adopting it). */
    private synchronized int listen(ListenerSpec spec) throws IOException {
        Hosted h = hosted.get(spec.id());
        if (h != null && (spec.port() == 0 || spec.port() == h.proxy().port())) {
            if (!java.util.Objects.equals(h.spec().certificateChainPem(), spec.certificateChainPem())) {
                h.proxy().tls(tls(spec));
                hosted.put(spec.id(), new Hosted(spec.onPort(h.proxy().port()), h.proxy(), h.backends()));
                log((spec.tls() ? "serving HTTPS with a new certificate" : "serving plain HTTP") + " for " + spec.id());
            }
            return h.proxy().port();
        }
        if (h != null) {
            h.proxy().close();
            hosted.remove(spec.id());
        }
        HttpProxy proxy = HttpProxy.start(spec.config(), tls(spec));
        hosted.put(spec.id(), new Hosted(spec.onPort(proxy.port()), proxy, List.of()));
        log("listening on 127.0.0.1:" + proxy.port() + (spec.tls() ? " (HTTPS, TLS by " + Tls.provider() + ")" : "")
                + " for " + spec.id());
        return proxy.port();
    }

    /** The TLS context {@code spec} asks for, or null for plain HTTP. */
    private static io.netty.handler.ssl.SslContext tls(ListenerSpec spec) throws IOException {
        return spec.tls() ? Tls.server(spec.certificateChainPem(), spec.privateKeyPem()) : null;
    }

    private Hosted find(String id) {
        Hosted h = hosted.get(id);
        if (h == null) {
            throw new IllegalArgumentException("no balancer " + id);
        }
        return h;
    }

    private static void log(String message) {
        System.out.println("balancer " + ProcessHandle.current().pid() + ": " + message);
    }
}
