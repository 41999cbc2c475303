package io.jiti.local.lb;

import io.jiti.local.Json;
import io.jiti.proxy.Backend;
import io.jiti.proxy.MetricsSnapshot;
import java.util.List;
import java.util.Map;

/**
 * One load balancer in the {@link BalancerHost}, as the agent steers it: its port, its rotation (sent only
 * when it changes), the requests an instance still has, its metrics.
 */
public final class Balancer {
    private final Balancers host;
    private volatile ListenerSpec spec;
    private volatile List<Backend> rotation;

    Balancer(Balancers host, ListenerSpec spec) {
        this.host = host;
        this.spec = spec;
    }

    /** Sets it up on the host (or finds it there), keeping the port the host gives. */
    synchronized void open(ListenerSpec wanted) {
        int port = host.call(Map.of("op", "listen", "spec", wanted)).path("port").asInt();
        spec = wanted.onPort(port);
    }

    /** On a new host: the same balancer on the same port, with the last rotation. */
    synchronized void restore() {
        host.call(Map.of("op", "listen", "spec", spec));
        if (rotation != null) {
            host.call(Map.of("op", "backends", "id", spec.id(), "backends", rotation));
        }
    }

    /** The loopback port it listens on. */
    public int port() {
        return spec.port();
    }

    /** The instances in rotation; the host is told only when they differ from the last ones. */
    public synchronized void backends(List<Backend> backends) {
        if (!backends.equals(rotation)) {
            host.call(Map.of("op", "backends", "id", spec.id(), "backends", backends));
            rotation = List.copyOf(backends);
        }
    }

    /** Requests in flight on one instance, for draining before it stops. */
    public int outstanding(String backendId) {
        return host.call(Map.of("op", "outstanding", "id", spec.id(), "backend", backendId)).asInt();
    }

    /** Its counters now. */
    public MetricsSnapshot metrics() {
        return Json.MAPPER.convertValue(host.call(Map.of("op", "metrics", "id", spec.id())), MetricsSnapshot.class);
    }

    /** Stops it: its port is closed. */
    public void close() {
        host.call(Map.of("op", "close", "id", spec.id()));
        host.forget(spec.id());
    }
}
