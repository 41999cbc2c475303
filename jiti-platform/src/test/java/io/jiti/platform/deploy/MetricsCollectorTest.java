package io.jiti.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.platform.model.MetricSample;
import io.jiti.platform.model.Target;
import io.jiti.spi.Observed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A target's sample sums its services' figures: requests and instances added, the worst latency and errors. */
class MetricsCollectorTest {
    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void servicesAreSummedAndTheWorstLatencyAndErrorRateKept() {
        MetricSample s = MetricsCollector.sample(Target.instance("orders", "test"), AT, List.of(
                service("api", Map.of("requestsPerSecond", 40.5, "latencyP99Ms", 12.0, "errorRate", 0.01, "instances", 2)),
                service("worker", Map.of("requestsPerSecond", 9.5, "latencyP99Ms", 80.0, "errorRate", 0.0, "instances", 3)),
                service("db", Map.of()))).orElseThrow();
        assertThat(s).isEqualTo(new MetricSample(Target.instance("orders", "test"), AT, 50.0, 80.0, 0.01, 5));
    }

    @Test
    void aStackWithoutLoadFiguresHasNoSample() {
        assertThat(MetricsCollector.sample(Target.environment("test"), AT, List.of(service("db", Map.of())))).isEmpty();
    }

    private static Observed service(String name, Map<String, Object> metrics) {
        return new Observed("test", name, "service", "h", Map.of(), true, Observed.Status.READY, "", Map.of(), false,
                List.of(), List.of(), List.of(), metrics);
    }
}
