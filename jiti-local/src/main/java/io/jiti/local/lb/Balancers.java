package io.jiti.local.lb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.JitiException;
import io.jiti.local.ChildEnvironment;
import io.jiti.local.Home;
import io.jiti.local.Json;
import io.jiti.local.PrivateFiles;
import io.jiti.local.SocketPeer;
import io.jiti.proxy.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's side of the {@link BalancerHost}: starts the host when none runs (or adopts the one that
 * does), keeps one connection to it, and hands out a {@link Balancer} per service or front. When the host
 * is a new one (it died and was started again), every balancer is set up on it again, on its own port and
 * with its last rotation, before the next request goes out. Thread-safe.
 */
public final class Balancers implements AutoCloseable {
    private static final long START_MILLIS = 15_000;
    private final Home home;
    private final Map<String, Balancer> handles = new ConcurrentHashMap<>();
    private SocketChannel channel;
    private BufferedReader in;
    private OutputStream out;
    private long hostPid;

    public Balancers(Home home) {
        this.home = home;
    }

    /**
     * The balancer {@code spec} describes: the one the host already runs for its id (adopted), or a new one
     * on {@code spec.port()} (0: a port the host binds itself).
     */
    public Balancer listen(ListenerSpec spec) {
        Balancer b = handles.computeIfAbsent(spec.id(), id -> new Balancer(this, spec));
        b.open(spec);
        return b;
    }

    /** Which instances each balancer the host runs has in rotation (ids by balancer id), for adoption. */
    public synchronized Map<String, List<String>> rotations() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode l : call(Map.of("op", "state"))) {
            List<String> ids = new ArrayList<>();
            l.path("backends").forEach(b -> ids.add(b.path("id").asText()));
            out.put(l.path("id").asText(), ids);
        }
        return out;
    }

    void forget(String id) {
        handles.remove(id);
    }

    /** One request to the host; a host that died is started again (and set up) and the request sent again. */
    synchronized JsonNode call(Map<String, Object> request) {
        for (int attempt = 0; ; attempt++) {
            try {
                connect();
                Wire.write(out, request);
                JsonNode answer = Wire.read(in);
                if (answer == null) {
                    throw new IOException("the balancer host closed the connection");
                }
                if (answer.has("error")) {
                    throw new JitiException("the balancer host refused " + request.get("op") + ": "
                            + answer.path("error").asText());
                }
                return answer.path("ok");
            } catch (IOException e) {
                disconnect();
                if (attempt >= 1) {
                    throw new JitiException("the balancer host does not answer: " + e.getMessage(), e);
                }
            }
        }
    }

    private void connect() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        if (!tryConnect()) {
            start();
        }
        long pid = ping();
        if (pid != hostPid) {
            boolean adopted = hostPid == 0;
            hostPid = pid;
            if (!adopted) {
                for (Balancer b : handles.values()) {
                    b.restore(); // a new host: every balancer again, on its port, with its rotation
                }
            }
        }
    }

    private long ping() throws IOException {
        Wire.write(out, Map.of("op", "ping"));
        JsonNode answer = Wire.read(in);
        if (answer == null) {
            throw new IOException("the balancer host closed the connection");
        }
        return answer.path("ok").path("pid").asLong();
    }

    private boolean tryConnect() {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(home.balancerSocket()));
            } catch (IOException e) {
                ch.close();
                return false;
            }
            try {
                SocketPeer.requireSameUser(ch, home.balancerSocket());
            } catch (JitiException e) {
                ch.close();
                throw e;
            }
            channel = ch;
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(ch);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the host in a session of its own (it outlives the agent) and waits until it answers. */
    private void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder("setsid", java, "-Xmx128m", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                BalancerHost.class.getName(), home.root().toString());
        ChildEnvironment.apply(pb, ChildEnvironment.forRun(System.getenv()), Map.of());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(
                PrivateFiles.file(home.agentDir().resolve("raw").resolve("balancer.out")).toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + START_MILLIS;
        long wait = 10;
        while (System.currentTimeMillis() < deadline) {
            if (tryConnect()) {
                return;
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                throw new IOException("the balancer host exited with code " + p.exitValue() + " (see "
                        + home.agentDir().resolve("balancer.log") + ")");
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the balancer host", e);
            }
            wait = Math.min(wait * 2, 200);
        }
        throw new IOException("the balancer host did not start within " + START_MILLIS / 1000 + "s");
    }

    private void disconnect() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // gone anyway
        }
        channel = null;
    }

    static List<Backend> backends(JsonNode node) {
        return Json.MAPPER.convertValue(node, new TypeReference<List<Backend>>() { });
    }

    /** Lets go of the host; its balancers go on serving. */
    @Override
    public synchronized void close() {
        disconnect();
    }
}
