package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.Home;
import io.jiti.local.lb.Balancer;
import io.jiti.local.lb.Balancers;
import io.jiti.local.lb.ListenerSpec;
import io.jiti.local.tls.LocalCa;
import java.util.List;
import java.util.Set;

/**
 * Where a service's stable port lives: its {@link Balancer} in the balancer host, served over HTTPS with
 * the home's certificate when the spec says {@code tls: true}.
 */
final class ServiceFront {
    private final Home home;
    private final Balancers balancers;
    private final String id;
    private final String name;

    ServiceFront(Home home, Balancers balancers, ParticleRecord rec) {
        this.home = home;
        this.balancers = balancers;
        this.id = rec.stack() + "/" + rec.name();
        this.name = rec.name();
    }

    /** Its balancer as {@code r} wants it, on {@code port} (0: a port the host picks). */
    Balancer open(int port, ParticleRecord r) {
        ListenerSpec spec = ListenerSpec.of(id, port);
        if (r.tls()) {
            spec = spec.withTls(LocalCa.of(home).server());
        }
        try {
            return balancers.listen(spec);
        } catch (JitiException e) {
            throw new JitiException("cannot listen on 127.0.0.1:" + port + " for service " + name + ": "
                    + e.getMessage(), e);
        }
    }

    /** The instances the balancer host has in rotation now (for an agent adopting them). */
    Set<String> serving() {
        return Set.copyOf(balancers.rotations().getOrDefault(id, List.of()));
    }
}
