package io.jiti.platform.deploy;

import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.MetricSample;
import io.jiti.platform.model.Target;
import io.jiti.platform.store.Store;
import io.jiti.spi.Observed;
import io.jiti.spi.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Samples what the providers report about every deployed target (requests per second, p99 latency, error
 * rate, instances: the figures of its services' load balancers) at a fixed interval, keeps them for a
 * retention period and drops older ones. Outputs are never stored; these figures are, so that a chart can
 * show the hour before a deployment.
 */
public final class MetricsCollector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MetricsCollector.class.getName());
    /** The most targets one round samples (a bound on the provider calls of a round). */
    static final int MAX_TARGETS = 2000;
    private static final int PAGE = 500;
    private final Store store;
    private final ProviderSource providers;
    private final Clock clock;
    private final Duration interval;
    private final Duration retention;
    private ScheduledExecutorService timer;
    private Instant last = Instant.EPOCH;

    /**
     * A collector.
     *
     * @param interval  how often it samples ({@link Duration#ZERO}: never on its own, only {@link #collect()})
     * @param retention how long samples are kept
     */
    public MetricsCollector(Store store, ProviderSource providers, Clock clock, Duration interval, Duration retention) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
        this.interval = interval;
        this.retention = retention;
    }

    /** Starts sampling at the interval (not when it is zero). */
    public synchronized void start() {
        if (interval.isZero() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jiti-metrics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                collect();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sampling metrics failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Samples every deployed target once and drops samples past the retention; returns how many it took (none
     * when called again within the same millisecond: a target has one sample per instant).
     */
    public synchronized int collect() {
        Instant now = clock.instant();
        if (!now.isAfter(last)) {
            return 0;
        }
        last = now;
        Map<String, List<Target>> byProvider = deployedTargets();
        List<MetricSample> samples = new ArrayList<>();
        byProvider.forEach((id, targets) -> {
            try (Provider provider = providers.open(id)) {
                Reconciler reconciler = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults());
                for (Target t : targets) {
                    try {
                        sample(t, now, reconciler.observe(t.stack()).values()).ifPresent(samples::add);
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "could not observe " + t, e);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not open provider " + id, e);
            }
        });
        store.insertSamples(samples);
        store.pruneSamples(now.minus(retention));
        return samples.size();
    }

    /** The first {@link #MAX_TARGETS} targets with a deployment, by the provider they run on (the inventory's query). */
    private Map<String, List<Target>> deployedTargets() {
        Map<String, String> providerOf = new LinkedHashMap<>();
        store.environments().forEach(e -> providerOf.put(e.name(), e.provider()));
        Map<String, List<Target>> byProvider = new LinkedHashMap<>();
        int taken = 0;
        String after = null;
        List<InventoryRow> page;
        do {
            page = store.inventory(InventoryFilter.none(), after, PAGE);
            for (InventoryRow r : page) {
                String provider = providerOf.get(r.environment());
                if (r.deployment() != 0 && provider != null && taken < MAX_TARGETS) {
                    byProvider.computeIfAbsent(provider, k -> new ArrayList<>()).add(Target.parse("target", r.target()));
                    taken++;
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).key();
        } while (page.size() == PAGE && taken < MAX_TARGETS);
        return byProvider;
    }

    /**
     * One sample of {@code target} from what its stack's particles report: requests summed, the worst p99
     * and error rate, instances summed; empty when none of them reports load figures.
     */
    static Optional<MetricSample> sample(Target target, Instant at, Collection<Observed> live) {
        double rps = 0;
        double p99 = 0;
        double errors = 0;
        int instances = 0;
        boolean any = false;
        for (Observed o : live) {
            Map<String, Object> m = o.metrics();
            if (!m.containsKey("requestsPerSecond")) {
                continue;
            }
            any = true;
            rps += number(m.get("requestsPerSecond"));
            p99 = Math.max(p99, number(m.get("latencyP99Ms")));
            errors = Math.max(errors, number(m.get("errorRate")));
            instances += m.containsKey("instances") ? (int) number(m.get("instances")) : o.instances().size();
        }
        return any ? Optional.of(new MetricSample(target, at, rps, p99, errors, instances)) : Optional.empty();
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
