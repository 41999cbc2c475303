package io.jiti.local.agent;

import io.jiti.proxy.MetricsSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How many instances a service wants: its {@code instances}, or with {@code autoscale} the count its load
 * calls for, sampled once a second from its load balancer and its processes ({@link LoadSampler}, decided
 * by {@link Autoscaler}, each decision an event). Not during a deploy, nor while it is stopped.
 */
final class ServiceScaling {
    private final Events events;
    private final LoadSampler load = new LoadSampler();
    private Autoscaler autoscaler;
    private int scaledTo;

    ServiceScaling(Events events) {
        this.events = events;
    }

    /** Follows {@code rec}'s spec; a newly autoscaled service starts from the instances it runs. */
    void configure(ParticleRecord rec, long running) {
        autoscaler = Autoscaler.of(rec.spec());
        if (autoscaler != null && scaledTo == 0) {
            scaledTo = Math.max(autoscaler.min(), Math.max(1, (int) running));
        }
        if (autoscaler == null) {
            scaledTo = 0;
        }
    }

    /** The instances {@code rec} should run now. */
    int desired(ParticleRecord rec) {
        if (autoscaler != null) {
            return scaledTo;
        }
        Object n = rec.spec().get("instances");
        return n instanceof Number num ? num.intValue() : 1;
    }

    /** Once a second: the load figures of {@code metrics} and {@code pids}, and with autoscaling the count they call for. */
    void sample(long now, ParticleRecord rec, Supplier<MetricsSnapshot> metrics, List<Long> pids) {
        if (!load.due(now)) {
            return;
        }
        LoadSampler.Sample s = load.take(now, metrics.get(), pids);
        if (autoscaler == null || !rec.running() || rec.rollout() != null) {
            return;
        }
        double total = switch (autoscaler.metric()) {
            case INFLIGHT -> s.inFlight();
            case RPS -> s.requestsPerSecond();
            case CPU -> s.cpuPercent();
        };
        int before = scaledTo;
        scaledTo = autoscaler.decide(now, before, total);
        if (scaledTo != before) {
            events.add("autoscale: " + before + " -> " + scaledTo + " instances (" + autoscaler.metric().name()
                    .toLowerCase(Locale.ROOT) + " " + String.format(Locale.ROOT, "%.1f", total) + " over " + before + ")");
        }
    }

    /** The figures of the last sample. */
    Map<String, Object> summary() {
        return load.summary();
    }
}
