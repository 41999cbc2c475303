package io.jiti.server;

import io.jiti.spi.Observed;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Provider;
import io.jiti.spi.StackLock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider that reports load figures for every service of another one, as the local provider's load
 * balancers do: the figures the test sets (until it sets some, it reports what the other one does).
 */
final class MeteredProvider implements Provider {
    private final Provider inner;
    private volatile Map<String, Object> figures = Map.of();

    MeteredProvider(Provider inner) {
        this.inner = inner;
    }

    /** What every service reports from now on. */
    void report(double requestsPerSecond, double p99Ms, double errorRate, int instances) {
        figures = Map.of("requestsPerSecond", requestsPerSecond, "latencyP99Ms", p99Ms, "errorRate", errorRate,
                "instances", instances);
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public Map<String, ParticleType> types() {
        return inner.types();
    }

    @Override
    public StackLock lock(String stack, Consumer<String> onWait) {
        return inner.lock(stack, onWait);
    }

    @Override
    public Optional<List<Observed>> listAll(String stack) {
        Map<String, Object> now = figures;
        if (now.isEmpty()) {
            return inner.listAll(stack);
        }
        return Optional.of(inner.types().values().stream().flatMap(t -> t.list(stack).stream())
                .map(o -> !o.type().equals("service") ? o : new Observed(o.stack(), o.name(), o.type(),
                        o.specHash(), o.spec(), o.running(), o.status(), o.message(), o.outputs(), o.protect(),
                        o.dependsOn(), o.instances(), o.events(), new LinkedHashMap<>(now))).toList());
    }
}
