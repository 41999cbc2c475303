package io.jiti.platform;

import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.MetricSeries;
import io.jiti.platform.model.Target;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The figures the server sampled of a target (requests, latency, errors, instances), with its deployments. */
public final class Metrics {
    /** The shortest window. */
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    /** The longest window (what the server keeps). */
    public static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final int MAX_SAMPLES = 2000;
    private final Store store;
    private final Clock clock;

    Metrics(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The samples of {@code target} over the last {@code window} and the deployments made in it; anyone may read. */
    public MetricSeries series(Caller caller, Target target, Duration window) {
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw PlatformException.badInput("window", "window is from 1m to 24h");
        }
        boolean exists = target.isInstance() ? store.instance(target.service(), target.environment()).isPresent()
                : store.environment(target.environment()).isPresent();
        if (!exists) {
            throw PlatformException.notFound("target", "no such target: " + target);
        }
        Instant since = clock.instant().minus(window);
        List<Deployment> deployments = new ArrayList<>(store.deployments(target, 0, 200).stream()
                .filter(d -> !d.created().isBefore(since)).toList());
        Collections.reverse(deployments);
        return new MetricSeries(target, store.samples(target, since, MAX_SAMPLES), deployments);
    }
}
